"""Demo participation: check-ins, service records at every stage, activity reports with
drawn photos, and volunteers at each star level.

It runs after the campaigns' demo so reports of campaign events link to the
campaign. Records are written in bulk with their audit rows (no e-mail is
sent), then the rollups are rebuilt from them; star levels are marked as
already announced.
"""

import io
import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw

from portal.demo_images import draw_cover
from volunteers.choices import Attendance, EventKind, EventStatus, SignupStatus
from volunteers.events.models import Event, Signup
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import (
    ChangeAction,
    RecordSource,
    RecordStatus,
    ServiceRecord,
    ServiceRecordChange,
)
from volunteers.participation.models.reports import ActivityReport, ReportPhoto, ReportStatus
from volunteers.participation.models.rollups import HoursByVolunteer
from volunteers.participation.services.photos import photo_store
from volunteers.participation.services.rollups import rollups_rebuild
from volunteers.teams.models import Membership, Team

# Approved hours of the demo volunteers at each star level (1★ … 5★) and just below 1★.
STAR_HOURS = {"小水滴01": 112, "小水滴02": 318, "小水滴03": 640, "小水滴04": 1032, "小水滴05": 1560}
VOLUNTEER_HISTORY_HOURS = 86  # the demo volunteer account, 14 hours short of 1★

# Figures per person for each kind of activity (kg, km, households, samples, trees).
FIGURES = {
    EventKind.CLEANUP: {"litter_kg": (6, 15)},
    EventKind.PATROL: {"river_km": (1, 3), "litter_kg": (1, 3)},
    EventKind.OUTREACH: {"households": (8, 20)},
    EventKind.HOUSEHOLD: {"households": (5, 12)},
    EventKind.SAMPLING: {"samples": (1, 3), "river_km": (0.5, 1.5)},
    EventKind.PLANTING: {"trees": (3, 8)},
}
SUMMARIES = {
    EventKind.CLEANUP: "队员分两组沿库湾岸线打捞漂浮物，塑料瓶、泡沫和枯枝分类装袋后交镇环卫站统一清运。",
    EventKind.PATROL: "沿河岸步行巡查，记录排污口、岸坡垃圾和非法垂钓点位，随手清理了沿线的白色垃圾。",
    EventKind.OUTREACH: "在集镇和村委会门口设点，讲解节水护水常识，发放宣传册，并邀请村民加入护水群。",
    EventKind.HOUSEHOLD: "走村入户讲解生活污水不直排、农药瓶回收等做法，登记了需要上门回收的农户。",
    EventKind.SAMPLING: "在入库支流的三个断面采集水样，现场测量水温和透明度，样品送县监测站化验。",
    EventKind.PLANTING: "在水源涵养林补植点栽下侧柏和栾树苗，浇足定根水，并为新苗挂上认养牌。",
}
EARLIER_TITLES = {
    EventKind.CLEANUP: "{place}库湾清漂",
    EventKind.PATROL: "{place}例行巡河",
    EventKind.OUTREACH: "{place}节水护水宣传",
    EventKind.HOUSEHOLD: "{place}入户宣讲",
    EventKind.SAMPLING: "{place}支流水质监测",
    EventKind.PLANTING: "{place}水源林补植",
}
VESTS = ("#d9381e", "#e0671f", "#c62828")


