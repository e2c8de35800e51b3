"""Ids typed into URLs and query strings by anyone."""

# Beyond this an id is not one of ours, and PostgreSQL would refuse it as a bigint.
MAX_ID_DIGITS = 18


def parse_id(text) -> int | None:
    """A positive database id from text, or None: "²" and "٣" are digits to Python, not ids."""
    text = str(text or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_ID_DIGITS:
        return None
    value = int(text)
    return value or None
