"""Page routes are remembered: deep pages load in one query, and the tree's changes still count."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.factories import StoryIndexPageFactory, StoryPageFactory


@pytest.fixture
def story(home):
    index = StoryIndexPageFactory(parent=home)
    return StoryPageFactory(parent=index, title="库区清漂纪实", slug="cleanup-story")


def rendered_queries(client, url) -> tuple[int, object]:
    with override_settings(PAGECACHE_ENABLED=False), CaptureQueriesContext(connection) as seen:
        response = client.get(url)
    return len(seen), response


def test_a_deep_page_is_found_without_walking_the_tree_again(client, story):
    first, response = rendered_queries(client, "/news/cleanup-story/")
    assert response.status_code == 200 and "库区清漂纪实" in response.content.decode()
    again, response = rendered_queries(client, "/news/cleanup-story/")
    assert response.status_code == 200 and "库区清漂纪实" in response.content.decode()
    assert again <= first - 3  # two queries per level walked, one to load the page


def test_sub_page_routes_still_answer_through_a_remembered_route(client, story):
    for _ in range(2):
        response = client.get("/news/feed/")
        assert response.status_code == 200 and "库区清漂纪实" in response.content.decode()


def test_an_unpublished_page_is_gone_at_once(client, story):
    assert client.get("/news/cleanup-story/").status_code == 200
    story.unpublish()
    assert client.get("/news/cleanup-story/").status_code == 404


def test_a_renamed_page_moves_to_its_new_address(client, story):
    assert client.get("/news/cleanup-story/").status_code == 200
    story.slug = "reservoir-cleanup"
    story.save_revision().publish()
    assert client.get("/news/cleanup-story/").status_code == 404
    assert client.get("/news/reservoir-cleanup/").status_code == 200


def test_an_unknown_address_is_a_404_until_a_page_is_published_there(client, story):
    for _ in range(2):
        assert client.get("/news/next-story/").status_code == 404
    StoryPageFactory(parent=story.get_parent(), title="下一篇", slug="next-story")
    assert client.get("/news/next-story/").status_code == 200
