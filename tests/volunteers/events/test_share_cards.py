"""Shared links show a real card: an event's and a team's own picture, title and facts;
an event's poster carries its QR code for chat groups."""

import re
from io import BytesIO

import pytest
from PIL import Image

from tests.factories import EventFactory, TeamFactory

pytestmark = pytest.mark.django_db


def og(html: str, name: str) -> str:
    return re.search(rf'<meta property="og:{name}" content="([^"]*)"', html)[1]


def png(response) -> Image.Image:
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    return Image.open(BytesIO(response.content))


def local(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


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
