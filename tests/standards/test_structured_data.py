"""schema.org JSON-LD as a search engine reads it: events, stories and case studies."""

import datetime
import json
import re

import pytest

from portal.base_url import absolute_url
from tests.factories import (
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    EventFactory,
    SignupFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db
SCHEMA = "https://schema.org/"


def json_ld(html: str, kind: str) -> dict:
    found = [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]
    [data] = [d for d in found if d["@type"] == kind]
    assert data["@context"] == "https://schema.org"
    return data


def test_an_event_page_describes_the_event_for_search_engines(client):
    team = TeamFactory(name="柳陂镇护水队")
    event = EventFactory(team=team, title="库区清漂", capacity=3, meeting_point="码头广场")
    SignupFactory(event=event)
    data = json_ld(client.get(f"/events/{event.pk}/").content.decode(), "Event")
    assert data["name"] == "库区清漂"
    assert data["url"] == absolute_url(f"/events/{event.pk}/")
    start = datetime.datetime.fromisoformat(data["startDate"])
    assert start == event.starts_at and start.utcoffset() == datetime.timedelta(hours=8)
    assert datetime.datetime.fromisoformat(data["endDate"]) == event.ends_at
    assert data["eventStatus"] == SCHEMA + "EventScheduled"
    assert data["eventAttendanceMode"] == SCHEMA + "OfflineEventAttendanceMode"
    location = data["location"]
    assert location["name"] == "码头广场"
    assert location["address"]["addressLocality"].endswith(event.township.name)
    assert location["geo"]["latitude"] == pytest.approx(event.point[0])
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "柳陂镇护水队",
        "url": absolute_url(f"/teams/{team.pk}/"),
    }
    assert data["remainingAttendeeCapacity"] == 2 and data["maximumAttendeeCapacity"] == 3
    assert data["offers"]["price"] == 0 and data["offers"]["availability"] == SCHEMA + "InStock"
    assert data["image"].startswith(absolute_url(f"/events/{event.pk}/card.png"))


def test_a_cancelled_or_full_event_says_so(client):
    cancelled = EventFactory(status="cancelled")
    data = json_ld(client.get(f"/events/{cancelled.pk}/").content.decode(), "Event")
    assert data["eventStatus"] == SCHEMA + "EventCancelled"
    full = EventFactory(capacity=1)
    SignupFactory(event=full)
    data = json_ld(client.get(f"/events/{full.pk}/").content.decode(), "Event")
    assert data["offers"]["availability"] == SCHEMA + "SoldOut"
    assert data["remainingAttendeeCapacity"] == 0


def test_a_title_cannot_break_out_of_the_script(client):
    event = EventFactory(title="</script><script>alert(1)</script>")
    html = client.get(f"/events/{event.pk}/").content.decode()
    assert "<script>alert(1)" not in html
    assert json_ld(html, "Event")["name"] == "</script><script>alert(1)</script>"


def test_stories_are_news_articles_and_case_studies_articles(client, home):
    story = StoryPageFactory(parent=StoryIndexPageFactory(parent=home), author="市机关事务服务中心")
    html = client.get(story.url).content.decode()
    data = json_ld(html, "NewsArticle")
    assert data["headline"] == story.title and data["description"] == story.summary
    assert data["author"] == {"@type": "Organization", "name": "市机关事务服务中心"}
    assert data["datePublished"] and data["mainEntityOfPage"] == absolute_url(story.url)
    case = CaseStudyPageFactory(parent=CaseStudyIndexPageFactory(parent=home))
    case_html = client.get(case.url).content.decode()
    assert json_ld(case_html, "Article")["headline"] == case.title
    # Shared as an article, described by its own summary rather than the site's line.
    assert '<meta property="og:type" content="article">' in case_html
    assert f'<meta name="description" content="{case.summary}">' in case_html
