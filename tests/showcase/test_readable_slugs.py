"""New pages get short pinyin addresses instead of percent-encoded Chinese ones."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.slugs import MAX_LENGTH, readable_slug
from showcase.models import StoryPage
from tests.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(home):
    return StoryIndexPageFactory(parent=home)


def add_story(client, news, *, title, slug, publish=True):
    data = {
        "title": title,
        "slug": slug,  # what the editor's title field puts there as one types
        "date": "2026-12-01",
        "author": "",
        "summary": "库区清漂。",
        "tags": "",
        "body": streamfield([("text", rich_text("<p>正文</p>"))]),
        "related_links": inline_formset([]),
    }
    if publish:
        data["action-publish"] = "publish"
    response = client.post(
        f"/admin/pages/add/showcase/storypage/{news.pk}/", nested_form_data(data)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return StoryPage.objects.filter(title=title).latest("pk")


def test_pinyin_keeps_digits_and_latin_words():
    assert readable_slug("丹江口库区清漂行动") == "dan-jiang-kou-ku-qu-qing-piao-xing-dong"
    assert (
        readable_slug("2026年光盘行动 Clean Plate") == "2026-nian-guang-pan-xing-dong-clean-plate"
    )


def test_a_long_title_is_cut_at_a_word():
    slug = readable_slug("十堰市市直机关公共机构节约能源资源绿色低碳示范单位创建工作经验交流")
    assert len(slug) <= MAX_LENGTH and not slug.endswith("-")
    assert slug.startswith("shi-yan-shi-shi-zhi-ji-guan")
    assert all(part.isalpha() and len(part) <= 6 for part in slug.split("-"))


def test_a_new_story_with_a_chinese_title_gets_a_pinyin_address(admin_client, news):
    story = add_story(admin_client, news, title="丹江口库区清漂行动", slug="丹江口库区清漂行动")
    assert story.slug == "dan-jiang-kou-ku-qu-qing-piao-xing-dong"
    assert admin_client.get(f"/news/{story.slug}/").status_code == 200


def test_a_second_story_with_the_same_title_gets_the_next_free_address(admin_client, news):
    add_story(admin_client, news, title="库区巡河", slug="库区巡河")
    second = add_story(admin_client, news, title="库区巡河", slug="库区巡河", publish=False)
    assert second.slug == "ku-qu-xun-he-2"


def test_an_address_the_editor_typed_is_kept(admin_client, news):
    story = add_story(admin_client, news, title="护水周", slug="water-week")
    assert story.slug == "water-week"


def test_a_published_page_keeps_its_address_when_edited(admin_client, news):
    story = StoryPageFactory(parent=news, slug="库区故事")
    data = nested_form_data(
        {
            "title": story.title,
            "slug": "库区故事",
            "date": "2026-12-01",
            "author": "",
            "summary": story.summary,
            "tags": "",
            "body": streamfield([("text", rich_text("<p>改过的正文</p>"))]),
            "related_links": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{story.pk}/edit/", data)
    assert response.status_code == 302
    story.refresh_from_db()
    # Links already shared in chats keep working.
    assert story.slug == "库区故事"
