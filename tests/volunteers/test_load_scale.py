"""``manage.py load_scale``: a seed-scale data set, here at a tiny size.

The command writes with PostgreSQL's COPY, so everything but its refusal on
SQLite runs on PostgreSQL only. The data set is loaded once for the module,
inside a transaction rolled back at the end; each test runs in a savepoint.
"""

import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.test import override_settings
from django.utils import timezone

from tests.factories import VolunteerFactory
from volunteers.choices import SignupStatus, Visibility
from volunteers.events.counts import counts_check
from volunteers.events.models import Event, Signup
from volunteers.events.services.signups import event_signup
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.models.reports import ActivityReport, ActivityTotals
from volunteers.participation.models.rollups import (
    HoursByCounty,
    HoursByMonth,
    HoursByTeam,
    HoursByTownship,
    HoursByVolunteer,
)
from volunteers.people.models import VolunteerProfile
from volunteers.places.models import Township
from volunteers.scale import SCALE_PREFIX
from volunteers.teams.models import Membership, Team

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
needs_postgres = pytest.mark.skipif(
    not ON_POSTGRES,
    reason="load_scale writes through PostgreSQL's COPY; set DATABASE_URL to PostgreSQL",
)
SIZES = {"volunteers": 400, "teams": 6, "events": 60, "records": 4000}


def load_scale(*flags, **sizes):
    out = io.StringIO()
    options = [f"--{name}={n}" for name, n in (SIZES | sizes).items()]
    call_command("load_scale", *options, "--no-progress", *flags, stdout=out)
    return out.getvalue()


def scale_users():
    return get_user_model().objects.filter(username__startswith=SCALE_PREFIX)


def scale_events():
    return Event.objects.filter(team__created_by__username__startswith=SCALE_PREFIX)


def scale_records():
    return ServiceRecord.objects.filter(volunteer__username__startswith=SCALE_PREFIX)


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The tiny data set, loaded once; rolled back when the module's tests are done."""
    if not ON_POSTGRES:
        pytest.skip("load_scale writes through PostgreSQL's COPY")
    with django_db_blocker.unblock(), transaction.atomic():
        output = load_scale()
        yield output
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


@pytest.mark.skipif(ON_POSTGRES, reason="the refusal is for databases other than PostgreSQL")
def test_refuses_on_sqlite_and_says_why():
    with pytest.raises(CommandError, match="needs PostgreSQL") as refused:
        load_scale()
    assert "COPY" in str(refused.value)
    assert not scale_users().exists()


@override_settings(IS_PRODUCTION=True)
def test_refuses_production_settings_without_flag():
    with pytest.raises(CommandError, match="production.*--allow-production"):
        load_scale()
    assert not scale_users().exists()


@pytest.mark.parametrize(
    ("sizes", "message"),
    [
        ({"scale": 0}, "--scale must be a fraction above 0"),
        ({"teams": 10, "volunteers": 5}, "Every team needs a leader"),
        ({"records": -1}, "--records cannot be negative"),
        ({"events": 0}, "Service records belong to events"),
    ],
)
def test_refuses_sizes_that_cannot_be_built(sizes, message):
    with pytest.raises(CommandError, match=message):
        load_scale(**sizes)
    assert not scale_users().exists()


@needs_postgres
def test_builds_the_sizes_asked_for_and_reports_them(loaded):
    assert scale_users().count() == 400
    assert VolunteerProfile.objects.filter(user__in=scale_users()).count() == 400
    assert Team.objects.filter(created_by__in=scale_users()).count() == 6
    assert scale_events().count() == 60
    assert scale_records().count() == 4000
    assert "Scale data loaded" in loaded
    assert "volunteers_servicerecord" in loaded and "4,000" in loaded


@needs_postgres
def test_volunteers_live_in_every_township_and_carry_no_personal_data(loaded):
    profiles = VolunteerProfile.objects.filter(user__in=scale_users())
    homes = set(profiles.values_list("home_township_id", flat=True))
    assert homes == set(Township.objects.values_list("pk", flat=True))
    assert not profiles.exclude(real_name="", phone="").exists()
    assert not scale_users().exclude(email="").exists()
    assert not any(user.has_usable_password() for user in scale_users()[:50])
    assert profiles.filter(display_name__startswith="小水滴").count() == 400


@needs_postgres
def test_teams_have_one_leader_and_members_and_counts_are_kept(loaded):
    teams = Team.objects.filter(created_by__in=scale_users())
    for team in teams:
        leaders = team.memberships.filter(role="leader", status="active")
        assert list(leaders.values_list("user_id", flat=True)) == [team.created_by_id]
    assert Membership.objects.filter(team__in=teams, status="active").count() > 300
    assert counts_check(fix=False) == {"events": 0, "teams": 0}


@needs_postgres
def test_sign_ups_respect_capacity_and_records_follow_attendance(loaded):
    now = timezone.now()
    events = scale_events().annotate(
        confirmed=Count("signups", filter=Q(signups__status=SignupStatus.CONFIRMED)),
        waiting=Count("signups", filter=Q(signups__status=SignupStatus.WAITLISTED)),
    )
    assert events.filter(starts_at__gt=now).exists()
    assert events.filter(ends_at__lt=now - timezone.timedelta(days=365)).exists()
    for event in events:
        assert event.confirmed <= event.capacity
        assert not event.waiting or event.confirmed == event.capacity
    records = scale_records().select_related("event")
    assert not records.filter(date__gt=timezone.localdate()).exists()
    assert not records.filter(Q(hours__lt=Decimal("0.5")) | Q(hours__gt=8)).exists()
    for record in records[:200]:
        assert (record.team_id, record.township_id) == (
            record.event.team_id,
            record.event.township_id,
        )
        assert record.date == timezone.localdate(record.event.starts_at)
    came = Signup.objects.filter(attendance="present", event__in=scale_events())
    assert came.filter(status=SignupStatus.CONFIRMED).count() == 4000
    statuses = dict(records.values_list("status").annotate(n=Count("pk")))
    assert statuses[RecordStatus.APPROVED] > statuses[RecordStatus.SUBMITTED] > 0
    assert statuses.get(RecordStatus.REJECTED, 0) > 0


