"""Calendar days in Shiyan, whatever the server's clock says."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

# Campaign periods are calendar days in Shiyan, whatever the server's clock says.
SHIYAN_TZ = ZoneInfo("Asia/Shanghai")


def shiyan_today() -> datetime.date:
    return timezone.localdate(timezone=SHIYAN_TZ)


def local_time(value) -> str:
    """A moment as "2026-06-05 09:30" in the site's time zone; "" for none."""
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""
