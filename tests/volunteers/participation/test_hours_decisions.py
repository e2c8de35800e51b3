"""Staff decide service records and volunteers flag them: the audit trail, the totals,
star levels and their e-mails."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from portal.errors import ServiceError
from portal.outbox import OutgoingMail
from tests.factories import MembershipFactory, TeamFactory, VolunteerFactory
from tests.utils import past_event
from tests.volunteers.participation.helpers import history
from volunteers.participation.models.hours import ServiceRecord, ServiceRecordChange
from volunteers.participation.models.rollups import HoursByVolunteer
from volunteers.participation.services.attendance import (
    record_create_for_attendance,
    records_submit,
)
from volunteers.participation.services.hours import (
    record_adjust,
    record_approve,
    record_flag,
    record_reject,
)
from volunteers.participation.stars import STAR_THRESHOLDS, next_threshold, star_level

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def submitted(done_event, leader, volunteer):
    record = record_create_for_attendance(event=done_event, user=volunteer, hours="2.5", by=leader)
    records_submit(event=done_event, by=leader)
    record.refresh_from_db()
    return record


# --- Star levels ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("hours", "level"),
    [
        ("0", 0),
        ("99.9", 0),
        ("99.99", 0),
        ("100", 1),
        ("100.00", 1),
        ("299.99", 1),
        ("300", 2),
        ("600", 3),
        ("999.99", 3),
        ("1000", 4),
        ("1499.99", 4),
        ("1500", 5),
        ("100000", 5),
    ],
)
def test_star_level_is_reached_exactly_at_its_threshold(hours, level):
    assert star_level(Decimal(hours)) == level


def test_thresholds_are_the_documented_ones():
    assert STAR_THRESHOLDS == (100, 300, 600, 1000, 1500)
    assert next_threshold(Decimal("99.9")) == 100
    assert next_threshold(Decimal("1500")) is None


# --- Decisions -------------------------------------------------------------------


def test_only_staff_approve_adjust_or_reject(submitted, leader, volunteer):
    other_leader = VolunteerFactory().user
    TeamFactory(leader=other_leader)

    for who in (volunteer, leader, other_leader):
        with pytest.raises(PermissionDenied):
            record_approve(record=submitted, by=who)
        with pytest.raises(PermissionDenied):
            record_adjust(record=submitted, hours=1, reason="x", by=who)
        with pytest.raises(PermissionDenied):
            record_reject(record=submitted, reason="x", by=who)

    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert [c[0] for c in history(submitted)] == ["create", "submit"]
    assert not HoursByVolunteer.objects.exists()


def test_the_audit_trail_records_every_change(submitted, leader, volunteer, staff):
    record_approve(record=submitted, by=staff)
    record_adjust(record=submitted, hours="1.75", reason="Left early", by=staff)
    record_flag(record=submitted, user=volunteer, comment="I stayed until noon")
    record_reject(record=submitted, reason="Not on the sign-in sheet", by=staff)
    record_adjust(record=submitted, hours="3", reason="Found on page two", by=staff)

    d = Decimal
    assert history(submitted) == [
        ("create", None, d("2.50"), "", "draft", leader.pk, ""),
        ("submit", d("2.50"), d("2.50"), "draft", "submitted", leader.pk, ""),
        ("approve", d("2.50"), d("2.50"), "submitted", "approved", staff.pk, ""),
        ("adjust", d("2.50"), d("1.75"), "approved", "approved", staff.pk, "Left early"),
        ("flag", d("1.75"), d("1.75"), "approved", "approved", volunteer.pk, "I stayed until noon"),
        (
            "reject",
            d("1.75"),
            d("1.75"),
            "approved",
            "rejected",
            staff.pk,
            "Not on the sign-in sheet",
        ),
        ("adjust", d("1.75"), d("3.00"), "rejected", "approved", staff.pk, "Found on page two"),
    ]
    submitted.refresh_from_db()
    assert submitted.status == "approved"
    assert submitted.hours == Decimal("3.00")
    assert submitted.decided_by == staff
    assert submitted.reject_reason == ""
    total = HoursByVolunteer.objects.get(user=volunteer)
    assert (total.approved_hours, total.records) == (Decimal("3.00"), 1)


def test_reject_needs_a_reason_and_changes_nothing_without_one(submitted, staff):
    for reason in ("", "   ", None):
        with pytest.raises(ServiceError) as excinfo:
            record_reject(record=submitted, reason=reason, by=staff)
        assert excinfo.value.message_dict == {"reason": ["Say why the record is rejected."]}
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    assert ServiceRecordChange.objects.filter(action="reject").count() == 0


@pytest.mark.parametrize(
    ("hours", "reason", "field"),
    [("-2", "typo", "hours"), ("30", "typo", "hours"), ("4", "typo", "hours"), ("2", "", "reason")],
)
def test_bad_adjustment_leaves_the_record_and_totals_alone(submitted, staff, hours, reason, field):
    record_approve(record=submitted, by=staff)

    with pytest.raises(ServiceError) as excinfo:
        record_adjust(record=submitted, hours=hours, reason=reason, by=staff)

    assert list(excinfo.value.message_dict) == [field]
    submitted.refresh_from_db()
    assert (submitted.status, submitted.hours) == ("approved", Decimal("2.50"))
    assert ServiceRecordChange.objects.filter(action="adjust").count() == 0
    assert HoursByVolunteer.objects.get(user=submitted.volunteer).approved_hours == Decimal("2.50")


def test_decisions_follow_the_records_state(done_event, leader, volunteer, staff):
    record = record_create_for_attendance(event=done_event, user=volunteer, hours=2, by=leader)
    with pytest.raises(ServiceError, match="Only a submitted record"):
        record_approve(record=record, by=staff)
    with pytest.raises(ServiceError, match="not submitted"):
        record_adjust(record=record, hours=1, reason="x", by=staff)
    with pytest.raises(ServiceError, match="Only a submitted or approved"):
        record_reject(record=record, reason="x", by=staff)
    records_submit(event=done_event, by=leader)
    record_approve(record=record, by=staff)
    with pytest.raises(ServiceError, match="Only a submitted record"):
        record_approve(record=record, by=staff)
    with pytest.raises(ServiceError, match="already has these hours"):
        record_adjust(record=record, hours="2.00", reason="same", by=staff)


# --- Flags -----------------------------------------------------------------------


def test_volunteer_flags_a_record_and_leaders_and_staff_are_told(
    submitted, leader, volunteer, staff
):
    co_leader = VolunteerFactory().user
    MembershipFactory(team=submitted.team, user=co_leader, role="co_leader")
    other_leader = VolunteerFactory().user
    TeamFactory(leader=other_leader)
    MembershipFactory(team=submitted.team, user=VolunteerFactory().user)  # a plain member

    record_flag(record=submitted, user=volunteer, comment="  I stayed all three hours  ")

    submitted.refresh_from_db()
    assert submitted.flagged_at is not None
    assert submitted.flag_comment == "I stayed all three hours"
    mails = OutgoingMail.objects.filter(kind="volunteers/hours_flagged")
    assert sorted(m.to for m in mails) == sorted([leader.email, co_leader.email, staff.email])
    assert all("I stayed all three hours" in m.text_body for m in mails)


def test_only_the_volunteer_flags_their_record_once(submitted, leader, staff):
    for who in (leader, staff, VolunteerFactory().user):
        with pytest.raises(PermissionDenied):
            record_flag(record=submitted, user=who, comment="wrong")
    with pytest.raises(ServiceError) as excinfo:
        record_flag(record=submitted, user=submitted.volunteer, comment=" ")
    assert excinfo.value.message_dict == {"comment": ["Say what is wrong with the record."]}
    record_flag(record=submitted, user=submitted.volunteer, comment="wrong")
    with pytest.raises(ServiceError, match="already flagged"):
        record_flag(record=submitted, user=submitted.volunteer, comment="still wrong")
    assert ServiceRecordChange.objects.filter(action="flag").count() == 1
    assert OutgoingMail.objects.filter(kind="volunteers/hours_flagged").count() == 2


# --- Star-level e-mails --------------------------------------------------------------


def test_reaching_a_level_sends_exactly_one_email(team, leader, staff):
    volunteer = VolunteerFactory(language="en").user
    # 98 approved hours so far (imported before these records).
    HoursByVolunteer.objects.create(user=volunteer, approved_hours=Decimal("98"), records=40)
    records = []
    for days_ago in (2, 3, 4, 5):
        event = past_event(team, days_ago=days_ago)
        records.append(
            record_create_for_attendance(event=event, user=volunteer, hours=1, by=leader)
        )
        records_submit(event=event, by=leader)

    record_approve(record=records[0], by=staff)  # 99 h
    assert not OutgoingMail.objects.filter(kind="volunteers/email/star_level_reached").exists()
    record_adjust(record=records[1], hours="1.5", reason="Stayed late", by=staff)  # 100.5 h: 1★
    record_approve(record=records[2], by=staff)  # 101.5 h
    record_reject(record=records[1], reason="Duplicate", by=staff)  # 100 h
    record_reject(record=records[2], reason="Duplicate", by=staff)  # 99 h: back below
    record_approve(record=records[3], by=staff)  # 100 h again

    mails = OutgoingMail.objects.filter(kind="volunteers/email/star_level_reached")
    assert mails.count() == 1
    mail = mails.get()
    assert mail.to == volunteer.email
    assert "★" in mail.subject and "volunteer" in mail.subject
    assert "100" in mail.text_body
    total = HoursByVolunteer.objects.get(user=volunteer)
    assert (total.approved_hours, total.star_level, total.announced_level) == (
        Decimal("100.00"),
        1,
        1,
    )


def test_staff_cannot_adjust_a_volunteer_past_24_hours_on_one_day(team, leader, staff, volunteer):
    first, second = past_event(team, hours=16), past_event(team, hours=16)
    for event in (first, second):
        record_create_for_attendance(event=event, user=volunteer, hours="10", by=leader)
        records_submit(event=event, by=leader)
    record = ServiceRecord.objects.filter(event=second).get()

    with pytest.raises(ServiceError) as excinfo:
        record_adjust(record=record, hours="15", reason="补录", by=staff)

    assert "a day has only 24" in excinfo.value.message_dict["hours"][0]
    record.refresh_from_db()
    assert (record.hours, record.status) == (Decimal("10.00"), "submitted")


def test_a_nul_character_in_a_flag_comment_is_refused_with_a_message(client, submitted):
    from django.core.validators import ProhibitNullCharactersValidator
    from django.urls import reverse

    client.force_login(submitted.volunteer)
    response = client.post(
        reverse("volunteers:record_flag", args=[submitted.pk]), {"comment": "wrong\x00hours"}
    )
    assert response.status_code == 400
    with translation.override(response["Content-Language"]):
        assert str(ProhibitNullCharactersValidator.message) in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.flagged_at is None
    assert not OutgoingMail.objects.filter(kind="volunteers/hours_flagged").exists()
