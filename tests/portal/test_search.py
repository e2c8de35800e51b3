import re
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.text import slugify
from wagtail.models import Locale, Page, PageViewRestriction

from portal.models import HomePage
from portal.search.selectors import search_pages

pytestmark = pytest.mark.django_db

TITLE = "清水 · 十堰绿色机关"
NEUTRAL_INTRO = "十堰的公共机构一起守护丹江口水库。"


@pytest.fixture
def home(db):
    """The portal's own demo content only (both home pages and the site).

    Other apps' demo pages would also match these searches; the tests here
    need to know exactly which pages exist.
    """
    from portal import demo

    demo.load(
        out=SimpleNamespace(production=False, info=lambda message: None, account=lambda *args: None)
    )
    return HomePage.objects.get(locale__language_code="zh-hans")


@pytest.fixture
def zh_home(home):
    """The Chinese home page with only a known sentence or two to search."""
    home.title = TITLE
    home.hero_kicker = ""
    home.hero_intro = NEUTRAL_INTRO
    home.body = ""
    home.save_revision().publish()
    return HomePage.objects.get(pk=home.pk)


def publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def add_pages(parent, title, count):
    for n in range(count):
        parent.add_child(instance=Page(title=f"{title} {n + 1}", slug=slugify(f"{title} {n + 1}")))
    return parent


def result_titles(html):
    return re.findall(r'<h2 class="search-result__title"><a href="[^"]*">([^<]*)</a>', html)


