"""Keep stored counts in step and clear cached maps whenever what they show changes.

Signals rather than calls in each service, because sign-ups and memberships are
also written by the admin, the demo loader and the test factories: every save
recounts the one event or team it belongs to, inside the saving transaction.
"""

from django.db.models.signals import post_delete, post_save

from .counts import event_counts_refresh, team_member_count_refresh
from .maps import maps_invalidate
from .models import County, Event, Membership, Signup, Team, Township


def _invalidate(sender, **kwargs):
    maps_invalidate()


def _signup_changed(sender, instance, **kwargs):
    event_counts_refresh(instance.event_id)


def _membership_changed(sender, instance, **kwargs):
    team_member_count_refresh(instance.team_id)


def connect() -> None:
    for model in (Event, Signup, Team, Township, County):
        post_save.connect(_invalidate, sender=model, dispatch_uid=f"maps-{model.__name__}-save")
        post_delete.connect(_invalidate, sender=model, dispatch_uid=f"maps-{model.__name__}-delete")
    post_save.connect(_signup_changed, sender=Signup, dispatch_uid="counts-signup-save")
    post_delete.connect(_signup_changed, sender=Signup, dispatch_uid="counts-signup-delete")
    post_save.connect(_membership_changed, sender=Membership, dispatch_uid="counts-member-save")
    post_delete.connect(_membership_changed, sender=Membership, dispatch_uid="counts-member-del")
