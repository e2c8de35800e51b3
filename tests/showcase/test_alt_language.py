"""English pages never present Chinese alt text as English: card pictures are decorative
(the title beside them names them), and an image whose alt text is still Chinese is
marked lang="zh-Hans" so a screen reader reads it in Chinese."""

import re

import pytest
from bs4 import BeautifulSoup

from showcase.models import CaseStudyPage, StoryPage

pytestmark = pytest.mark.django_db
CHINESE = re.compile(r"[\u3400-\u9fff]")


def chinese_alt_outside_chinese(html: bytes) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    wrong = []
    for img in soup.find_all("img", alt=CHINESE):
        owner = img.find_parent(attrs={"lang": True})
        if owner is None or not owner["lang"].startswith("zh"):
            wrong.append(img["alt"][:40])
    return wrong


def test_english_pages_mark_or_drop_chinese_alt_text(client, demo_content):
    english = [
        model.objects.live().filter(locale__language_code="en").first()
        for model in (CaseStudyPage, StoryPage)
    ]
    urls = ["/en/", "/en/cases/", "/en/news/", "/en/campaigns/", *(page.url for page in english)]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert chinese_alt_outside_chinese(response.content) == [], url


def test_card_pictures_are_decorative_and_chinese_pages_need_no_mark(client, demo_content):
    soup = BeautifulSoup(client.get("/cases/").content, "html.parser")
    cards = soup.select("img.card__img")
    assert cards and all(img["alt"] == "" for img in cards)
    case = CaseStudyPage.objects.live().filter(locale__language_code="zh-hans").first()
    html = client.get(case.url).content.decode()
    assert 'lang="zh-Hans"><picture' not in html and "<span lang=" not in html
