"""Clear cached maps whenever what they show changes."""

from django.db.models.signals import post_delete, post_save

from .maps import maps_invalidate
from .models import County, Event, Signup, Team, Township


def _invalidate(sender, **kwargs):
    maps_invalidate()


def connect() -> None:
    for model in (Event, Signup, Team, Township, County):
        post_save.connect(_invalidate, sender=model, dispatch_uid=f"maps-{model.__name__}-save")
        post_delete.connect(_invalidate, sender=model, dispatch_uid=f"maps-{model.__name__}-delete")
