"""Keep stored counts in step, and invalidate cached pages and maps when what they show changes.

Signals rather than calls in each service, because events, sign-ups, teams and
memberships are also written by the admin, the demo loader and the test
factories: every save recounts the one event or team it belongs to, inside the
saving transaction, and names the page-cache tags it moves (applied on commit).
The staff flag follows the "Volunteer staff" group the same way (volunteers/roles.py).
"""

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from portal.pagecache.tags import tags_touch
from volunteers.events.counts import event_counts_refresh
from volunteers.events.models import Event, Signup
from volunteers.participation.models.reports import ActivityReport
from volunteers.places.models import County, Township
from volunteers.roles import staff_flag_follow_group
from volunteers.teams.counts import team_member_count_refresh
from volunteers.teams.models import Membership, Team


def _event_changed(sender, instance, **kwargs):
    tags_touch("events", f"event:{instance.pk}")


def _signup_changed(sender, instance, **kwargs):
    event_counts_refresh(instance.event_id)
    tags_touch("events", f"event:{instance.event_id}")


def _team_changed(sender, instance, **kwargs):
    # A team's name and status show on its events and decide whether they are public.
    tags_touch("teams", "events")


def _membership_changed(sender, instance, **kwargs):
    team_member_count_refresh(instance.team_id)
    tags_touch("teams")


def _place_changed(sender, instance, **kwargs):
    tags_touch("events", "teams", "figures")


def _report_changed(sender, instance, **kwargs):
    tags_touch("figures")


HANDLERS = {
    Event: _event_changed,
    Signup: _signup_changed,
    Team: _team_changed,
    Membership: _membership_changed,
    Township: _place_changed,
    County: _place_changed,
    ActivityReport: _report_changed,
}


def connect() -> None:
    m2m_changed.connect(
        staff_flag_follow_group,
        sender=get_user_model().groups.through,
        dispatch_uid="volunteers-staff-flag",
    )
    for model, handler in HANDLERS.items():
        name = model.__name__
        post_save.connect(handler, sender=model, dispatch_uid=f"volunteers-{name}-save")
        post_delete.connect(handler, sender=model, dispatch_uid=f"volunteers-{name}-delete")
