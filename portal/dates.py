"""Calendar days in Shiyan, whatever the server's clock says."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

# Campaign periods are calendar days in Shiyan, whatever the server's clock says.
SHIYAN_TZ = ZoneInfo("Asia/Shanghai")


def shiyan_today() -> datetime.date:
    return timezone.localdate(timezone=SHIYAN_TZ)


def local_time(value, tz: datetime.tzinfo | None = None) -> str:
    """A moment as "2026-06-05 09:30" in ``tz`` (the active time zone if none); "" for none.

    A streamed export writes its rows after the view has returned, when the
    admin's time zone is no longer active: it passes the zone it fixed.
    """
    return timezone.localtime(value, tz).strftime("%Y-%m-%d %H:%M") if value else ""


def local_iso(moment: datetime.datetime) -> str:
    """``moment`` in Shiyan's time, to the second, as ISO 8601 (``<time datetime>`` and
    JSON-LD: HTML allows at most three decimals, and no reader needs them)."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()
