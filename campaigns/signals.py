"""Pledges and staff progress updates change what campaign pages (and the home page) show."""

from django.db.models.signals import post_delete, post_save

from campaigns.models import GoalUpdate, Pledge
from portal.pagecache.tags import tags_touch


def _campaign_figures_changed(sender, **kwargs):
    tags_touch("campaigns")


def connect() -> None:
    for model in (Pledge, GoalUpdate):
        name = model.__name__
        post_save.connect(_campaign_figures_changed, sender=model, dispatch_uid=f"cmp-{name}-save")
        post_delete.connect(_campaign_figures_changed, sender=model, dispatch_uid=f"cmp-{name}-del")
