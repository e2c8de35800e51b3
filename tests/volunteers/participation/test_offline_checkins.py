"""Check-in codes scanned without a signal and sent later: recorded at the code's minute,
accepted for 12 hours, only for their own event, once; and the app pieces that make it work
offline (manifest, a service worker at the root, the offline page)."""

import datetime
import json
import time

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from tests.factories import EventFactory, SignupFactory
from tests.utils import en, text
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.services.checkins import IN, OUT, checkin_token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def placed(today_event, volunteer):
    SignupFactory(event=today_event, user=volunteer)
    return volunteer


def minute_of(at: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(int(at // 60) * 60, tz=datetime.UTC)


def sync(client, event, token):
    return client.post(en("checkin_sync", event.pk), {"token": token})


def test_a_scan_sent_later_counts_from_the_minute_of_the_code(client, today_event, placed, leader):
    scanned = time.time() - 40 * 60  # scanned 40 minutes ago, in a valley without a signal
    client.force_login(placed)
    response = sync(client, today_event, checkin_token(event=today_event, action=IN, at=scanned))
    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert "scanned without a signal" in response.json()["message"]
    checkin = CheckIn.objects.get(event=today_event, volunteer=placed)
    assert checkin.checked_in_at == minute_of(scanned)
    assert abs(checkin.in_synced_at - timezone.now()) < datetime.timedelta(minutes=1)
    # The leader sees it was sent from offline, and when.
    client.force_login(leader)
    page = text(client.get(en("attendance", today_event.pk)))
    sent = timezone.localtime(checkin.in_synced_at).strftime("%H:%M")
    assert f"Checked in offline, sent at {sent}" in page


def test_sending_the_same_scan_twice_records_it_once(client, today_event, placed):
    token = checkin_token(event=today_event, action=IN, at=time.time() - 300)
    client.force_login(placed)
    assert sync(client, today_event, token).status_code == 200
    again = sync(client, today_event, token)
    assert again.status_code == 200 and again.json()["ok"] is True
    assert CheckIn.objects.filter(event=today_event, volunteer=placed).count() == 1


def test_a_check_out_scanned_offline_gives_the_hours_between_the_codes(client, today_event, placed):
    start = time.time() - 50 * 60
    client.force_login(placed)
    sync(client, today_event, checkin_token(event=today_event, action=IN, at=start))
    sync(client, today_event, checkin_token(event=today_event, action=OUT, at=start + 45 * 60))
    checkin = CheckIn.objects.get(event=today_event, volunteer=placed)
    assert checkin.checked_out_at - checkin.checked_in_at == datetime.timedelta(minutes=45)
    assert checkin.out_synced_at is not None
    assert ServiceRecord.objects.get(event=today_event, volunteer=placed).hours == 0.75


def test_a_scan_older_than_twelve_hours_no_longer_counts(client, team, volunteer):
    starts = timezone.now() - datetime.timedelta(hours=14)
    event = EventFactory(
        team=team,
        starts_at=starts,
    )
    SignupFactory(event=event, user=volunteer)
    token = checkin_token(event=event, action=IN, at=time.time() - 13 * 3600)
    client.force_login(volunteer)
    response = sync(client, event, token)
    assert response.status_code == 400
    assert "more than 12 hours old" in response.json()["error"]
    assert not CheckIn.objects.exists()


def test_a_code_of_another_event_or_a_made_up_one_is_refused(client, today_event, placed, team):
    other = EventFactory(team=team)
    client.force_login(placed)
    for token in (checkin_token(event=other, action=IN), "i1-deadbeef", "", "x" * 500):
        response = sync(client, today_event, token)
        assert response.status_code == 400, token
        assert "not valid" in response.json()["error"]
    assert not CheckIn.objects.exists()


def test_without_a_place_a_kept_scan_is_refused_with_the_reason(client, today_event, volunteer):
    client.force_login(volunteer)
    response = sync(client, today_event, checkin_token(event=today_event, action=IN))
    assert response.status_code == 400
    assert "confirmed place" in response.json()["error"]


def test_signed_out_the_phone_is_told_to_keep_the_scan(client, today_event, placed):
    response = sync(client, today_event, checkin_token(event=today_event, action=IN))
    assert response.status_code == 401
    assert not CheckIn.objects.exists()


# --- The app around it ------------------------------------------------------------------


def test_the_service_worker_is_served_from_the_root_and_never_kept_stale(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert '"/offline/"' in body and "/static/css/site" in body


def test_the_manifest_makes_the_portal_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["display"] == "standalone" and data["start_url"] == "/me/"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in data["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]
    page = text(client.get("/en/events/"))
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page


@pytest.mark.parametrize("path", ["/offline/", "/en/offline/"])
def test_the_offline_page_tells_what_happens_to_a_scan(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "data-offline-page" in text(response)


# --- The leader's phone without a signal ------------------------------------------------


def test_the_leaders_page_carries_the_coming_hours_codes(client, today_event, leader):
    from volunteers.participation.services.checkins import checkin_token_action

    client.force_login(leader)
    data = client.get(en("checkin_code_refresh", today_event.pk) + "?action=in").json()
    ahead = data["ahead"]
    now_minute = int(time.time() // 60)
    assert [minute for minute, _url in ahead] == list(range(now_minute, now_minute + 61))
    # Each is the code of its own minute: accepted then, not before.
    minute, url = ahead[10]
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert checkin_token_action(event=today_event, token=token, at=minute * 60 + 5) == IN
    with pytest.raises(Exception, match="expired"):
        checkin_token_action(event=today_event, token=token, at=time.time())
    page = text(client.get(en("checkin_code", today_event.pk)))
    assert 'id="checkin-ahead"' in page and "vendor/qrcode-generator/qrcode" in page


def test_no_codes_are_handed_out_past_the_close_of_check_in(client, team, leader):
    closing = timezone.now() + datetime.timedelta(minutes=20)
    # Check-in closes 3 hours after the end: in 20 minutes.
    event = EventFactory(team=team, starts_at=closing - datetime.timedelta(hours=6))
    client.force_login(leader)
    ahead = client.get(en("checkin_code_refresh", event.pk)).json()["ahead"]
    closes = (event.ends_at + datetime.timedelta(hours=3)).timestamp() // 60
    assert ahead and ahead[-1][0] == closes and len(ahead) <= 21
