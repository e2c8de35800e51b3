"""The iCalendar feeds as a calendar app reads them: the whole feed, one event, a team's events."""

import datetime

import pytest

from portal.base_url import absolute_url
from tests.factories import EventFactory, TeamFactory, TownshipFactory
from tests.utils import en
from tests.volunteers.events.helpers import PUBLIC_TITLES, calendar, features, local, vevents, zh
from volunteers.events.models import Event
from volunteers.events.services.events import event_cancel

pytestmark = pytest.mark.django_db
PORTAL = absolute_url("").rstrip("/")  # feeds name the portal's one address

SHANGHAI = "Asia/Shanghai"
CANCELLED = "[Cancelled] 取消的活动"


# --- iCalendar: the whole feed ------------------------------------------------------


def test_the_calendar_is_valid_and_keeps_shanghai_time(client, event):
    response = client.get(en("events_ics"))
    cal = calendar(response)
    assert response["Content-Disposition"] == 'inline; filename="qingshui-events.ics"'
    assert response["Access-Control-Allow-Origin"] == "*"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]).startswith("-//Qingshui//")
    assert str(cal["X-WR-CALNAME"]) == "Qingshui · Events"
    [vtimezone] = cal.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == SHANGHAI
    assert cal.get_missing_tzids() == set()

    [vevent] = cal.walk("VEVENT")
    start = vevent.decoded("DTSTART")
    end = vevent.decoded("DTEND")
    assert vevent["DTSTART"].params["TZID"] == SHANGHAI
    assert vevent["DTEND"].params["TZID"] == SHANGHAI
    assert (start.hour, start.minute) == (9, 0)
    assert (end.hour, end.minute) == (12, 0)
    assert start.utcoffset() == datetime.timedelta(hours=8)
    assert start.astimezone(datetime.UTC).hour == 1
    assert start == event.starts_at
    assert b"DTSTART;TZID=Asia/Shanghai:" in response.content
    assert str(vevent["UID"]) == f"event-{event.pk}@qingshui"
    assert vevent.decoded("DTSTAMP").tzinfo is not None
    assert str(vevent["URL"]) == f"{PORTAL}/en/events/{event.pk}/"
    assert str(vevent["STATUS"]) == "CONFIRMED"


def test_uids_and_bytes_stay_the_same_across_requests(client, assorted):
    first = client.get(en("events_ics"))
    second = client.get(en("events_ics"), HTTP_HOST="portal.example.org")
    uids = [str(e["UID"]) for e in calendar(first).walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in calendar(second).walk("VEVENT")]
    assert all(uid.endswith("@qingshui") for uid in uids)
    # The host someone used never leaks into the UID.
    assert b"portal.example.org" not in b"".join(
        line for line in second.content.splitlines() if line.startswith(b"UID")
    )
    again = client.get(en("events_ics"))
    assert again.content == first.content


def test_the_feeds_show_only_public_upcoming_events(client, assorted, team, member, staff):
    for viewer in (None, member, staff):
        if viewer:
            client.force_login(viewer)
        # Open data is the same for everyone: no members-only events even for members.
        # Calendars keep a cancelled event, marked so, for subscribers to update.
        assert set(vevents(client.get(en("events_ics")))) == {*PUBLIC_TITLES, CANCELLED}
        assert set(features(client.get(en("events_geojson")))) == PUBLIC_TITLES
        assert set(vevents(client.get(en("team_ics", team.pk)))) == {"公开巡河", CANCELLED}
        client.logout()


def test_an_empty_calendar_is_still_a_valid_calendar(client):
    cal = calendar(client.get(zh("events_ics")))
    assert cal.walk("VEVENT") == []
    assert len(cal.walk("VTIMEZONE")) == 1


def test_the_calendar_tells_where_and_what_to_bring(client, team):
    event = EventFactory(
        team=team,
        lat=32.55,
        lon=110.9,
        meeting_point="码头入口",
        what_to_bring="手套、垃圾袋",
        description="沿库岸清理漂浮物。",
    )
    [vevent] = calendar(client.get(en("event_ics", event.pk))).walk("VEVENT")
    location = str(vevent["LOCATION"])
    assert "码头入口" in location
    assert event.township.name_en in location
    assert event.township.county.name_en in location
    # GEO is latitude;longitude, the other way round from GeoJSON.
    assert vevent.decoded("GEO") == (32.55, 110.9)
    description = str(vevent["DESCRIPTION"])
    for text in ("手套、垃圾袋", "码头入口", "沿库岸清理漂浮物。", team.name):
        assert text in description
    assert f"{PORTAL}/en/events/{event.pk}/" in description


def test_an_event_without_its_own_point_gets_its_townships(client, event):
    [vevent] = calendar(client.get(en("event_ics", event.pk))).walk("VEVENT")
    assert vevent.decoded("GEO") == (event.township.lat, event.township.lon)