def search(client, q, *, prefix="", **params):
    response = client.get(f"{prefix}/search/", {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("word", "field", "text"),
    [
        ("光伏", "hero_intro", "市委党校在报告厅屋顶铺设分布式光伏发电板，白天的用电基本自给。"),
        ("节水", "hero_intro", "各单位把老旧水龙头换成感应式节水器具以后，用水量明显下降。"),
        ("志愿", "body", "<p>我们招募志愿者参加周末的巡河和清漂活动。</p>"),
        ("医院", "body", "<p>市人民医院改造了中央空调和锅炉房，住院楼的热水也改用热泵。</p>"),
        ("合同能源管理", "body", "<p>这所中学采用合同能源管理模式完成了照明改造。</p>"),
    ],
)
@pytest.mark.parametrize("tokeniser", ["jieba", "bigram"])
def test_chinese_word_inside_a_sentence_is_found(
    client, zh_home, settings, tokeniser, word, field, text
):
    settings.SEARCH_TOKENISER = tokeniser  # publish() below indexes with it
    assert result_titles(search(client, word)) == []  # not in the page before
    publish(zh_home, **{field: text})
    html = search(client, word)
    assert result_titles(html) == [zh_home.title]
    assert f"<mark>{word}</mark>" in html


def test_a_word_not_on_the_page_is_not_found(client, zh_home):
    publish(zh_home, hero_intro="我们招募志愿者参加周末的巡河活动。")
    html = search(client, "光伏")
    assert result_titles(html) == []
    assert "search-empty" in html


def test_longer_query_words_are_found_in_any_order(client, zh_home):
    publish(zh_home, hero_intro="“小水滴”志愿服务队正在招募志愿者参加巡河。")
    assert result_titles(search(client, "志愿者")) == [zh_home.title]
    assert result_titles(search(client, "志愿者招募")) == [zh_home.title]
    assert result_titles(search(client, "招募 巡河")) == [zh_home.title]
    assert result_titles(search(client, "招募 光伏")) == []  # every word must occur


def test_bigrams_find_any_two_characters_of_the_text(client, zh_home, settings):
    settings.SEARCH_TOKENISER = "bigram"
    publish(zh_home, hero_intro="沿江村庄的护水队每周巡河。")
    assert result_titles(search(client, "护水")) == [zh_home.title]
    # 愿者招 is not in the text, although each of its characters is.
    publish(zh_home, hero_intro="我们招募志愿者参加巡河。")
    assert result_titles(search(client, "愿者招")) == []


def test_home_page_indexes_its_text_tokenised(zh_home):
    publish(zh_home, hero_intro="节约用水", body="<p>屋顶<b>光伏</b>板</p><p>第二段</p>")
    text = zh_home.get_search_text()
    assert TITLE in text and "节约用水" in text
    assert "屋顶光伏板 第二段" in text and "<b>" not in text
    assert {"光伏", "节约", "用水", "十堰"} <= set(zh_home.search_tokens().split())


def test_subclass_text_is_found_through_the_base_page_search(zh_home):
    publish(zh_home, body="<p>屋顶光伏发电板</p>")
    zh = Locale.objects.get(language_code="zh-hans")
    results = list(search_pages("光伏", locale=zh))
    assert results == [zh_home]
    assert type(results[0]) is HomePage  # specific instances, not bare Page rows


def test_english_search_finds_the_english_home(client, home):
    html = search(client, "water", prefix="/en")
    en_home = home.get_translation(Locale.objects.get(language_code="en"))
    assert result_titles(html) == [en_home.title]
    assert "<mark>water</mark>" in html.lower()
    assert '<p class="search-result__kind">Home page</p>' in html
    assert 'lang="en"' in html


def test_search_stays_in_the_current_language(client, zh_home):
    # "water" is on the English home page only.
    assert result_titles(search(client, "water")) == []
    assert result_titles(search(client, "丹江口", prefix="/en")) == []
    assert result_titles(search(client, "丹江口")) == [zh_home.title]


def test_english_query_is_case_insensitive(client, home):
    assert len(result_titles(search(client, "WATER", prefix="/en"))) == 1


def test_unpublished_draft_text_is_not_found(client, zh_home):
    zh_home.hero_intro = "草稿：明年计划在车棚顶上铺设光伏板。"
    zh_home.save_revision()  # saved, not published
    assert result_titles(search(client, "光伏")) == []
    zh_home.get_latest_revision().publish()
    assert result_titles(search(client, "光伏")) == [zh_home.title]


def test_unpublished_page_is_not_found(client, zh_home):
    zh_home.add_child(instance=Page(title="Water draft notes", slug="water-draft", live=False))
    add_pages(zh_home, "Water notes", 1)
    assert result_titles(search(client, "water")) == ["Water notes 1"]


def test_private_page_is_not_found(client, zh_home):
    publish(zh_home, hero_intro="我们招募志愿者参加巡河。")
    private = zh_home.add_child(instance=Page(title="Water private", slug="water-private"))
    add_pages(zh_home, "Water public", 1)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert result_titles(search(client, "water")) == ["Water public 1"]

    PageViewRestriction.objects.create(page=zh_home, restriction_type=PageViewRestriction.LOGIN)
    assert result_titles(search(client, "志愿")) == []
    assert result_titles(search(client, "water")) == []  # children of a private page too


def test_single_chinese_character_matches_titles(client, zh_home):
    # One character is not a token inside a longer word; titles are searched instead.
    html = search(client, "水")
    assert zh_home.title in result_titles(html)
    assert "<mark>水</mark>" in html


def test_results_show_type_and_link(client, zh_home):
    publish(zh_home, hero_intro="我们招募志愿者参加巡河。")
    html = search(client, "志愿")
    assert '<p class="search-result__kind">首页</p>' in html
    assert f'href="{zh_home.url}"' in html


def test_highlight_escapes_page_text(client, zh_home):
    publish(zh_home, hero_intro='<script>alert("x")</script>我们招募志愿者参加巡河 & 清漂。')
    html = search(client, "志愿")
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;我们招募<mark>志愿</mark>者" in html
    assert '<script>alert("x")' not in html


def test_query_is_echoed_escaped(client, zh_home):
    html = search(client, '<img src=x onerror="alert(1)">志愿')
    assert "<img src=x" not in html
    assert "&lt;img src=x" in html


def test_results_paginate_ten_per_page(client, zh_home):
    add_pages(zh_home, "Water notes", 23)
    first = search(client, "water")
    assert len(result_titles(first)) == 10
    assert re.search(r'class="search-summary" role="status">\s*23\b', first)
    assert 'rel="next"' in first and "page=2" in first
    third = search(client, "water", page="3")
    assert len(result_titles(third)) == 3
    seen = set()
    for number in ("1", "2", "3"):
        seen.update(result_titles(search(client, "water", page=number)))
    assert len(seen) == 23


@pytest.mark.parametrize(("page", "expected"), [("abc", 10), ("99999", 3), ("-1", 3), ("", 10)])
def test_bad_page_numbers_fall_back(client, zh_home, page, expected):
    add_pages(zh_home, "Water notes", 23)
    assert len(result_titles(search(client, "water", page=page))) == expected


@pytest.mark.parametrize(
    "q",
    [
        "\x00",
        "\x00志愿\x01\x1f",
        "志愿" * 1000,
        "water " * 400,
        "！？。，、…",
        "*",
        '"',
        "'; DROP TABLE wagtailcore_page; --",
        "1' OR '1'='1",
        "water OR NOT AND NEAR(",
        '"志愿',
        "\u200b\u200b",
        "😀🌊",
        "%",
        "水 water",
    ],
)
def test_odd_queries_give_a_normal_page(client, zh_home, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    assert 'name="robots" content="noindex"' in response.content.decode()


def test_raw_nul_in_the_url_gives_a_normal_page(client, zh_home):
    assert client.get("/search/?q=%00").status_code == 200
    assert client.get("/search/?q=%00&page=%00").status_code == 200
    assert client.get("/search/?q=a&q=b&page=1&page=x").status_code == 200
    assert client.get("/search/?q=%ED%A0%80%FF%FE").status_code == 200  # not UTF-8


def test_long_query_is_truncated(client, zh_home):
    html = search(client, "志愿" * 1000)
    assert 'value="' + "志愿" * 50 + '"' in html
    assert "志愿" * 51 not in html


def test_empty_query_shows_a_prompt(client, zh_home):
    html = search(client, "")
    assert "search-empty" in html
    assert "search-result" not in html.replace("search-results", "")
    assert client.get("/search/").status_code == 200


def test_search_page_is_not_indexed_by_robots(client, zh_home):
    assert '<meta name="robots" content="noindex">' in search(client, "志愿")


def test_header_has_a_search_form(client, zh_home):
    assert 'role="search" method="get" action="/search/"' in client.get("/").content.decode()
    en = client.get("/en/").content.decode()
    assert 'role="search" method="get" action="/en/search/"' in en


def test_english_ui_strings(client, home):
    html = search(client, "zzzz", prefix="/en")
    assert "Nothing found for" in html


def _count_queries(client, q):
    client.get("/search/", {"q": q})  # warm per-process caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/search/", {"q": q})
    assert response.status_code == 200
    return len(ctx.captured_queries), len(result_titles(response.content.decode()))


def test_query_count_does_not_grow_with_results(client, zh_home):
    # Both result pages hold the same two page types (the home page and plain
    # pages): a page of results costs one query per type, not per result.
    publish(zh_home, hero_intro="water 与水同行。")
    add_pages(zh_home, "Water notes", 2)
    few, shown_few = _count_queries(client, "water")
    add_pages(zh_home, "Water more", 7)
    many, shown_many = _count_queries(client, "water")
    assert (shown_few, shown_many) == (3, 10)
    assert many == few
    assert many <= 12
