"""The one CSV writer behind every download: safe to open in a spreadsheet, and complete.

A file opened in Excel must not run a formula typed by the public, must show
Chinese names (a byte-order mark first), and a staff export cut off on the
way must be told apart from a whole one by its last line.
"""

import csv
import datetime
import io
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.http import HttpResponse, StreamingHttpResponse

from portal.csv_stream import (
    BOM,
    csv_download,
    csv_lines,
    end_of_file_line,
    end_of_file_rows,
)

HEADER = ["名字", "时长"]


def parsed(lines) -> list[list[str]]:
    text = "".join(lines)
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(BOM), newline="")))


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def download_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_a_spreadsheet_would_run_gets_a_leading_quote(prefix):
    typed = f'{prefix}HYPERLINK("http://evil.example")'
    rows = parsed(csv_lines([HEADER, [typed, 1]], end_line=False))
    assert rows[1] == ["'" + typed, "1"]


@pytest.mark.parametrize("after_tab", ["=", "+", "-", "@"])
def test_a_formula_hidden_behind_a_tab_is_defused_too(after_tab):
    typed = f"\t{after_tab}1+2"
    rows = parsed(csv_lines([HEADER, [typed, ""]], end_line=False))
    assert rows[1][0] == "'" + typed


def test_harmless_text_and_numbers_are_left_as_they_are():
    cells = ["a=b", "小水滴 -1", "'=already quoted", -5, None]
    rows = parsed(csv_lines([HEADER, cells], end_line=False))
    assert rows[1] == ["a=b", "小水滴 -1", "'=already quoted", "-5", ""]


def test_decimals_drop_trailing_zeros_and_dates_are_iso():
    cells = [Decimal("1.50"), Decimal("10.0"), Decimal("-0.25"), datetime.date(2026, 5, 1)]
    rows = parsed(csv_lines([HEADER, cells], end_line=False))
    # 10.0 is "10", never "1E+1"; a negative figure is a number, not a formula.
    assert rows[1] == ["1.5", "10", "-0.25", "2026-05-01"]


def test_the_byte_order_mark_comes_first_so_excel_reads_utf8():
    lines = list(csv_lines([HEADER, ["王芳", 2]]))
    assert lines[0] == BOM
    assert body(csv_download("x.csv", [HEADER, ["王芳", 2]])).startswith(b"\xef\xbb\xbf")


def test_a_chinese_file_name_reaches_the_browser_as_utf8():
    response = csv_download("十堰志愿者-报名.csv", [HEADER])
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert unquote(disposition.split("''", 1)[1]) == "十堰志愿者-报名.csv"


def test_an_ascii_file_name_stays_a_plain_quoted_name():
    response = csv_download("event-7-signups.csv", [HEADER])
    assert response["Content-Disposition"] == 'attachment; filename="event-7-signups.csv"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_a_streamed_download_parses_back_to_its_rows_and_says_where_it_ends():
    data = [
        ["王芳, 丹江口", Decimal("1.5")],
        ['说 "你好"', 3],
        ["两行\n文字", datetime.date(2026, 1, 2)],
    ]
    response = csv_download("records.csv", iter([HEADER, *data]))
    assert isinstance(response, StreamingHttpResponse)
    *rows, last = download_rows(response)
    assert rows == [
        HEADER,
        ["王芳, 丹江口", "1.5"],
        ['说 "你好"', "3"],
        ["两行\n文字", "2026-01-02"],
    ]
    assert last == [end_of_file_line(3)]
    assert end_of_file_rows(last[0]) == len(rows) - 1


def test_a_list_without_the_end_line_ends_with_its_last_row():
    response = csv_download("roster.csv", [HEADER, ["王芳", 2]], end_line=False, stream=False)
    assert isinstance(response, HttpResponse) and not response.streaming
    assert download_rows(response) == [HEADER, ["王芳", "2"]]


def test_an_export_without_data_still_ends_with_its_line():
    rows = parsed(csv_lines([HEADER]))
    assert rows == [HEADER, [end_of_file_line(0)]]
    assert end_of_file_rows(rows[-1][0]) == 0


def test_progress_is_told_the_rows_written():
    told = []
    list(csv_lines([HEADER, ["a", 1], ["b", 2]], progress=told.append))
    assert told == [1, 2]


@pytest.mark.django_db  # closing a response tells Django the request ended (old connections go)
def test_a_streamed_download_stopped_before_its_end_is_reported():
    stopped = []
    rows = [HEADER, ["a", 1], ["b", 2]]
    response = csv_download("x.csv", rows, cut_off=lambda: stopped.append(1))
    chunks = iter(response.streaming_content)
    next(chunks), next(chunks)  # the byte-order mark and the heading: then the client goes
    response.close()
    assert stopped == [1]

    whole = csv_download("x.csv", [HEADER, ["a", 1]], cut_off=lambda: stopped.append(2))
    body(whole)
    whole.close()
    assert stopped == [1]


@pytest.mark.parametrize("rows", [0, 1, 12345, 3_190_000])
def test_the_end_of_file_line_round_trips(rows):
    line = end_of_file_line(rows)
    assert end_of_file_rows(line) == rows
    assert end_of_file_rows(line + "\r\n") == rows


def test_a_cut_or_foreign_last_line_is_no_end_of_file_line():
    line = end_of_file_line(12345)
    assert end_of_file_rows(line[:-5]) is None  # cut off inside the line
    assert end_of_file_rows(line.replace("12345 data", "1234 data")) is None
    assert end_of_file_rows("王芳,2") is None
    assert end_of_file_rows("") is None
