"""Pieces shared by every CSV and spreadsheet export.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-``, ``@``
(or a tab or carriage return before one) as a formula, and names, titles and
team names are typed by the public: every text cell is defused with a quote.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer in a stream."""

    def write(self, value):
        return value


def _cell(value) -> str:
    value = "" if value is None else str(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value
