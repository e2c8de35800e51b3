import feedparser
import pytest
from wagtail.models import PageViewRestriction

from tests.factories import StoryPageFactory
from tests.utils import queries_for

pytestmark = pytest.mark.django_db


def story(parent, **kwargs):
    page = StoryPageFactory(parent=parent, **kwargs)
    return page


def test_story_index_paginates_newest_first(client, news_index):
    for n in range(12):
        story(news_index, title=f"动态{n:02d}")
    first = client.get(news_index.url).context["stories"]
    second = client.get(news_index.url + "?page=2").context["stories"]
    assert [s.title for s in first][:2] == ["动态11", "动态10"]
    assert len(first) == 10 and len(second) == 2


def test_tag_filter_shows_only_tagged_stories(client, news_index):
    tagged = story(news_index, title="志愿者巡河")
    tagged.tags.add("志愿服务")
    tagged.save_revision().publish()
    story(news_index, title="年度数据发布")
    response = client.get(news_index.url + "?tag=" + tagged.tags.first().slug)
    assert [s.title for s in response.context["stories"]] == ["志愿者巡河"]
    # An unknown tag shows everything rather than an error.
    assert len(client.get(news_index.url + "?tag=%00nope").context["stories"]) == 2


def test_rss_and_atom_feeds_parse_and_list_only_public_stories(client, news_index):
    public = story(news_index, title="公开动态", summary="十堰护水志愿者的最新消息。")
    story(news_index, title="草稿动态", live=False)
    private = story(news_index, title="内部动态")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    for route in ("feed/", "feed/atom/"):
        response = client.get(news_index.url + route)
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert not feed.bozo, feed.bozo_exception
        assert [entry.title for entry in feed.entries] == ["公开动态"]
        assert feed.entries[0].link.endswith(public.url)
        assert "最新消息" in feed.entries[0].summary


def test_index_links_its_feeds_for_readers(client, news_index):
    html = client.get(news_index.url).content.decode()
    assert 'type="application/rss+xml"' in html
    assert 'type="application/atom+xml"' in html


def test_story_index_query_count_is_fixed(client, news_index):
    story(news_index).tags.add("节水")
    few = queries_for(client, news_index.url)
    for n in range(8):
        page = story(news_index)
        page.tags.add(f"标签{n}")
        page.save_revision().publish()
    assert queries_for(client, news_index.url) == few


def test_stories_appear_on_the_home_page_in_their_language(client, news_index):
    story(news_index, title="首页可见的动态")
    assert "首页可见的动态" in client.get("/").content.decode()
    assert "首页可见的动态" not in client.get("/en/").content.decode()
