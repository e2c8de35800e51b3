"""Query pieces Django has no name for."""

from django.db.models import F, Func, Subquery


def count_of(queryset) -> Subquery:
    """``queryset``'s size as a scalar subquery: a COUNT without GROUP BY, so it can be
    annotated or selected alongside other counts in one query."""
    return Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1])
