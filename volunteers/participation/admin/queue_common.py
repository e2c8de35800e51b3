"""What both review queues share: the team and county filters, where and when an item was sent.

A service record and an activity report both belong to a team and a
township, are submitted and are decided.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from portal.dates import local_time
from volunteers.places.display import place_label
from volunteers.places.models import County
from volunteers.teams.choosers import team_chooser_viewset
from volunteers.teams.models import Team


def team_choice_filter():
    """Records or reports of one team, picked in the team chooser (2,000 teams at scale)."""
    return django_filters.ModelChoiceFilter(
        label=_("Team"), queryset=Team.objects.all(), widget=team_chooser_viewset.widget_class
    )


def county_filter():
    return django_filters.ModelChoiceFilter(
        label=_("County"), field_name="township__county", queryset=County.objects.all()
    )


def place_and_times(item) -> dict:
    """The item's place, and when it was submitted and decided (local time), for its page."""
    return {
        "place": place_label(item.township),
        "submitted_at": local_time(item.submitted_at),
        "decided_at": local_time(item.decided_at),
    }
