"""Checking in on site: the leader's QR page, the scan, signing in and confirming."""

import datetime
import json
import re
import time
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from tests.factories import EventFactory, MembershipFactory, SignupFactory
from tests.utils import en, messages_of, queries_for, text
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.services.checkins import (
    IN,
    OUT,
    SESSION_KEY,
    check_in,
    checkin_token,
    checkin_token_action,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_messages():
    with translation.override("en"):
        yield


def token_in(url: str) -> str:
    return re.search(r"/check/([^/]+)/$", url).group(1)


def scan(client, event, action=IN, at=None):
    token = checkin_token(event=event, action=action, at=at)
    return client.get(en("checkin_scan", event.pk, token))


# --- The leader's code ----------------------------------------------------------------------


def test_the_leader_sees_a_big_qr_code_that_checks_people_in(client, today_event, leader):
    client.force_login(leader)
    response = client.get(en("checkin_code", today_event.pk))
    page = text(response)
    assert response.status_code == 200
    assert '<svg viewBox="0 0 ' in page and 'class="checkin-qr__svg"' in page
    assert "<title>QR code to check in</title>" in page
    assert 'href="?action=in" aria-current="page"' in page
    assert '<meta http-equiv="refresh" content="30">' in page
    assert en("attendance", today_event.pk) in page
    # The code is the absolute address of the scan page with a token that works now.
    url = response.context["code"]["url"]
    assert url.startswith(f"http://testserver/en/events/{today_event.pk}/check/")
    assert checkin_token_action(event=today_event, token=token_in(url)) == IN
    # Only in the QR image and in the codes kept for losing the signal, never as text.
    shown = re.sub(r"<svg.*?</svg>", "", page, flags=re.S)
    shown = re.sub(r'<script id="checkin-ahead".*?</script>', "", shown, flags=re.S)
    assert token_in(url) not in shown
    assert "no-store" in response["Cache-Control"]


def test_the_switch_shows_the_check_out_code(client, today_event, leader):
    client.force_login(leader)
    response = client.get(en("checkin_code", today_event.pk) + "?action=out")
    page = text(response)
    assert 'href="?action=out" aria-current="page"' in page
    assert "<title>QR code to check out</title>" in page
    token = token_in(response.context["code"]["url"])
    assert checkin_token_action(event=today_event, token=token) == OUT


def test_the_code_page_counts_check_ins_but_names_nobody(
    client, today_event, leader, signed_up, make_volunteer
):
    SignupFactory(event=today_event, user=make_volunteer(display_name="小水滴甲"))
    check_in(event=today_event, user=signed_up)
    client.force_login(leader)
    page = text(client.get(en("checkin_code", today_event.pk)))
    assert '<dd data-checkin-count="checked_in">1</dd>' in page
    assert '<dd data-checkin-count="checked_out">0</dd>' in page
    assert '<dd data-checkin-count="confirmed">2</dd>' in page
    assert "小水滴甲" not in page
    assert signed_up.volunteer.display_name not in page


def test_only_the_events_leaders_and_staff_get_the_code(
    client, today_event, member_of_team, volunteer, staff
):
    url = en("checkin_code", today_event.pk)
    assert client.get(url).url.startswith("/en/accounts/login/?next=")
    for person in (volunteer, member_of_team):
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 403
        assert "checkin-qr__svg" not in text(response)
        assert client.get(en("checkin_code_refresh", today_event.pk)).status_code == 403
    client.force_login(staff)
    assert client.get(url).status_code == 200
    assert client.get(en("checkin_code", 987654)).status_code == 404


def test_the_refresh_gives_a_new_code_each_minute(client, today_event, leader):
    client.force_login(leader)
    url = en("checkin_code_refresh", today_event.pk) + "?action=in"
    start = time.time()
    with mock.patch("time.time", return_value=start):
        first = client.get(url)
    with mock.patch("time.time", return_value=start + 60):
        later = client.get(url)
    assert first["Content-Type"] == "application/json"
    assert "no-store" in first["Cache-Control"]
    a, b = json.loads(first.content), json.loads(later.content)
    assert a["svg"].startswith("<svg") and a["open"] is True
    # int() of 120 − (seconds into the minute): 60 in the minute's last second.
    assert 60 <= a["expires_in"] <= 120
    assert 1 <= a["refresh_in"] <= 30
    assert a["counts"] == {"checked_in": 0, "checked_out": 0, "confirmed": 0}
    assert a["url"] != b["url"] and a["svg"] != b["svg"]
    # The code on screen keeps working for its minute, then stops.
    old = token_in(a["url"])
    assert checkin_token_action(event=today_event, token=old, at=start + 60) == IN
    with mock.patch("time.time", return_value=start + 130):
        response = client.get(en("checkin_scan", today_event.pk, old))
    assert response.status_code == 400


@pytest.mark.parametrize(
    "change, message",
    [
        ({"days": 7}, "Check-in has not opened yet."),
        ({"days": -1}, "Check-in for this event has closed."),
    ],
)
def test_outside_the_window_the_page_says_so_and_shows_no_code(
    client, team, leader, change, message
):
    starts = timezone.now() + datetime.timedelta(**change)
    event = EventFactory(
        team=team,
        starts_at=starts,
        signup_deadline=starts - datetime.timedelta(hours=1),
    )
    client.force_login(leader)
    page = text(client.get(en("checkin_code", event.pk)))
    assert message in page
    assert "checkin-qr__svg" not in page
    data = json.loads(client.get(en("checkin_code_refresh", event.pk)).content)
    assert (data["open"], data["svg"], data["url"]) == (False, "", "")


def test_a_cancelled_event_has_no_code(client, today_event, leader):
    today_event.status = "cancelled"
    today_event.save()
    client.force_login(leader)
    page = text(client.get(en("checkin_code", today_event.pk)))
    assert "This event was cancelled, so there is nothing to check in to." in page
    assert "checkin-qr__svg" not in page


# --- Scanning and confirming ------------------------------------------------------------------


def test_scanning_while_signed_out_signs_in_then_checks_in(client, today_event, signed_up):
    EmailAddress.objects.create(user=signed_up, email=signed_up.email, verified=True, primary=True)
    response = scan(client, today_event)
    confirm = en("checkin_confirm", today_event.pk)
    assert response.status_code == 302
    assert response.url == f"/en/accounts/login/?next={confirm}"
    login = client.post(
        "/en/accounts/login/",
        {"login": signed_up.email, "password": "riverbank-2026", "next": confirm},
    )
    assert login.status_code == 302 and login.url == confirm
    page = client.get(confirm)
    assert page.status_code == 200
    html = text(page)
    assert "库区清漂" in html and "均县镇码头" in html
    assert "Check in now" in html
    assert 'name="csrfmiddlewaretoken"' in html
    done = client.post(confirm, follow=True)
    checkin = CheckIn.objects.get(event=today_event, volunteer=signed_up)
    assert done.redirect_chain[-1][0] == en("event_detail", today_event.pk)
    clock = timezone.localtime(checkin.checked_in_at).strftime("%H:%M")
    assert f"Checked in at {clock}." in messages_of(done)
    assert f"Checked in at {clock}" in text(done)
    assert today_event.signups.get().attendance == "present"
    # The pass is used up: confirming again needs a new scan.
    again = client.get(confirm)
    assert again.status_code == 403
    assert "Scan the leader's code first" in text(again)


def test_a_signed_in_volunteer_goes_straight_to_the_confirmation(client, today_event, signed_up):
    client.force_login(signed_up)
    response = scan(client, today_event)
    assert response.url == en("checkin_confirm", today_event.pk)


@pytest.mark.parametrize(
    "token, message",
    [
        (None, "This check-in code has expired. Scan the code the leader is showing now."),
        ("i1a2b3c-00000000000000000000", "This check-in code is not valid."),
        ("anything", "This check-in code is not valid."),
    ],
)
def test_an_expired_or_forged_code_gets_a_friendly_page(
    client, today_event, signed_up, token, message
):
    client.force_login(signed_up)
    if token is None:
        token = checkin_token(event=today_event, action=IN, at=time.time() - 130)
    response = client.get(en("checkin_scan", today_event.pk, token))
    page = text(response)
    assert response.status_code == 400
    assert message in page
    assert "Scan the code the leader is showing now" in page
    assert SESSION_KEY not in client.session
    assert client.post(en("checkin_confirm", today_event.pk)).status_code == 403
    assert not CheckIn.objects.exists()


def test_a_code_for_another_event_does_not_work(client, today_event, team, signed_up):
    other = EventFactory(team=team)
    client.force_login(signed_up)
    token = checkin_token(event=other, action=IN)
    assert client.get(en("checkin_scan", today_event.pk, token)).status_code == 400
    # A pass for one event is no pass for another.
    scan(client, other)
    response = client.get(en("checkin_confirm", today_event.pk))
    assert response.status_code == 403
    assert "To check in or out, scan the QR code" in text(response)


def test_confirming_needs_an_account(client, today_event):
    response = client.get(en("checkin_confirm", today_event.pk))
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")


def test_checking_out_before_checking_in_is_explained_and_saves_nothing(
    client, today_event, signed_up
):
    client.force_login(signed_up)
    scan(client, today_event, action=OUT)
    page = text(client.get(en("checkin_confirm", today_event.pk)))
    assert "Check in first: you cannot check out before checking in." in page
    assert "Check out now" not in page
    response = client.post(en("checkin_confirm", today_event.pk))
    assert response.status_code == 400
    assert "Check in first: you cannot check out before checking in." in text(response)
    assert not CheckIn.objects.exists()
    assert not ServiceRecord.objects.exists()


def test_checking_out_tells_the_hours_recorded(client, today_event, signed_up):
    arrived = timezone.now() - datetime.timedelta(hours=1, minutes=30)
    check_in(event=today_event, user=signed_up, now=arrived)
    client.force_login(signed_up)
    scan(client, today_event, action=OUT)
    page = text(client.get(en("checkin_confirm", today_event.pk)))
    assert "Check out now" in page
    assert f"Checked in at {timezone.localtime(arrived):%H:%M}" in page
    done = client.post(en("checkin_confirm", today_event.pk), follow=True)
    checkin = CheckIn.objects.get()
    record = ServiceRecord.objects.get(event=today_event, volunteer=signed_up)
    assert record.status == "draft" and record.hours == pytest.approx(1.5, abs=0.02)
    hours = format(record.hours.normalize(), "f")
    assert (
        f"Checked out at {timezone.localtime(checkin.checked_out_at):%H:%M} — "
        f"{hours} hours recorded for the leader to submit." in messages_of(done)
    )


def test_checking_in_twice_is_explained(client, today_event, signed_up):
    first = check_in(event=today_event, user=signed_up)
    client.force_login(signed_up)
    scan(client, today_event)
    page = text(client.get(en("checkin_confirm", today_event.pk)))
    assert f"You checked in at {timezone.localtime(first.checked_in_at):%H:%M} already." in page
    response = client.post(en("checkin_confirm", today_event.pk))
    assert response.status_code == 400
    assert "already" in text(response)
    assert CheckIn.objects.count() == 1


def test_someone_without_a_place_cannot_check_in(client, today_event, volunteer):
    client.force_login(volunteer)
    scan(client, today_event)
    response = client.post(en("checkin_confirm", today_event.pk))
    assert response.status_code == 400
    assert "You do not have a confirmed place at this event" in text(response)
    assert not CheckIn.objects.exists()


def test_a_far_position_is_kept_and_flagged_for_the_leader(client, today_event, signed_up, leader):
    client.force_login(signed_up)
    scan(client, today_event)
    # About 11 km north of the meeting point.
    done = client.post(
        en("checkin_confirm", today_event.pk),
        {"share_position": "1", "lat": "32.80", "lon": "111.00"},
        follow=True,
    )
    checkin = CheckIn.objects.get()
    assert (checkin.in_lat, checkin.in_lon, checkin.far_from_event) == (32.8, 111.0, True)
    assert "far from the event" in messages_of(done)
    client.force_login(leader)
    page = text(client.get(en("attendance", today_event.pk)))
    row = page.split(f'id="signup-{today_event.signups.get().pk}"')[1].split("</li>")[0]
    assert "Far from the event" in row


def test_a_position_is_not_kept_unless_the_box_is_ticked(client, today_event, signed_up):
    client.force_login(signed_up)
    scan(client, today_event)
    client.post(en("checkin_confirm", today_event.pk), {"lat": "32.80", "lon": "111.00"})
    checkin = CheckIn.objects.get()
    assert (checkin.in_lat, checkin.far_from_event) == (None, False)


def test_the_confirmation_is_csrf_protected(today_event, signed_up):
    client = Client(enforce_csrf_checks=True)
    client.force_login(signed_up)
    scan(client, today_event)
    assert client.post(en("checkin_confirm", today_event.pk)).status_code == 403
    assert not CheckIn.objects.exists()


# --- The event page ---------------------------------------------------------------------------


@pytest.fixture
def member_of_team(team, make_volunteer):
    user = make_volunteer(display_name="队员")
    MembershipFactory(team=team, user=user)
    return user


def test_on_the_day_a_volunteer_is_told_how_to_check_in(client, today_event, signed_up):
    client.force_login(signed_up)
    page = text(client.get(en("event_detail", today_event.pk)))
    assert "Scan the leader's QR code to check in." in page
    checkin = check_in(event=today_event, user=signed_up)
    page = text(client.get(en("event_detail", today_event.pk)))
    assert f"Checked in at {timezone.localtime(checkin.checked_in_at):%H:%M}" in page
    assert "scan the leader's check-out code" in page
    assert en("checkin_code", today_event.pk) not in page


def test_the_hint_is_only_for_the_events_day(client, team, volunteer):
    event = EventFactory(team=team)
    SignupFactory(event=event, user=volunteer)
    client.force_login(volunteer)
    assert "QR code to check in" not in text(client.get(en("event_detail", event.pk)))


def test_leaders_find_the_code_and_the_attendance_list_on_the_event_page(
    client, today_event, leader
):
    client.force_login(leader)
    page = text(client.get(en("event_detail", today_event.pk)))
    assert f'href="{en("checkin_code", today_event.pk)}"' in page
    assert f'href="{en("attendance", today_event.pk)}"' in page
    try:
        with translation.override("en"):
            report = reverse("volunteers:report_create", args=[today_event.team_id])
    except NoReverseMatch:
        report = None
    if report:
        assert f'href="{report}?event={today_event.pk}"' in page
    today_event.status = "cancelled"
    today_event.save()
    page = text(client.get(en("event_detail", today_event.pk)))
    assert en("checkin_code", today_event.pk) not in page


def test_the_event_page_runs_the_same_queries_however_many_checked_in(
    client, today_event, signed_up, make_volunteer
):
    check_in(event=today_event, user=signed_up)
    client.force_login(signed_up)
    few = queries_for(client, en("event_detail", today_event.pk))
    for _ in range(8):
        other = make_volunteer()
        SignupFactory(event=today_event, user=other)
        check_in(event=today_event, user=other)
    assert queries_for(client, en("event_detail", today_event.pk)) == few
