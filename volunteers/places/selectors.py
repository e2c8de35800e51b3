"""Reads of the gazetteer for pages of other apps."""

from django.db.models import QuerySet

from volunteers.places.models import County


def counties() -> QuerySet:
    """Shiyan's counties and districts in gazetteer order (by code)."""
    return County.objects.order_by("code")
