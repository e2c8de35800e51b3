"""Helpers for the tests of more than one volunteer package."""

import datetime

from django.utils import timezone
from wagtail.users.models import UserProfile

# --- The Wagtail admin ------------------------------------------------------------------

TEAMS = "/admin/volunteers/teams/"
EVENTS = "/admin/volunteers/events/"
PEOPLE = "/admin/volunteers/people/"
SIGNUPS = "/admin/volunteers/signups/"


def refused(response) -> bool:
    """Wagtail sends people without the right permission back to a login or the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and "/volunteers/" not in response["Location"]
    )


def in_english(user):
    """The admin speaks each user's chosen language (the site's default otherwise)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


# --- Activity reports -------------------------------------------------------------------


def fields(team, **overrides):
    data = {
        "title": "丹江口库区清漂",
        "date": timezone.localdate() - datetime.timedelta(days=1),
        "kind": "cleanup",
        "township": team.township,
        "summary": "沿岸清理漂浮垃圾。",
        "participants": 5,
        "litter_kg": "120.5",
        "river_km": "3",
        "households": "",
        "samples": 0,
        "trees": None,
    }
    data.update(overrides)
    return data
