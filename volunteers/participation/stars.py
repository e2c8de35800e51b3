"""Star levels (星级志愿者) from approved service hours.

The thresholds live only here; pages, rollups and e-mails all ask this module.
"""

from decimal import Decimal

# Approved hours needed for 1★ … 5★.
STAR_THRESHOLDS = (100, 300, 600, 1000, 1500)
MAX_STAR_LEVEL = len(STAR_THRESHOLDS)


def star_level(hours) -> int:
    """0 (none) to 5; a level is reached exactly at its threshold (99.9 h → 0, 100 h → 1)."""
    hours = Decimal(str(hours))
    return sum(1 for threshold in STAR_THRESHOLDS if hours >= threshold)


def next_threshold(hours) -> int | None:
    """Approved hours needed for the next level, or None at the top level."""
    level = star_level(hours)
    return STAR_THRESHOLDS[level] if level < MAX_STAR_LEVEL else None
