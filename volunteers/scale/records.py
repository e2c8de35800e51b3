"""Service records of the people who came, and activity reports of about 2 in 5 past events.

Records copy the event's team, township and local date, as the services do.
Those of the last two weeks still wait for staff; older ones are mostly
approved, a few still submitted (so the hours queue is deep) or rejected.
"""

from datetime import timedelta

from django.utils import timezone

from volunteers.choices import EventKind
from volunteers.demo.participation import FIGURES, SUMMARIES
from volunteers.participation.models.hours import RecordSource, RecordStatus, ServiceRecord
from volunteers.participation.models.reports import REPORT_FIGURES, ActivityReport, ReportStatus
from volunteers.scale.events import TITLES, EventPlan
from volunteers.scale.people import Places

RECENT = timedelta(days=14)  # records and reports of events this recent await review
SUBMITTED, REJECTED = 0.035, 0.01  # shares of older records
REPORTED, REPORT_REJECTED = 0.4, 0.05
DECIMAL_FIGURES = ("litter_kg", "river_km")
REJECT_REASON = "时长与签到记录不符，请核对后重新提交。"
REPORT_SUMMARIES = {
    **SUMMARIES,
    EventKind.OTHER: "队员分组开展护水志愿服务，活动结束后清点人数并合影留念。",
}


def _status(event: EventPlan, now, rng) -> str:
    if event.ends > now - RECENT:
        return RecordStatus.SUBMITTED
    roll = rng.random()
    if roll < SUBMITTED:
        return RecordStatus.SUBMITTED
    return RecordStatus.REJECTED if roll < SUBMITTED + REJECTED else RecordStatus.APPROVED


def records_write(writer, events, attendees, places: Places, *, now, rng) -> None:
    total = sum(len(people) for people in attendees.values())
    first = writer.reserve_ids(ServiceRecord, total)
    columns = [
        "id", "volunteer", "event", "team", "township", "date", "hours", "source", "status",
        "submitted_by", "submitted_at", "decided_at", "reject_reason", "flag_comment", "created_at",
    ]  # fmt: skip

    def rows():
        pk = first
        for event in events:
            people = attendees.get(event.id)
            if not people:
                continue
            township_id = places.townships[event.township].id
            day = timezone.localdate(event.starts)
            length = (event.ends - event.starts).total_seconds() / 3600
            source = RecordSource.CHECKIN if rng.random() < 0.6 else RecordSource.ATTENDANCE
            created = min(now, event.ends + timedelta(hours=rng.uniform(0.5, 6)))
            submitted = min(now, created + timedelta(hours=rng.uniform(1, 48)))
            for user_id in people:
                hours = min(8.0, max(0.5, length + rng.uniform(-0.9, 0.3)))
                status = _status(event, now, rng)
                decided = None
                if status != RecordStatus.SUBMITTED:
                    decided = min(now, submitted + timedelta(days=rng.uniform(0.2, 10)))
                reason = REJECT_REASON if status == RecordStatus.REJECTED else ""
                yield (
                    pk, user_id, event.id, event.team.id, township_id, day, f"{hours:.2f}",
                    source, status, event.team.leader, submitted, decided, reason, "", created,
                )  # fmt: skip
                pk += 1

    writer.copy(ServiceRecord, columns, rows(), total=total)


def _figures(kind: str, people: int, rng) -> list:
    """The report's figures in ``REPORT_FIGURES`` order, by type of activity and head count."""
    ranges = FIGURES.get(kind, {})
    values = []
    for name in REPORT_FIGURES:
        value = rng.uniform(*ranges[name]) * people if name in ranges else 0
        values.append(f"{value:.1f}" if name in DECIMAL_FIGURES else round(value))
    return values


def reports_write(writer, events, places: Places, *, now, rng) -> None:
    reported = [e for e in events if e.records and rng.random() < REPORTED]
    first = writer.reserve_ids(ActivityReport, len(reported))
    columns = [
        "id", "team", "event", "title", "date", "kind", "township", "place", "lat", "lon",
        "summary", "participants", *REPORT_FIGURES, "status", "created_by", "created_at",
        "submitted_at", "decided_at", "reject_reason",
    ]  # fmt: skip

    def rows():
        for n, event in enumerate(reported):
            place = places.townships[event.township]
            people = event.records + rng.randint(0, 10)
            written = min(now, event.ends + timedelta(hours=rng.uniform(2, 72)))
            if event.ends > now - RECENT:
                status, decided = ReportStatus.SUBMITTED, None
            else:
                rejected = rng.random() < REPORT_REJECTED
                status = ReportStatus.REJECTED if rejected else ReportStatus.APPROVED
                decided = min(now, written + timedelta(days=rng.uniform(0.5, 7)))
            yield (
                first + n, event.team.id, event.id, TITLES[event.kind].format(place=place.name),
                timezone.localdate(event.starts), event.kind, place.id, f"{place.name}政府门口",
                place.lat, place.lon, REPORT_SUMMARIES[event.kind], people,
                *_figures(event.kind, people, rng), status, event.team.leader, written, written,
                decided, REJECT_REASON if status == ReportStatus.REJECTED else "",
            )  # fmt: skip

    writer.copy(ActivityReport, columns, rows(), total=len(reported))