def _draw_photo(kind: str, seed: int) -> bytes:
    """A simple drawn scene: the reservoir, volunteers in red vests, and the work."""
    rng = random.Random(seed)
    base = PILImage.open(io.BytesIO(draw_cover("river", seed))).convert("RGB").resize((1200, 750))
    draw = ImageDraw.Draw(base)
    ground = 560
    for n in range(rng.randint(3, 6)):
        x = 140 + n * rng.randint(150, 190)
        y = ground - rng.randint(0, 40)
        draw.ellipse([x - 18, y - 150, x + 18, y - 114], fill="#f1c27d")
        draw.rectangle([x - 26, y - 112, x + 26, y - 40], fill=rng.choice(VESTS))
        draw.rectangle([x - 22, y - 40, x - 4, y + 10], fill="#2f3e46")
        draw.rectangle([x + 4, y - 40, x + 22, y + 10], fill="#2f3e46")
        if kind == EventKind.CLEANUP:
            draw.ellipse([x + 30, y - 30, x + 80, y + 12], fill="#3c4f5c")
        elif kind == EventKind.PLANTING:
            draw.polygon([(x + 60, y - 120), (x + 30, y), (x + 90, y)], fill="#2e7d4f")
        elif kind == EventKind.SAMPLING:
            draw.rectangle([x + 30, y - 70, x + 46, y - 30], fill="#e8f6fb", outline="#0b5f78")
        elif kind in (EventKind.OUTREACH, EventKind.HOUSEHOLD):
            draw.rectangle([x + 28, y - 100, x + 70, y - 60], fill="#ffffff", outline="#0b5f78")
    if kind in (EventKind.OUTREACH, EventKind.HOUSEHOLD):
        draw.rectangle([120, 120, 1080, 200], fill="#c62828")
    buffer = io.BytesIO()
    base.save(buffer, "JPEG", quality=80, optimize=True)
    return buffer.getvalue()


def _figures(kind: str, people: int, rng) -> dict:
    values = {}
    for name, (low, high) in FIGURES.get(kind, {}).items():
        per_person = rng.uniform(low, high)
        value = per_person * people
        values[name] = (
            Decimal(f"{value:.1f}") if name in ("litter_kg", "river_km") else round(value)
        )
    return values


class _Ledger:
    """Records and their audit rows, written in bulk at the end."""

    def __init__(self, staff):
        self.staff = staff
        self.rows = []  # (record, [changes])

    def add(
        self,
        *,
        volunteer,
        event=None,
        report=None,
        team,
        township,
        date,
        hours,
        status,
        source,
        leader,
        decided_at=None,
    ):
        hours = Decimal(str(hours)).quantize(Decimal("0.01"))
        record = ServiceRecord(
            volunteer=volunteer,
            event=event,
            report=report,
            team=team,
            township=township,
            date=date,
            hours=hours,
            source=source,
            status=status,
        )
        steps = [(ChangeAction.CREATE, "", RecordStatus.DRAFT, leader)]
        if status != RecordStatus.DRAFT:
            record.submitted_by, record.submitted_at = leader, decided_at
            steps.append((ChangeAction.SUBMIT, RecordStatus.DRAFT, RecordStatus.SUBMITTED, leader))
        if status == RecordStatus.APPROVED:
            record.decided_by, record.decided_at = self.staff, decided_at
            steps.append(
                (ChangeAction.APPROVE, RecordStatus.SUBMITTED, RecordStatus.APPROVED, self.staff)
            )
        self.rows.append((record, steps))
        return record

    def save(self):
        ServiceRecord.objects.bulk_create([record for record, _steps in self.rows])
        changes = []
        for record, steps in self.rows:
            for action, old, new, who in steps:
                changes.append(
                    ServiceRecordChange(
                        record=record,
                        changed_by=who,
                        action=action,
                        old_hours=None if action == ChangeAction.CREATE else record.hours,
                        new_hours=record.hours,
                        old_status=old,
                        new_status=new,
                    )
                )
        ServiceRecordChange.objects.bulk_create(changes)


def _leader_of(team):
    membership = Membership.objects.filter(team=team, role="leader").select_related("user").first()
    return membership.user if membership else None


def _report(team, event, *, status, rng, seed, staff, photos, members=()):
    leader = _leader_of(team)
    people = max(len(members), 3) + rng.randint(0, 6)
    kind = event.kind if event else EventKind.CLEANUP
    date = timezone.localdate(event.starts_at) if event else timezone.localdate() - timedelta(9)
    township = event.township if event else team.township
    now = timezone.now()
    report = ActivityReport.objects.create(
        team=team,
        event=event,
        campaign=event.campaign if event else None,
        title=event.title if event else f"{township.name_zh}库湾周末清漂",
        date=date,
        kind=kind,
        township=township,
        place=event.meeting_point if event else f"{township.name_zh}码头",
        lat=event.lat if event else None,
        lon=event.lon if event else None,
        summary=SUMMARIES[kind],
        participants=people,
        status=status,
        created_by=leader,
        submitted_at=None if status == ReportStatus.DRAFT else now,
        decided_by=staff if status == ReportStatus.APPROVED else None,
        decided_at=now if status == ReportStatus.APPROVED else None,
        **_figures(kind, people, rng),
    )
    for n in range(photos):
        image = photo_store(_draw_photo(kind, seed * 10 + n), title=f"{report.title} {n + 1}")
        ReportPhoto.objects.create(
            report=report, image=image, sort_order=n, caption="" if n else "活动现场"
        )
    return report


