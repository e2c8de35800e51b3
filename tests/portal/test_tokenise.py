import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.search.highlight import snippet
from portal.search.tokenise import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_TOKENS,
    bigram_tokens,
    clean_query,
    index_text,
    jieba_query_tokens,
    jieba_tokens,
    query_tokens,
    query_words,
    split_query,
    tokenise,
    tokeniser_name,
)


def test_bigrams_split_a_chinese_run_into_overlapping_pairs():
    assert bigram_tokens("招募志愿者") == ["招募", "募志", "志愿", "愿者"]


def test_bigrams_keep_a_lone_character_and_latin_words():
    assert bigram_tokens("水、电 Water-saving 2024年") == [
        "水",
        "电",
        "water",
        "saving",
        "2024",
        "年",
    ]


def test_punctuation_separates_runs():
    # No bigram crosses the comma: 募，志 is not a pair.
    assert bigram_tokens("招募，志愿") == ["招募", "志愿"]


def test_full_width_letters_and_digits_are_folded():
    assert bigram_tokens("ＬＥＤ照明２０２４") == ["led", "照明", "2024"]


def test_latin_glued_to_chinese_is_split_at_the_script_change():
    assert bigram_tokens("LED灯") == ["led", "灯"]


def test_rare_characters_outside_the_basic_block_count_as_chinese():
    assert bigram_tokens("𠀀𠀁好") == ["𠀀𠀁", "𠀁好"]


def test_empty_and_symbol_only_text_has_no_tokens():
    assert bigram_tokens("") == []
    assert bigram_tokens("！？…—·《》  ") == []


def test_every_two_character_word_of_a_sentence_is_a_bigram():
    sentence = "市人民医院采用合同能源管理改造屋顶光伏，我们招募志愿者参加节水宣传。"
    tokens = set(bigram_tokens(sentence))
    for word in ["医院", "合同", "能源", "管理", "光伏", "志愿", "节水"]:
        assert word in tokens


def test_jieba_cuts_words_in_search_mode():
    tokens = jieba_tokens("我们招募志愿者参加巡河活动 Water")
    assert "志愿" in tokens and "志愿者" in tokens and "招募" in tokens
    assert "water" in tokens


def test_jieba_query_leaves_out_compounds_of_other_words():
    # In context jieba cuts 合同能源管理模式 without 能源管理; the parts still match.
    assert "能源管理" not in jieba_tokens("采用合同能源管理模式")
    assert jieba_query_tokens("合同能源管理") == ["合同", "能源", "管理"]
    assert set(jieba_query_tokens("合同能源管理")) <= set(jieba_tokens("采用合同能源管理模式"))
    assert jieba_query_tokens("志愿者") == ["志愿", "愿者"]
    # A word that is not made of shorter words stays.
    assert "光伏" in jieba_query_tokens("光伏")


def test_jieba_loads_lazily_and_quietly():
    # A fresh interpreter: importing the module must not load jieba, and the
    # first cut must not print jieba's "Building prefix dict" chatter.
    code = (
        "import sys\n"
        "from portal.search import tokenise\n"
        "assert 'jieba' not in sys.modules\n"
        "print(' '.join(tokenise.jieba_tokens('屋顶光伏发电')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        check=True,
        timeout=60,
    )
    assert "光伏" in result.stdout.split()
    assert result.stderr == ""


def test_site_tokeniser_defaults_to_jieba(settings):
    del settings.SEARCH_TOKENISER
    assert tokeniser_name() == "jieba"
    assert index_text("志愿者 water") == "志愿 愿者 志愿者 water"


def test_site_tokeniser_follows_the_setting(settings):
    settings.SEARCH_TOKENISER = "bigram"
    assert tokenise("志愿者") == ["志愿", "愿者"]
    settings.SEARCH_TOKENISER = "nonsense"
    with pytest.raises(ImproperlyConfigured):
        tokenise("志愿者")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("  光伏   发电 ", "光伏 发电"),
        ("\x00志愿\x01\x7f", "志愿"),
        ("节\u200b水", "节 水"),
        ("a\tb\nc", "a b c"),
    ],
)
def test_clean_query_drops_control_characters(raw, expected):
    assert clean_query(raw) == expected


def test_clean_query_truncates_long_input():
    assert len(clean_query("水" * 2000)) == MAX_QUERY_LENGTH


def test_query_tokens_are_distinct_and_bounded(settings):
    settings.SEARCH_TOKENISER = "bigram"
    assert query_tokens("志愿 志愿 Water water") == ["志愿", "water"]
    assert len(query_tokens(clean_query("绿色机关节水护水" * 20))) <= MAX_QUERY_TOKENS


