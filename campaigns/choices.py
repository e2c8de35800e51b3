import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.dates import shiyan_today


class CampaignTheme(models.TextChoices):
    RIVER = "river", _("Water protection")
    WATER = "water", _("Water saving")
    TRANSPORT = "transport", _("Green travel")
    FOOD = "food", _("Clean plate")
    ENERGY = "energy", _("Energy saving")
    WASTE = "waste", _("Waste sorting")


class CampaignStatus(models.TextChoices):
    UPCOMING = "upcoming", pgettext_lazy("campaign status", "Upcoming")
    RUNNING = "running", pgettext_lazy("campaign status", "Running")
    FINISHED = "finished", pgettext_lazy("campaign status", "Finished")


def campaign_status(
    start: datetime.date, end: datetime.date | None, today: datetime.date | None = None
) -> str:
    """Upcoming before the first day, finished after the last, running in between."""
    today = today or shiyan_today()
    if today < start:
        return CampaignStatus.UPCOMING
    if end is not None and today > end:
        return CampaignStatus.FINISHED
    return CampaignStatus.RUNNING


class GoalKind(models.TextChoices):
    MANUAL = "manual", _("Figure entered by staff")
    PLEDGES = "pledges", _("Pledges made on the campaign")
    EVENTS = "events", _("Finished volunteer activities linked to the campaign")
    HOURS = "hours", _("Approved volunteer hours linked to the campaign")
    ACTIVITIES = "activities", _("Approved activity reports linked to the campaign")
