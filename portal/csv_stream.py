"""Pieces shared by every CSV and spreadsheet export.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-``, ``@``
(or a tab or carriage return before one) as a formula, and names, titles and
team names are typed by the public: every text cell is defused with a quote.

The staff exports of service records and activity reports end with a line
that says how many data rows came before it (``end_of_file_line``). A
download cut off on the way — a worker killed by its timeout, a dropped
connection — still looks like a CSV file, so the missing line is how a person
or a program tells that a file is incomplete (``end_of_file_rows``). The line
is written in both languages whatever the language of the file, so one check
fits every file. The other downloads (a leader's roster, an event's sign-ups,
the pledges) are lists people read row by row and have always ended with
their last row: they are written without the line.

Every CSV download is made by ``csv_download`` from rows through
``csv_lines``, the one writer, so none can forget the byte-order mark or a
formula.
"""

import csv
import datetime
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# Lets Excel open a CSV file as UTF-8 (Chinese names would be garbled otherwise).
BOM = "\ufeff"
END_OF_FILE = "# 文件结束：共 {rows} 行数据 / end of file: {rows} data rows"
# The number twice: a line cut off inside the figure no longer matches.
END_OF_FILE_RE = re.compile(r"# 文件结束：共 (\d+) 行数据 / end of file: (\d+) data rows")


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer in a stream."""

    def write(self, value):
        return value


def csv_cell(value) -> str:
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def csv_value(value):
    """A value as the CSV shows it: text defused, decimals without trailing zeros, ISO dates."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return csv_cell(value)
    return value


def end_of_file_line(rows: int) -> str:
    """The last line of an export: how many data rows (the heading not counted) it holds."""
    return END_OF_FILE.format(rows=rows)


def end_of_file_rows(line: str) -> int | None:
    """The number of data rows an export's last line states; None if it is no such line.

    None means the file was cut off before its end. The caller compares the
    number with the data rows it read.
    """
    match = END_OF_FILE_RE.fullmatch(line.strip())
    if match is None or match[1] != match[2]:
        return None
    return int(match[1])


def csv_lines(
    rows: Iterable[list],
    *,
    progress: Callable[[int], None] | None = None,
    end_line: bool = True,
) -> Iterator[str]:
    """The text of a CSV export, line by line: byte-order mark, heading, rows, end of file.

    ``rows`` yields the heading first, then the data rows; every cell goes
    through ``csv_value``. ``progress`` is told the number of data rows
    written after each one. The streamed download and the file made in the
    background both write through here, so both end with the same line;
    ``end_line=False`` leaves it out.
    """
    writer = csv.writer(_Echo())
    rows = iter(rows)
    yield BOM
    yield writer.writerow([csv_value(value) for value in next(rows)])
    done = 0
    for row in rows:
        yield writer.writerow([csv_value(value) for value in row])
        done += 1
        if progress is not None:
            progress(done)
    if end_line:
        yield writer.writerow([end_of_file_line(done)])


def _watched(lines: Iterable[str], cut_off: Callable[[], None]) -> Iterator[str]:
    finished = False
    try:
        yield from lines
        finished = True
    finally:
        if not finished:
            cut_off()


def csv_download(
    filename: str,
    rows: Iterable[list],
    *,
    end_line: bool = True,
    stream: bool = True,
    cut_off: Callable[[], None] | None = None,
) -> HttpResponse | StreamingHttpResponse:
    """A CSV file to download: ``rows`` (heading first) written by ``csv_lines``.

    Streamed by default, so a long export holds one chunk of rows at a time;
    ``stream=False`` writes it whole, for a short list already in memory.
    ``filename`` may be Chinese: the header then carries it as UTF-8
    (``filename*``, RFC 6266), an ASCII name stays a plain ``filename="…"``.
    ``cut_off`` is called if a streamed download stops before its last line
    (the client went away, the worker was stopped).
    """
    lines = csv_lines(rows, end_line=end_line)
    if not stream:
        response = HttpResponse("".join(lines), content_type=CSV_CONTENT_TYPE)
    else:
        if cut_off is not None:
            lines = _watched(lines, cut_off)
        response = StreamingHttpResponse(lines, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