def _earlier_months(rng, ledger, staff, now) -> int:
    """Eighteen months of approved activities of every team, growing towards today.

    They have no photos (those are drawn for the recent reports only) and give
    the impact dashboard, its chart and its map something to show.
    """
    # The demo accounts and the star-level examples keep the hours they are meant to show.
    members_of = {}
    memberships = (
        Membership.objects.filter(status="active", role="member", user__email__startswith="demo-")
        .exclude(user__volunteer__display_name__in=list(STAR_HOURS))
        .select_related("user")
    )
    for membership in memberships:
        members_of.setdefault(membership.team_id, []).append(membership.user)
    kinds = list(SUMMARIES)
    today = timezone.localdate()
    reports = []
    for team in Team.objects.approved().select_related("township").order_by("pk"):
        members = members_of.get(team.pk, [])
        if not members:
            continue
        leader = _leader_of(team)
        for months_ago in range(18, 0, -1):
            for _n in range(rng.randint(0, 1) + (2 if months_ago <= 6 else 1)):
                day = today.replace(day=1) - timedelta(days=30 * months_ago - rng.randint(0, 27))
                kind = rng.choice(kinds)
                crew = rng.sample(members, min(len(members), rng.randint(0, 2)))
                people = len(crew) + rng.randint(0, 10)
                report = ActivityReport(
                    team=team,
                    title=EARLIER_TITLES[kind].format(place=team.township.name_zh),
                    date=day,
                    kind=kind,
                    township=team.township,
                    summary=SUMMARIES[kind],
                    participants=people,
                    status=ReportStatus.APPROVED,
                    created_by=leader,
                    submitted_at=now,
                    decided_by=staff,
                    decided_at=now,
                    **_figures(kind, people, rng),
                )
                reports.append((report, crew))
    ActivityReport.objects.bulk_create([report for report, _crew in reports])
    for report, crew in reports:
        for person in crew:
            ledger.add(
                volunteer=person,
                report=report,
                team=report.team,
                township=report.township,
                date=report.date,
                hours=rng.choice([2, 2.5, 3, 4]),
                status=RecordStatus.APPROVED,
                source=RecordSource.REPORT,
                leader=report.created_by,
                decided_at=now,
            )
    return len(reports)


