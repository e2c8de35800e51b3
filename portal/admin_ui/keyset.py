"""Keyset ("seek") paging for the admin's deep listings: the review queues.

Wagtail's listings page with Django's Paginator: it counts every matching row
and reads page N with OFFSET, so the database walks and throws away every row
before the page (page 2,000 of a 100,000-row queue reads 100,000 rows). Here a
page starts where the one before it ended: the Next link carries the sort
values of the page's last row (Previous those of its first), and the query asks
for the rows after them, which an index on the same columns reaches directly
at any depth. Pages have no numbers; the links are First, Previous, Next and
Last, and the total is counted only up to a limit.

A cursor is signed: one that was altered, belongs to another listing or sort
order, or cannot be read opens the first page instead.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.utils.functional import cached_property

SALT = "volunteers.admin_keyset"
AFTER, BEFORE, LAST = "a", "b", "z"
# Counting stops here: past it the listing says "more than 10,000". A full
# COUNT(*) reads every matching row: 15-20 ms for the 120,000 records waiting
# at seed scale, 110-130 ms for "All statuses" (1 M records), more with a
# filter through a join or a search. The capped count reads at most this many
# rows: 2-6 ms on the queue's index whatever the table's size.
COUNT_LIMIT = 10_000


def ordering_reversed(ordering: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name[1:] if name.startswith("-") else f"-{name}" for name in ordering)


def keyset_after(ordering: tuple[str, ...], values: list) -> Q:
    """The rows that come after ``values`` (one per column) in ``ordering``.

    For ("-date", "pk"): date < d OR (date = d AND pk > p). The first column's
    bound (date <= d) is repeated outside the OR so the database can start its
    index scan at the cursor instead of filtering from the top of the index.
    """
    after = Q()
    equal: dict[str, Any] = {}
    for name, value in zip(ordering, values, strict=True):
        column = name.lstrip("-")
        lookup = "lt" if name.startswith("-") else "gt"
        after |= Q(**equal, **{f"{column}__{lookup}": value})
        equal[column] = value
    first = ordering[0]
    bound = "lte" if first.startswith("-") else "gte"
    return Q(**{f"{first.lstrip('-')}__{bound}": values[0]}) & after


@dataclass
class KeysetPage:
    """One page of rows; stands in for Django's ``Page`` in Wagtail's templates."""

    object_list: list
    has_next: bool
    has_previous: bool
    paginator: "KeysetPaginator"
    next_cursor: str = ""
    previous_cursor: str = ""
    links: dict[str, str] = field(default_factory=dict)

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


class KeysetPaginator:
    """Pages ``queryset`` by ``ordering``, whose last column must be unique (the pk).

    ``key`` names the ordering in the cursor, so a cursor made for one sort
    order is not applied to another. The columns must be the model's own,
    non-null fields.
    """

    def __init__(self, queryset, per_page: int, *, ordering, key: str, count_limit=COUNT_LIMIT):
        self.queryset = queryset
        self.per_page = per_page
        self.ordering = tuple(ordering)
        self.key = key
        self.count_limit = count_limit
        meta = queryset.model._meta
        self.signer = signing.Signer(salt=f"{SALT}.{meta.label_lower}")
        self.fields = [
            meta.pk if name.lstrip("-") == "pk" else meta.get_field(name.lstrip("-"))
            for name in self.ordering
        ]

    # --- The count -------------------------------------------------------------------

    @cached_property
    def _counted(self) -> int:
        rows = self.queryset.order_by().values("pk")[: self.count_limit + 1]
        return rows.count()

    @property
    def count(self) -> int:
        """How many rows match, or ``count_limit`` when there are more."""
        return min(self._counted, self.count_limit)

    @property
    def count_is_capped(self) -> bool:
        return self._counted > self.count_limit

    def get_elided_page_range(self, *args, **kwargs):
        return ()  # pages have no numbers

    # --- Cursors ---------------------------------------------------------------------

    def cursor(self, direction: str, row=None) -> str:
        values = [f.value_to_string(row) for f in self.fields] if row is not None else []
        return self.signer.sign_object([self.key, direction, values])

    def _read(self, cursor: str):
        """(direction, values) of a valid cursor for this ordering, else (None, None)."""
        if not cursor:
            return None, None
        try:
            key, direction, raw = self.signer.unsign_object(cursor)
            if key != self.key or direction not in (AFTER, BEFORE, LAST):
                return None, None
            if direction == LAST:
                return LAST, None
            values = [f.to_python(v) for f, v in zip(self.fields, raw, strict=True)]
        except (signing.BadSignature, ValueError, TypeError, ValidationError, FieldDoesNotExist):
            return None, None
        if any(v is None for v in values):
            return None, None
        return direction, values

    # --- Pages -----------------------------------------------------------------------

    def _rows(self, queryset) -> tuple[list, bool]:
        """The first ``per_page`` rows of ``queryset`` and whether there are more."""
        rows = list(queryset[: self.per_page + 1])
        return rows[: self.per_page], len(rows) > self.per_page

    def _first(self):
        rows, more = self._rows(self.queryset.order_by(*self.ordering))
        return rows, more, False

    def _last(self):
        rows, more = self._rows(self.queryset.order_by(*ordering_reversed(self.ordering)))
        return rows[::-1], False, more

    def page(self, cursor: str) -> KeysetPage:
        direction, values = self._read(cursor)
        if direction == AFTER:
            rows, has_next = self._rows(
                self.queryset.filter(keyset_after(self.ordering, values)).order_by(*self.ordering)
            )
            has_previous = True
            if not rows:  # the rows after it were decided meanwhile: show the end
                rows, has_next, has_previous = self._last()
        elif direction == BEFORE:
            backwards = ordering_reversed(self.ordering)
            rows, has_previous = self._rows(
                self.queryset.filter(keyset_after(backwards, values)).order_by(*backwards)
            )
            rows.reverse()
            has_next = True
            # Back at the start with a short page (rows decided meanwhile, or
            # pages counted from Last): show a full first page instead.
            if len(rows) < self.per_page:
                rows, has_next, has_previous = self._first()
        elif direction == LAST:
            rows, has_next, has_previous = self._last()
        else:
            rows, has_next, has_previous = self._first()
        page = KeysetPage(rows, has_next, has_previous, self)
        if rows:
            page.next_cursor = self.cursor(AFTER, rows[-1]) if has_next else ""
            page.previous_cursor = self.cursor(BEFORE, rows[0]) if has_previous else ""
        return page


class KeysetIndexMixin:
    """For a Wagtail ``IndexView``: pages by keyset and sorts only as an index allows.

    ``keyset_orderings`` maps each ``?ordering=`` the listing offers (a
    column's ``sort_key``, with or without "-") to the columns it sorts by,
    ending with the pk; ``default_ordering`` must be one of its keys. Sorting
    by anything else would need the database to sort every matching row for
    each page, so the other columns are not sortable.
    """

    page_kwarg = "cursor"  # Wagtail drops it from the filter links: a new filter starts over
    keyset_orderings: dict[str, tuple[str, ...]] = {}
    count_limit = COUNT_LIMIT

    def get_valid_orderings(self):
        return list(self.keyset_orderings)

    def get_ordering(self):
        ordering = self.request.GET.get("ordering")
        return ordering if ordering in self.keyset_orderings else self.default_ordering

    def order_queryset(self, queryset):
        return queryset.order_by(*self.keyset_orderings[self.ordering])

    def paginate_queryset(self, queryset, page_size):
        paginator = KeysetPaginator(
            queryset,
            page_size,
            ordering=self.keyset_orderings[self.ordering],
            key=self.ordering,
            count_limit=self.count_limit,
        )
        page = paginator.page(self.request.GET.get(self.page_kwarg, ""))
        page.links = self._page_links(paginator, page)
        return paginator, page, page.object_list, page.has_other_pages()

    def _page_links(self, paginator, page) -> dict[str, str]:
        query = self.request.GET.copy()
        for name in (self.page_kwarg, "p", "_w_filter_fragment"):
            query.pop(name, None)

        def url(cursor=""):
            if cursor:
                query[self.page_kwarg] = cursor
            else:
                query.pop(self.page_kwarg, None)
            encoded = query.urlencode()
            return f"{self.index_url}?{encoded}" if encoded else self.index_url

        links = {}
        if page.has_previous:
            links["first"] = url()
            links["previous"] = url(page.previous_cursor)
        if page.has_next:
            links["next"] = url(page.next_cursor)
            links["last"] = url(paginator.cursor(LAST))
        return links

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        paginator = context["paginator"]
        context["count_is_capped"] = paginator.count_is_capped
        context["page_links"] = context["page_obj"].links
        return context