@pytest.mark.parametrize(
    "query",
    ["'; DROP TABLE wagtailcore_page; --", 'say "hi" OR NOT *', "NEAR(a b)", "a:b^c"],
)
def test_query_tokens_never_carry_query_syntax(query):
    for token in query_tokens(clean_query(query)):
        assert token.isalnum(), token


def test_split_query_sets_lone_characters_aside(settings):
    settings.SEARCH_TOKENISER = "bigram"
    assert split_query("水 water 志愿") == (["water", "志愿"], ["水"])
    assert split_query("水") == ([], ["水"])


def test_query_words_keep_whole_chinese_runs():
    assert query_words("合同能源管理，Water") == ["合同能源管理", "Water"]


def test_snippet_marks_words_and_escapes_html():
    html = snippet("<b>公告</b> 我们招募志愿者参加巡河 & 清漂", ["志愿"])
    assert html == "&lt;b&gt;公告&lt;/b&gt; 我们招募<mark>志愿</mark>者参加巡河 &amp; 清漂"


def test_snippet_escapes_the_marked_word_itself():
    assert snippet("x <b> y", ["<b>"]) == "x <mark>&lt;b&gt;</mark> y"


def test_snippet_cuts_a_window_around_the_first_hit():
    text = "甲" * 200 + "光伏发电" + "乙" * 200
    html = snippet(text, ["光伏"])
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>光伏</mark>" in html
    plain = html.replace("<mark>", "").replace("</mark>", "").strip("…")
    assert 70 <= len(plain) <= 80


def test_snippet_does_not_cut_english_words():
    text = " ".join(["reservoir"] * 30) + " the water patrol " + " ".join(["township"] * 30)
    html = snippet(text, ["water"])
    inner = html.strip("…")
    assert inner.split()[0] in {"reservoir", "the"}
    assert inner.split()[-1] == "township"
    assert "<mark>water</mark>" in html


def test_snippet_is_case_insensitive():
    assert "<mark>Water</mark>" in snippet("Water saving", ["water"])


def test_snippet_falls_back_to_bigram_hits_then_to_the_start():
    assert "<mark>志愿</mark>" in snippet("招募志愿者", ["志愿服务"], fallback_words=["志愿"])
    assert snippet("abc def", ["xyz"]) == "abc def"
    assert snippet("", ["xyz"]) == ""


def test_stream_text_reads_stored_json_without_queries():
    # No database fixture: a query (e.g. fetching image 41) would fail the test.
    from wagtail import blocks
    from wagtail.images.blocks import ImageBlock, ImageChooserBlock

    from portal.search.mixins import raw_stream_text

    body = blocks.StreamBlock(
        [
            ("paragraph", blocks.RichTextBlock()),
            ("image", ImageChooserBlock()),
            ("figure", ImageBlock()),
            ("page", blocks.PageChooserBlock()),
            (
                "quote",
                blocks.StructBlock(
                    [("quote", blocks.TextBlock()), ("by", blocks.CharBlock(search_index=False))]
                ),
            ),
            ("facts", blocks.ListBlock(blocks.CharBlock())),
            ("count", blocks.IntegerBlock()),
        ]
    )
    raw = [
        {"type": "paragraph", "value": "<p>屋顶<b>光伏</b>&amp;储能</p>", "id": "1"},
        {"type": "image", "value": 41, "id": "2"},
        {"type": "figure", "value": {"image": 41, "alt_text": "alt", "decorative": False}},
        {"type": "page", "value": 7, "id": "3"},
        {"type": "quote", "value": {"quote": "节水从一滴开始", "by": "hidden"}, "id": "4"},
        {"type": "facts", "value": [{"type": "item", "value": "新格式", "id": "a"}, "旧格式"]},
        {"type": "count", "value": 3},
        {"type": "removed-block", "value": "gone"},
    ]
    texts = list(raw_stream_text(body, raw))
    assert texts == ["屋顶光伏&储能", "节水从一滴开始", "新格式", "旧格式"]


def test_web_processes_load_the_jieba_dictionary_before_the_first_request(settings):
    import importlib

    from portal.search import tokenise

    settings.SEARCH_TOKENISER = "jieba"
    tokenise._jieba.cache_clear()
    import portal.wsgi

    importlib.reload(portal.wsgi)
    assert tokenise._jieba.cache_info().currsize == 1
    # Already loaded: a search in this process tokenises without loading anything.
    assert "志愿" in tokenise.jieba_tokens("我们招募志愿者")
    assert tokenise._jieba.cache_info().misses == 1
