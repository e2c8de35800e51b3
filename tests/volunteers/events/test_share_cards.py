"""Shared links show a real card: an event's, a team's, a township's and a report's own
picture, title and facts; an event's poster carries its QR code for chat groups."""

import re

import pytest

from tests.factories import EventFactory, TeamFactory
from tests.share_helpers import local, og, png
from tests.volunteers.helpers import fields
from tests.volunteers.recognition.helpers import approved_report
from volunteers.participation.services.reports import report_save

pytestmark = pytest.mark.django_db


def test_an_event_page_shares_its_own_title_facts_and_card(client, team):
    event = EventFactory(team=team, title="丹江口库区清漂行动")
    html = client.get(f"/events/{event.pk}/").content.decode()
    assert og(html, "title") == "丹江口库区清漂行动"
    assert event.township.name in og(html, "description") and team.name in og(html, "description")
    assert og(html, "url").endswith(f"/events/{event.pk}/")
    assert f'<link rel="canonical" href="{og(html, "url")}">' in html
    card = client.get(local(og(html, "image")))
    assert png(card).size == (1200, 630)
    assert "public" in card["Cache-Control"] and card.has_header("ETag")
    assert client.get(local(og(html, "image")), HTTP_IF_NONE_MATCH=card["ETag"]).status_code == 304


def test_a_changed_event_gets_a_new_card_at_a_new_address(client, team):
    event = EventFactory(team=team, title="库区巡河")
    before = og(client.get(f"/events/{event.pk}/").content.decode(), "image")
    old_card = client.get(local(before)).content
    event.title = "库区巡河（改期）"
    event.save()
    after = og(client.get(f"/events/{event.pk}/").content.decode(), "image")
    # A chat app that kept the old picture under the old address fetches the new one.
    assert before != after
    assert client.get(local(after)).content != old_card


def test_a_members_only_event_shows_no_card_to_the_public(client, team):
    event = EventFactory(team=team, visibility="members")
    assert client.get(f"/events/{event.pk}/card.png").status_code == 404
    assert client.get(f"/events/{event.pk}/poster.png").status_code == 404


def test_the_poster_is_a_download_with_a_qr_code(client, team):
    event = EventFactory(team=team, meeting_point="码头广场")
    response = client.get(f"/events/{event.pk}/poster.png?download")
    poster = png(response)
    assert poster.size == (1080, 1440)
    assert response["Content-Disposition"] == (
        f'attachment; filename="qingshui-event-{event.pk}-poster.png"'
    )
    # The QR code's square, low on the poster, is about half dark modules.
    code = poster.convert("L").crop((330, 830, 750, 1250))
    dark = sum(1 for value in code.get_flattened_data() if value < 128) / (420 * 420)
    assert 0.3 < dark < 0.7


def test_the_event_page_offers_copy_link_the_poster_and_a_wechat_hint(client, team):
    event = EventFactory(team=team)
    html = client.get(f"/events/{event.pk}/").content.decode()
    assert re.search(rf'data-copy-link="http[^"]+/events/{event.pk}/"', html)
    assert f'href="/events/{event.pk}/poster.png?download"' in html
    assert re.search(r"<p[^>]*data-wechat-hint hidden>", html)


def test_a_team_page_shares_its_card(client):
    team = TeamFactory(name="郧阳区柳陂镇护水队")
    html = client.get(f"/teams/{team.pk}/").content.decode()
    assert og(html, "title") == "郧阳区柳陂镇护水队"
    assert png(client.get(local(og(html, "image")))).size == (1200, 630)


def test_a_team_waiting_for_approval_has_no_card(client):
    team = TeamFactory(status="pending")
    assert client.get(f"/teams/{team.pk}/card.png").status_code == 404


def test_a_township_page_shares_its_card_with_what_happens_there(client, team):
    EventFactory(team=team, township=team.township)
    EventFactory(team=team, township=team.township, visibility="members")
    html = client.get(f"/townships/{team.township.code}/").content.decode()
    assert og(html, "title") == team.township.name
    # Counted as the public sees it: the members-only event is not on the card.
    assert "共 1 支服务队 · 共 1 场近期活动" in og(html, "description")
    assert og(html, "url").endswith(f"/townships/{team.township.code}/")
    assert png(client.get(local(og(html, "image")))).size == (1200, 630)


def test_a_new_event_in_a_township_changes_its_card(client, team):
    url = f"/townships/{team.township.code}/"
    before = og(client.get(url).content.decode(), "image")
    EventFactory(team=team, township=team.township)
    assert og(client.get(url).content.decode(), "image") != before


def test_an_approved_report_without_photos_shares_a_drawn_card(client, team, leader, staff):
    report = approved_report(team, leader, staff)
    html = client.get(f"/reports/{report.pk}/").content.decode()
    assert og(html, "title") == report.title
    assert f'<link rel="canonical" href="{og(html, "url")}">' in html
    card = png(client.get(local(og(html, "image"))))
    assert card.size == (1200, 630)


def test_a_draft_report_has_no_public_card(client, team, leader):
    report = report_save(team=team, by=leader, data=fields(team))
    assert client.get(f"/reports/{report.pk}/card.png").status_code == 404
