"""What the site's server-drawn SVG charts share."""

from decimal import Decimal


def nice_ceiling(value: Decimal, *, empty: Decimal = Decimal(10)) -> Decimal:
    """A round number at or a little above ``value`` for the top of an axis (``empty`` for 0)."""
    if value <= 0:
        return empty
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in ("1", "2", "2.5", "5", "10"):
        top = magnitude * Decimal(step)
        if top >= value:
            return top
    return magnitude * 10