def _totals(queryset, *keys):
    rows = queryset.values(*keys).annotate(h=Sum("hours"), n=Count("pk")).order_by()
    return {tuple(row[k] for k in keys): (row["h"], row["n"]) for row in rows}


def _stored(model, *keys):
    return {
        tuple(getattr(r, k) for k in keys): (r.approved_hours, r.records)
        for r in model.objects.all()
    }


@needs_postgres
def test_rollups_equal_the_sums_of_approved_records(loaded):
    approved = ServiceRecord.objects.filter(status=RecordStatus.APPROVED)
    assert _stored(HoursByVolunteer, "user_id") == _totals(approved, "volunteer_id")
    assert _stored(HoursByTeam, "team_id") == _totals(approved.exclude(team=None), "team_id")
    assert _stored(HoursByTownship, "township_id") == _totals(approved, "township_id")
    assert _stored(HoursByCounty, "county_id") == _totals(approved, "township__county_id")
    by_month = approved.annotate(month=TruncMonth("date"))
    city = {(m, None, None): v for (m,), v in _totals(by_month, "month").items()}
    teams = {(m, t, None): v for (m, t), v in _totals(by_month, "month", "team_id").items()}
    counties = {
        (m, None, c): v for (m, c), v in _totals(by_month, "month", "township__county_id").items()
    }
    assert _stored(HoursByMonth, "month", "team_id", "county_id") == city | teams | counties
    # Loading counts the levels as announced: no star-level message is ever owed for it.
    levels = HoursByVolunteer.objects.filter(user__in=scale_users())
    assert not levels.exclude(announced_level=F("star_level")).exists()


@needs_postgres
def test_activity_totals_come_from_approved_reports(loaded):
    reports = ActivityReport.objects.approved()
    assert reports.exists()
    city = ActivityTotals.objects.get(scope="city", key=0)
    sums = reports.aggregate(p=Sum("participants"), kg=Sum("litter_kg"), h=Sum("households"))
    assert (city.reports, city.participants) == (reports.count(), sums["p"])
    assert (city.litter_kg, city.households) == (sums["kg"], sums["h"])
    for team in Team.objects.filter(reports__status="approved").distinct()[:3]:
        totals = ActivityTotals.objects.get(scope="team", key=team.pk)
        assert totals.reports == reports.filter(team=team).count()


@needs_postgres
def test_ordinary_writes_work_afterwards(loaded):
    newcomer = VolunteerFactory().user
    assert newcomer.pk > scale_users().order_by("-pk").first().pk
    event = (
        scale_events()
        .filter(
            visibility=Visibility.PUBLIC,
            status="scheduled",
            signup_deadline__gt=timezone.now(),
            team__status="approved",
        )
        .exclude(places_taken__gte=F("capacity"))
        .first()
    )
    signup = event_signup(event=event, user=newcomer)
    assert signup.status == SignupStatus.CONFIRMED
    event.refresh_from_db()
    assert event.places_taken == event.signups.filter(status="confirmed").count()
    assert counts_check(fix=False) == {"events": 0, "teams": 0}


@needs_postgres
def test_public_pages_answer_on_the_loaded_data(loaded, client):
    for url in ("/events/", "/teams/"):
        assert client.get(url).status_code == 200, url


@needs_postgres
def test_second_run_refuses_without_replace(loaded):
    with pytest.raises(CommandError, match="already holds scale data.*--replace"):
        load_scale(volunteers=500)
    assert scale_users().count() == 400


@needs_postgres
def test_failed_replace_leaves_the_earlier_data_as_it_was(loaded):
    with pytest.raises(CommandError, match="do not fit.*--events"):
        load_scale("--replace", volunteers=20, teams=2, events=5, records=100_000)
    assert scale_users().count() == 400
    assert scale_records().count() == 4000
    assert counts_check(fix=False) == {"events": 0, "teams": 0}


@needs_postgres
def test_replace_reloads_only_the_scale_rows(loaded):
    other = VolunteerFactory(display_name="本地志愿者").user
    real_event = scale_events().filter(status="scheduled", starts_at__gt=timezone.now()).first()
    # A real event of a real team that a generated volunteer had signed up for.
    kept = Event.objects.create(
        team=None,
        title="市区节水宣传",
        kind="outreach",
        township=real_event.township,
        starts_at=real_event.starts_at,
        ends_at=real_event.ends_at,
        signup_deadline=real_event.signup_deadline,
        capacity=10,
    )
    Signup.objects.create(event=kept, user=scale_users().first(), status="confirmed")
    Signup.objects.create(event=kept, user=other, status="confirmed")

    output = load_scale("--replace", volunteers=450, records=3000)

    assert "Removed the earlier scale data: 4,000 records" in output
    assert scale_users().count() == 450
    assert scale_records().count() == 3000
    assert get_user_model().objects.filter(pk=other.pk).exists()
    kept.refresh_from_db()
    assert list(kept.signups.values_list("user_id", flat=True)) == [other.pk]
    assert kept.places_taken == 1
    assert counts_check(fix=False) == {"events": 0, "teams": 0}
