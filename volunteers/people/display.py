"""How a person is named on pages and in messages, and which language they read."""

from django.conf import settings
from django.utils.translation import gettext


def person_name(user) -> str:
    """A user's public display name (their profile's), else their username."""
    if user is None:
        return ""
    profile = getattr(user, "volunteer", None)
    return profile.display_name if profile else user.get_username()


def public_name(user) -> str:
    """The name public pages and team lists show: the display name, never a username."""
    profile = getattr(user, "volunteer", None)
    return profile.display_name if profile else gettext("A volunteer")


def person_language(user) -> str:
    profile = getattr(user, "volunteer", None)
    return profile.language if profile else settings.LANGUAGE_CODE


def account_display(user) -> str:
    """How allauth names someone ("signed in as …"): never the username it made up."""
    profile = getattr(user, "volunteer", None)
    if profile is not None:
        return profile.display_name
    return user.email or gettext("A volunteer")
