"""Content pages share a picture too: their cover or hero image when they have one,
otherwise a drawn card with what they are, their title and their facts."""

import pytest

from campaigns.models import CampaignPage
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    CaseStudyIndexPageFactory,
    CaseStudyPageFactory,
    ImageFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
)
from tests.share_helpers import local, og, png

pytestmark = pytest.mark.django_db


def test_a_campaign_without_a_hero_image_shares_a_drawn_card(client, home):
    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home), title="光盘行动")
    html = client.get(campaign.url).content.decode()
    assert og(html, "title") == "光盘行动"
    assert og(html, "description") == campaign.summary
    assert og(html, "url").endswith(campaign.url)
    assert og(html, "image:alt").startswith(f"光盘行动 · {campaign.get_theme_display()} · 进行中")
    assert png(client.get(local(og(html, "image")))).size == (1200, 630)


def test_a_campaign_with_a_hero_image_shares_that_photo(client, home):
    campaign = CampaignPageFactory(
        parent=CampaignIndexPageFactory(parent=home), hero_image=ImageFactory()
    )
    image = og(client.get(campaign.url).content.decode(), "image")
    assert "/card.png" not in image and image.endswith(".jpg")


def test_a_retitled_campaign_gets_a_new_card(client, home):
    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home))
    before = og(client.get(campaign.url).content.decode(), "image")
    old_card = client.get(local(before)).content
    page = CampaignPage.objects.get(pk=campaign.pk)
    page.title = "光盘行动（第二季）"
    page.save_revision().publish()
    after = og(client.get(campaign.url).content.decode(), "image")
    assert after != before
    assert client.get(local(after)).content != old_card


def test_stories_cases_and_index_pages_share_cards_with_their_facts(client, home):
    story = StoryPageFactory(
        parent=StoryIndexPageFactory(parent=home), author="十堰市机关事务服务中心"
    )
    case = CaseStudyPageFactory(parent=CaseStudyIndexPageFactory(parent=home))
    story_html = client.get(story.url).content.decode()
    assert og(story_html, "image:alt").endswith("十堰市机关事务服务中心")
    assert og(client.get(case.url).content.decode(), "image:alt").endswith("节水率 45.6% · 节水")
    for page in (story, case, story.get_parent(), home):
        html = client.get(page.url).content.decode()
        assert png(client.get(local(og(html, "image")))).size == (1200, 630)


def test_a_draft_page_has_no_card(client, home):
    draft = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home), live=False)
    assert client.get(f"/pages/{draft.pk}/card.png").status_code == 404


def test_the_english_home_page_gets_an_english_card(client, home):
    zh = og(client.get("/").content.decode(), "image")
    en = og(client.get("/en/").content.decode(), "image")
    assert "/en/pages/" in en and en != zh
    assert client.get(local(en)).content != client.get(local(zh)).content
