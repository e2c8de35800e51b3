"""Service records as the review queues show them: their hours, activity and details.

Both queues read them: the hours queue lists and decides on records, a
report's review page lists the records that come with the report.
"""

from django.db.models import Exists, OuterRef

from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import ServiceRecord
from volunteers.people.display import person_name


def hours_text(value) -> str:
    """2.50 → "2.5", 10.00 → "10"."""
    if value is None:
        return ""
    return format(value.normalize(), "f")


def activity_title(record) -> str:
    if record.event_id:
        return record.event.title
    if record.report_id:
        return record.report.title
    return ""


def record_label(record) -> str:
    parts = [person_name(record.volunteer), activity_title(record), record.date.isoformat()]
    return " · ".join(p for p in parts if p)


def _checked_in_far():
    return Exists(
        CheckIn.objects.filter(
            event_id=OuterRef("event_id"),
            volunteer_id=OuterRef("volunteer_id"),
            far_from_event=True,
        )
    )


def records_with_details(queryset=None):
    """Records with what the lists and pages show, and whether the check-in was far away."""
    queryset = ServiceRecord.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "volunteer__volunteer", "event", "report", "team", "township__county"
    ).annotate(checked_in_far=_checked_in_far())


# What a row of the hours queue shows, and nothing more: no place, no event
# description.
LISTED_FIELDS = (
    "volunteer__username",
    "volunteer__volunteer__display_name",
    "event__title",
    "report__title",
    "team__name",
    "date",
    "hours",
    "source",
    "status",
    "flagged_at",
    "flag_comment",
)


def records_listed():
    """The records of the hours queue with only the columns its rows show."""
    return ServiceRecord.objects.select_related(
        "volunteer__volunteer", "event", "report", "team"
    ).only(*LISTED_FIELDS)


def mark_checked_in_far(records) -> None:
    """Set ``checked_in_far`` on each of a page's records, in one query.

    Asked in the listing's query, the database answers it by hashing every
    far check-in there is, on every page; asked for the page's events, it
    reads only their check-ins.
    """
    events = {record.event_id for record in records if record.event_id}
    far = set(
        CheckIn.objects.filter(event_id__in=events, far_from_event=True).values_list(
            "event_id", "volunteer_id"
        )
        if events
        else ()
    )
    for record in records:
        record.checked_in_far = (record.event_id, record.volunteer_id) in far
