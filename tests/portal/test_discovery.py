"""Search engines and feed readers find the portal: robots.txt, a sitemap that covers the
volunteer side, feed autodiscovery on the home page, Atom ids that are IRIs."""

import re
import xml.etree.ElementTree as ET

import feedparser
import pytest

from portal.base_url import absolute_url
from tests.factories import EventFactory, StoryIndexPageFactory, StoryPageFactory, TeamFactory

pytestmark = pytest.mark.django_db
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_urls(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - the portal's own sitemap
    return [loc.text for loc in root.iterfind(".//sm:loc", SITEMAP_NS)]


def test_robots_txt_keeps_private_pages_out_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /admin/", "Disallow: /accounts/", "Disallow: /en/me/"} <= set(lines)
    assert f"Sitemap: {absolute_url('/sitemap.xml')}" in lines


def test_the_sitemap_lists_public_events_teams_townships_and_impact(client, home):
    team = TeamFactory()
    public = EventFactory(team=team)
    members_only = EventFactory(team=team, visibility="members")
    pending = TeamFactory(status="pending")
    urls = sitemap_urls(client)
    assert absolute_url(f"/events/{public.pk}/") in urls
    assert absolute_url(f"/events/{members_only.pk}/") not in urls
    assert absolute_url(f"/teams/{team.pk}/") in urls
    assert absolute_url(f"/teams/{pending.pk}/") not in urls
    assert absolute_url(f"/townships/{public.township.code}/") in urls
    assert {absolute_url(p) for p in ("/", "/impact/", "/events/", "/events/map/")} <= set(urls)
    # One address for everything, whichever host the request came to.
    assert all(url.startswith(absolute_url("/")) for url in urls)


def test_the_home_page_announces_the_news_feeds(client, home):
    news = StoryIndexPageFactory(parent=home)
    StoryPageFactory(parent=news, title="库区清漂")
    html = client.get("/").content.decode()
    links = dict(
        re.findall(r'<link rel="alternate" type="(application/[a-z+]+)"[^>]*href="([^"]+)"', html)
    )
    assert set(links) == {"application/rss+xml", "application/atom+xml"}
    for url in links.values():
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo and feed.entries[0].title == "库区清漂"


def test_atom_entry_ids_are_tag_uris(client, home):
    news = StoryIndexPageFactory(parent=home)
    story = StoryPageFactory(parent=news)
    feed = feedparser.parse(client.get(f"{news.url}feed/atom/").content)
    host = absolute_url("/").split("://")[1].split(":")[0].rstrip("/")
    # RFC 4287 §4.2.6: an IRI; RFC 4151: tag:authority,date:specific.
    assert feed.entries[0].id == f"tag:{host},2026-01-01:story/{story.translation_key}/zh-hans"
