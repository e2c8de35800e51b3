"""The campaigns an event or an activity report can count towards.

Events and reports keep a foreign key to ``campaigns.CampaignPage``, but the
volunteer domain does not import the campaigns app: campaigns reads the
volunteer domain, never the other way round (docs/architecture.md). What the
forms, services and pages here need to know about campaigns - which ones a
leader may choose, whether a link may be made, how a linked campaign is shown -
the campaigns app answers by registering its ``CampaignLinks`` in
``AppConfig.ready()``.
"""

from typing import Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet


class CampaignLinks(Protocol):
    def for_events(self, *, current_id: int | None = None) -> QuerySet:
        """Campaigns a leader may link an event to (the current link stays a choice)."""

    def for_reports(self, *, current_id: int | None = None) -> QuerySet:
        """Campaigns an activity report may say it was part of."""

    def for_review(self, request=None) -> QuerySet:
        """Every campaign, for the staff's filter of activity reports."""

    def link_refusal(self, campaign) -> str | None:
        """Why a new link to ``campaign`` may not be made, or None when it may."""

    def shown(self, campaign_id: int | None):
        """The linked campaign as a visitor should see it (live, in their language), or None."""


_registered: list[CampaignLinks] = []


def campaign_links_register(links: CampaignLinks) -> None:
    _registered[:] = [links]


def campaign_links() -> CampaignLinks:
    if not _registered:
        raise ImproperlyConfigured("The campaigns app registers its links in AppConfig.ready().")
    return _registered[0]
