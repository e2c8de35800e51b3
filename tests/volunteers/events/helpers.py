"""Helpers shared by the event tests."""

import datetime
import json

from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar


def zh(name: str, *args) -> str:
    with translation.override("zh-hans"):
        return reverse(f"volunteers:{name}", args=args)


def local(days: int, hour: int = 9) -> datetime.datetime:
    now = timezone.localtime()
    return (now + datetime.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


# --- The open-data feeds -------------------------------------------------------------

# The titles of the ``assorted`` events that the public feeds show.
PUBLIC_TITLES = {"公开巡河", "机关清漂"}


def calendar(response) -> Calendar:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def vevents(response) -> dict[str, object]:
    """The response's VEVENTs by SUMMARY."""
    return {str(e["SUMMARY"]): e for e in calendar(response).walk("VEVENT")}


def geojson(response) -> dict:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/geo+json"
    return json.loads(response.content)


def features(response) -> dict[str, dict]:
    """The response's features by title (events) or name (teams)."""
    data = geojson(response)
    return {f["properties"].get("title") or f["properties"]["name"]: f for f in data["features"]}