def test_no_geo_when_there_is_no_point_at_all(client, team):
    event = EventFactory(team=team, township=TownshipFactory(lat=None, lon=None))
    [vevent] = calendar(client.get(en("event_ics", event.pk))).walk("VEVENT")
    assert "GEO" not in vevent


# --- iCalendar: one event -----------------------------------------------------------


def test_one_event_downloads_as_an_attachment(client, event):
    response = client.get(en("event_ics", event.pk))
    [vevent] = calendar(response).walk("VEVENT")
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
    assert str(vevent["UID"]) == f"event-{event.pk}@qingshui"
    assert str(vevent["SUMMARY"]) == event.title
    # The same UID as in the feed, so an app holding both sees one event.
    feed = calendar(client.get(en("events_ics"))).walk("VEVENT")
    assert [str(v["UID"]) for v in feed] == [str(vevent["UID"])]


def test_members_only_event_downloads_only_for_those_who_may_see_it(
    client, team, member, leader, staff, make_volunteer
):
    event = EventFactory(team=team, visibility="members")
    url = en("event_ics", event.pk)
    assert client.get(url).status_code == 404
    client.force_login(make_volunteer())
    assert client.get(url).status_code == 404
    for viewer in (member, leader, staff):
        client.force_login(viewer)
        assert len(calendar(client.get(url)).walk("VEVENT")) == 1


def test_unapproved_teams_events_and_unknown_events_are_not_found(client):
    event = EventFactory(team=TeamFactory(status="pending"))
    assert client.get(en("event_ics", event.pk)).status_code == 404
    assert client.get(en("event_ics", event.pk + 1000)).status_code == 404


def test_a_cancelled_event_still_downloads_marked_cancelled(client, event):
    [before] = calendar(client.get(en("event_ics", event.pk))).walk("VEVENT")
    # The leader cancels it a minute later.
    Event.objects.filter(pk=event.pk).update(
        status="cancelled",
        cancel_reason="暴雨预警",
        updated_at=event.updated_at + datetime.timedelta(minutes=1),
    )
    [vevent] = calendar(client.get(en("event_ics", event.pk))).walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["UID"]) == str(before["UID"])
    assert "Cancelled" in str(vevent["SUMMARY"])
    assert "暴雨预警" in str(vevent["DESCRIPTION"])
    # A higher SEQUENCE makes calendar apps replace the copy they imported.
    assert vevent.decoded("SEQUENCE") > before.decoded("SEQUENCE")


def test_a_subscribed_feed_keeps_an_event_cancelled_after_it_was_published(client, event, leader):
    # Published a minute ago; the leader cancels it now.
    Event.objects.filter(pk=event.pk).update(
        updated_at=event.updated_at - datetime.timedelta(minutes=1)
    )
    [before] = vevents(client.get(en("events_ics"))).values()
    event_cancel(event=event, by=leader, reason="暴雨预警")
    [after] = vevents(client.get(en("events_ics"))).values()
    # The same UID with a higher SEQUENCE and STATUS:CANCELLED: the subscriber's app
    # strikes the event out instead of keeping the stale copy.
    assert str(after["UID"]) == str(before["UID"])
    assert str(after["STATUS"]) == "CANCELLED" and str(before["STATUS"]) == "CONFIRMED"
    assert after.decoded("SEQUENCE") > before.decoded("SEQUENCE")
    assert "暴雨预警" in str(after["DESCRIPTION"])


def test_a_past_event_still_downloads(client, team):
    event = EventFactory(
        team=team, starts_at=local(-3), ends_at=local(-3, 12), signup_deadline=local(-4)
    )
    assert len(calendar(client.get(en("event_ics", event.pk))).walk("VEVENT")) == 1


# --- iCalendar: a team's events -----------------------------------------------------


def test_a_teams_calendar_holds_its_public_upcoming_events(client, assorted, team):
    other = EventFactory(title="别队活动")
    response = client.get(en("team_ics", team.pk))
    cal = calendar(response)
    assert set(vevents(response)) == {"公开巡河", CANCELLED}
    assert "别队活动" not in response.content.decode()
    assert str(cal["X-WR-CALNAME"]).startswith(team.name)
    assert response["Content-Disposition"] == f'inline; filename="team-{team.pk}.ics"'
    assert set(vevents(client.get(en("team_ics", other.team.pk)))) == {"别队活动"}


def test_an_unapproved_teams_calendar_is_not_found(client, staff):
    pending = TeamFactory(status="pending")
    EventFactory(team=pending)
    assert client.get(en("team_ics", pending.pk)).status_code == 404
    client.force_login(staff)
    assert client.get(en("team_ics", pending.pk)).status_code == 404
    assert client.get(en("team_ics", 999_999)).status_code == 404