def load(*, out):
    if ActivityReport.objects.exists():
        return  # already loaded
    User = get_user_model()
    staff = User.objects.filter(email="staff@qingshui.example").first()
    leader_team = Team.objects.filter(created_by__email="leader@qingshui.example").first()
    if leader_team is None:
        return  # the volunteers' demo did not run
    rng = random.Random(7)
    now = timezone.now()
    ledger = _Ledger(staff)

    past = list(
        Event.objects.filter(status=EventStatus.SCHEDULED, ends_at__lt=now)
        .select_related("team", "township", "campaign")
        .order_by("starts_at")
    )
    confirmed = {}
    for signup in Signup.objects.filter(
        event__in=past, status=SignupStatus.CONFIRMED
    ).select_related("user"):
        confirmed.setdefault(signup.event_id, []).append(signup)

    own_latest = [e.pk for e in reversed(past) if e.team_id == leader_team.pk]
    checkins, attendance = [], []
    reports = 0
    for index, event in enumerate(past):
        signups = confirmed.get(event.pk, [])
        leader = _leader_of(event.team)
        length = (event.ends_at - event.starts_at).total_seconds() / 3600
        # Open work for the demo accounts: the leader's latest activity still needs its
        # attendance submitted, the one before is with staff, as are other teams' last week.
        if own_latest and event.pk == own_latest[0]:
            status = RecordStatus.DRAFT
        elif event.pk in own_latest[1:2] or event.ends_at > now - timedelta(days=7):
            status = RecordStatus.SUBMITTED
        else:
            status = RecordStatus.APPROVED
        for n, signup in enumerate(signups):
            if n % 7 == 6:
                signup.attendance = Attendance.NO_SHOW
                attendance.append(signup)
                continue
            arrived = event.starts_at + timedelta(minutes=rng.randint(-20, 15))
            left = event.ends_at + timedelta(minutes=rng.randint(-40, 10))
            checkins.append(
                CheckIn(
                    event=event,
                    volunteer=signup.user,
                    checked_in_at=arrived,
                    checked_out_at=left,
                    far_from_event=n % 13 == 5,
                    in_distance_m=3200 if n % 13 == 5 else rng.randint(20, 400),
                )
            )
            hours = min(length, (left - arrived).total_seconds() / 3600)
            signup.attendance = Attendance.PRESENT
            attendance.append(signup)
            ledger.add(
                volunteer=signup.user,
                event=event,
                team=event.team,
                township=event.township,
                date=timezone.localdate(event.starts_at),
                hours=round(hours * 4) / 4,
                status=status,
                source=RecordSource.CHECKIN,
                leader=leader,
                decided_at=event.ends_at + timedelta(days=2),
            )
        if signups and (index % 3 == 0 or event.team_id == leader_team.pk):
            report_status = {
                RecordStatus.APPROVED: ReportStatus.APPROVED,
                RecordStatus.SUBMITTED: ReportStatus.SUBMITTED,
            }.get(status, ReportStatus.DRAFT)
            _report(
                event.team,
                event,
                status=report_status,
                rng=rng,
                seed=index,
                staff=staff,
                photos=2 + index % 3,
            )
            reports += 1
    CheckIn.objects.bulk_create(checkins)
    Signup.objects.bulk_update(attendance, ["attendance"])

    # A free-standing weekend clean-up of the leader's team, with members' hours.
    members = [
        m.user
        for m in Membership.objects.filter(team=leader_team, status="active").select_related("user")
    ][:5]
    free = _report(
        leader_team,
        None,
        status=ReportStatus.APPROVED,
        rng=rng,
        seed=99,
        staff=staff,
        photos=4,
        members=members,
    )
    for member in members:
        ledger.add(
            volunteer=member,
            report=free,
            team=leader_team,
            township=free.township,
            date=free.date,
            hours=3,
            status=RecordStatus.APPROVED,
            source=RecordSource.REPORT,
            leader=free.created_by,
            decided_at=now,
        )
    reports += 1

    reports += _earlier_months(rng, ledger, staff, now)

    # Years of earlier service, entered by staff, put volunteers at every star level.
    history = {
        u.volunteer.display_name: u
        for u in User.objects.filter(volunteer__display_name__in=list(STAR_HOURS)).select_related(
            "volunteer"
        )
    }
    volunteer = User.objects.filter(email="volunteer@qingshui.example").first()
    targets = [(history[name], hours) for name, hours in STAR_HOURS.items() if name in history]
    if volunteer is not None:
        targets.append((volunteer, VOLUNTEER_HISTORY_HOURS))
    teams_of = {
        m.user_id: m.team
        for m in Membership.objects.filter(
            user__in=[u for u, _h in targets], status="active"
        ).select_related("team__township")
    }
    first_day = timezone.localdate() - timedelta(days=730)
    for user, total in targets:
        team = teams_of.get(user.pk, leader_team)
        left, day = Decimal(total), first_day
        while left > 0:
            hours = min(left, Decimal(rng.choice([4, 5, 6, 8])))
            ledger.add(
                volunteer=user,
                team=team,
                township=team.township,
                date=day,
                hours=hours,
                status=RecordStatus.APPROVED,
                source=RecordSource.MANUAL,
                leader=staff,
                decided_at=now,
            )
            left -= hours
            day += timedelta(days=max(1, 700 * int(hours) // total))
    ledger.save()
    rollups_rebuild()
    # The demo's levels count as announced: loading it sends no star-level e-mail.
    for total in HoursByVolunteer.objects.filter(star_level__gt=0):
        total.announced_level = total.star_level
        total.save(update_fields=["announced_level"])
    out.info(
        f"Recorded {len(ledger.rows)} service records, {len(checkins)} check-ins "
        f"and {reports} activity reports."
    )
