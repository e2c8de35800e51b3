"""Staff run events and sign-ups in the Wagtail admin: the sign-up export, cancelling and
changing an event, the lists' filters and their cost.

Personal data stays with staff: content editors and volunteers get no export.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.outbox import OutgoingMail
from tests.factories import (
    EventFactory,
    MembershipFactory,
    SignupFactory,
    TeamFactory,
    VolunteerFactory,
)
from tests.utils import queries_for, read_csv
from tests.volunteers.helpers import EVENTS, PEOPLE, SIGNUPS, TEAMS, refused
from volunteers.events.models import Event

pytestmark = pytest.mark.django_db


# --- Events -----------------------------------------------------------------------------


@pytest.fixture
def signed_up(event):
    """Two places taken, one waiting, one cancelled."""
    first = SignupFactory(
        event=event,
        user=VolunteerFactory(display_name="小水滴甲", real_name="王芳", phone="13900000001").user,
    )
    SignupFactory(
        event=event,
        user=VolunteerFactory(display_name="=HYPERLINK()", real_name="李强").user,
    )
    SignupFactory(event=event, status="waitlisted")
    SignupFactory(event=event, status="cancelled")
    return first


def test_the_event_export_lists_every_sign_up_with_private_fields(admin_client, event, signed_up):
    response = admin_client.get(reverse("volunteer_events:export_signups", args=[event.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.streaming

    body, rows = read_csv(response)
    assert body.startswith(b"\xef\xbb\xbf")
    header, *data = rows
    assert len(header) == 7
    assert len(data) == event.signups.count() == 4
    first = data[0]
    assert first[1:5] == ["小水滴甲", "王芳", "13900000001", signed_up.user.email]
    expected = timezone.localtime(signed_up.created_at).strftime("%Y-%m-%d %H:%M")
    assert first[5] == expected
    # A name typed as a formula is exported as text.
    assert any(row[1] == "'=HYPERLINK()" for row in data)


def test_the_event_export_is_refused_to_editors_and_volunteers(
    editor_client, event, signed_up, client, volunteer
):
    url = reverse("volunteer_events:export_signups", args=[event.pk])
    response = editor_client.get(url)
    assert refused(response) and not getattr(response, "streaming", False)

    client.logout()
    client.force_login(volunteer)
    response = client.get(url)
    assert response.status_code == 403 and not getattr(response, "streaming", False)
    anonymous = client.__class__().get(url)
    assert anonymous.status_code == 302


def test_cancelling_an_event_in_the_admin_notifies_everyone_signed_up(
    admin_client, event, signed_up, django_capture_on_commit_callbacks
):
    url = reverse("volunteer_events:cancel", args=[event.pk])
    page = admin_client.get(url)
    assert page.status_code == 200

    refused_without_reason = admin_client.post(url, {"reason": ""})
    assert refused_without_reason.status_code == 200
    assert Event.objects.get(pk=event.pk).status == "scheduled"

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, {"reason": "暴雨预警"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == "cancelled" and event.cancel_reason == "暴雨预警"
    told = set(
        OutgoingMail.objects.filter(kind="volunteers/email/event_cancelled").values_list(
            "to", flat=True
        )
    )
    active = event.signups.exclude(status="cancelled").select_related("user")
    assert told == {s.user.email for s in active} and len(told) == 3


def test_changing_an_event_time_in_the_admin_tells_the_people_signed_up(
    admin_client, event, signed_up, django_capture_on_commit_callbacks
):
    url = reverse("volunteer_events:edit", args=[event.pk])
    assert admin_client.get(url).status_code == 200
    later = timezone.localtime(event.starts_at) + datetime.timedelta(hours=1)
    fmt = "%Y-%m-%d %H:%M"
    form = {
        "title": event.title,
        "kind": event.kind,
        "visibility": event.visibility,
        "description": event.description,
        "township": event.township_id,
        "meeting_point": event.meeting_point,
        "lat": "",
        "lon": "",
        "starts_at": later.strftime(fmt),
        "ends_at": (later + datetime.timedelta(hours=3)).strftime(fmt),
        "signup_deadline": timezone.localtime(event.signup_deadline).strftime(fmt),
        "capacity": event.capacity,
        "what_to_bring": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.starts_at == later
    assert OutgoingMail.objects.filter(kind="volunteers/email/event_changed").count() == 3

    # The service's own rules come back on the form: fewer places than people confirmed.
    response = admin_client.post(url, {**form, "capacity": 1})
    assert response.status_code == 200
    assert Event.objects.get(pk=event.pk).capacity == event.capacity
    # End before start is caught on the form, with a message a person understands.
    response = admin_client.post(url, {**form, "ends_at": later.strftime(fmt)})
    assert response.status_code == 200
    assert "Constraint" not in response.content.decode()


def test_events_can_be_filtered_by_status_kind_team_and_county(admin_client, team):
    patrol = EventFactory(team=team, title="汉江巡河")
    planting = EventFactory(title="植树活动", kind="planting")
    cancelled = EventFactory(team=team, title="取消的活动", status="cancelled")

    def titles(**params):
        html = admin_client.get(EVENTS, params).content.decode()
        return {e.title for e in (patrol, planting, cancelled) if e.title in html}

    assert titles() == {"汉江巡河", "植树活动", "取消的活动"}
    assert titles(status="cancelled") == {"取消的活动"}
    assert titles(kind="planting") == {"植树活动"}
    assert titles(team=team.pk) == {"汉江巡河", "取消的活动"}
    assert titles(county=planting.township.county_id) == {"植树活动"}
    ordered = admin_client.get(EVENTS, {"ordering": "starts_at"})
    assert ordered.status_code == 200


def test_the_events_list_runs_the_same_queries_for_two_or_ten_events(admin_client, team):
    for _ in range(2):
        SignupFactory(event=EventFactory(team=team))
    few = queries_for(admin_client, EVENTS)
    for _ in range(8):
        event = EventFactory(team=TeamFactory())
        SignupFactory(event=event)
        SignupFactory(event=event, status="waitlisted")
    assert queries_for(admin_client, EVENTS) == few


@pytest.mark.parametrize("url", [TEAMS, PEOPLE, SIGNUPS])
def test_the_other_lists_run_a_fixed_number_of_queries(admin_client, url):
    def add_rows():
        team = TeamFactory(status="pending", created_by=VolunteerFactory().user)
        MembershipFactory(team=team)
        SignupFactory(event=EventFactory(team=TeamFactory()))

    add_rows()
    few = queries_for(admin_client, url)
    for _ in range(6):
        add_rows()
    assert queries_for(admin_client, url) == few


# --- Sign-ups ---------------------------------------------------------------------------


def test_sign_ups_are_a_read_only_list_filtered_by_event_and_status(admin_client, event, signed_up):
    other = SignupFactory(user=VolunteerFactory(display_name="别的活动的人").user)
    html = admin_client.get(SIGNUPS, {"event": event.pk}).content.decode()
    assert "小水滴甲" in html and "别的活动的人" not in html
    waiting = admin_client.get(SIGNUPS, {"event": event.pk, "status": "waitlisted"})
    assert "小水滴甲" not in waiting.content.decode()
    detail = admin_client.get(reverse("volunteer_signups:inspect", args=[signed_up.pk]))
    assert detail.status_code == 200 and "13900000001" in detail.content.decode()
    assert admin_client.get(f"{SIGNUPS}edit/{other.pk}/").status_code == 404
