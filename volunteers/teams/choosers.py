"""A team chooser for the admin: a searchable modal in place of a list of every team.

At the seed's scale there are 2,000 teams. Written as a ``<select>`` they were
more than half of each queue page (155 KB of the 278 KB), and a list that long
is hard to use on a phone; the chooser sends one hidden input and a name, and
finds a team by a few characters of its name, 20 to a page.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet

from volunteers.teams.models import Team


class TeamSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search teams"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Part of the team's name")}),
    )

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching = True
            self.search_query = query
            objects = objects.filter(name__icontains=query)
        return objects


class TeamListingMixin:
    filter_form_class = TeamSearchForm
    ordering = ("name", "pk")

    @property
    def columns(self):
        return [
            self.title_column,
            Column("county", label=_("County")),
            Column("status", label=_("Status"), accessor="get_status_display"),
        ]


class TeamChooseView(TeamListingMixin, ChooseView):
    pass


class TeamChooseResultsView(TeamListingMixin, ChooseResultsView):
    pass


class TeamChooserViewSet(ChooserViewSet):
    model = Team
    icon = "group"
    choose_one_text = _("Choose a team")
    choose_another_text = _("Choose another team")
    per_page = 20
    choose_view_class = TeamChooseView
    choose_results_view_class = TeamChooseResultsView

    def get_object_list(self):
        return Team.objects.select_related("county")


team_chooser_viewset = TeamChooserViewSet(
    "volunteer_team_chooser", url_prefix="volunteers/team-chooser"
)
