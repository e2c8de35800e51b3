"""Staff administration of the volunteer domain inside the Wagtail admin.

Teams, events, volunteers and sign-ups hold personal data (PIPL), so every
view here is gated by the model permissions of the Wagtail admin: content
editors and moderators have none of them and never see these menus.
State changes go through ``volunteers.services`` so the people concerned are
told, exactly as when leaders act on the public site.
"""

import django_filters
from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log

from portal.admin_ui.helpers import listing_url, user_can, with_next
from portal.admin_ui.views import ObjectActionView, StaffViewSetMixin, TemplatePanel
from volunteers.choices import (
    MembershipStatus,
    Role,
    TeamStatus,
)
from volunteers.people.display import person_name
from volunteers.people.models import VolunteerProfile
from volunteers.places.models import County
from volunteers.teams.models import Membership, Team
from volunteers.teams.services import team_approve, team_reject

# Log action codes, registered with labels in wagtail_hooks.py so the history
# views show who approved a team or cancelled an event.
LOG_TEAM_APPROVE = "volunteers.team_approve"
LOG_TEAM_REJECT = "volunteers.team_reject"
MEMBERS_SHOWN = 200


# --- Teams ------------------------------------------------------------------------


class TeamAdminForm(WagtailAdminModelForm):
    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Team.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("A team with this name already exists."))
        return name

    def clean(self):
        data = super().clean()
        county, township = data.get("county"), data.get("township")
        if county and township and township.county_id != county.pk:
            self.add_error("township", _("The township is not in the chosen county."))
        return data


def team_members_context(team, request):
    members = (
        Membership.objects.filter(team=team)
        .exclude(status__in=[MembershipStatus.LEFT, MembershipStatus.REMOVED])
        .select_related("user__volunteer")
        .annotate(
            rank=Case(
                When(role=Role.LEADER, then=Value(0)),
                When(role=Role.CO_LEADER, then=Value(1)),
                When(status=MembershipStatus.ACTIVE, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "requested_at", "pk")
    )
    shown = list(members[: MEMBERS_SHOWN + 1])
    total = len(shown) if len(shown) <= MEMBERS_SHOWN else members.count()
    profile_url_name = None
    if user_can(request.user, VolunteerProfile, ["change"]):
        profile_url_name = "volunteer_profiles:edit"
    elif user_can(request.user, VolunteerProfile, ["view"]):
        profile_url_name = "volunteer_profiles:inspect"
    return {
        "members": [(m, person_name(m.user)) for m in shown[:MEMBERS_SHOWN]],
        "total": total,
        "more": max(total - MEMBERS_SHOWN, 0),
        "profile_url_name": profile_url_name,
        "events_url": reverse("volunteer_events:index") + f"?team={team.pk}",
    }


def team_status_context(team, request):
    buttons = []
    back = reverse("volunteer_teams:edit", args=[team.pk])
    if user_can(request.user, Team, ["change"]):
        if team.status != TeamStatus.APPROVED:
            url = with_next(reverse("volunteer_teams:approve", args=[team.pk]), back)
            buttons.append(Button(_("Approve"), url=url, icon_name="check"))
        if team.status == TeamStatus.PENDING:
            url = with_next(reverse("volunteer_teams:reject", args=[team.pk]), back)
            buttons.append(Button(_("Reject"), url=url, icon_name="cross"))
    return {
        "creator": team.created_by,
        "creator_name": person_name(team.created_by),
        "buttons": buttons,
    }


class TeamFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=TeamStatus.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    county = django_filters.ModelChoiceFilter(label=_("County"), queryset=County.objects.all())

    class Meta:
        model = Team
        fields = []


class TeamIndexView(generic.IndexView):
    def get_base_queryset(self):
        return Team.objects.select_related("county", "township", "created_by__volunteer")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not self.user_has_permission("change"):
            return buttons
        back = listing_url(self)
        if instance.status != TeamStatus.APPROVED:
            url = reverse("volunteer_teams:approve", args=[instance.pk])
            buttons.append(
                MenuItem(_("Approve"), with_next(url, back), icon_name="check", priority=1)
            )
        if instance.status == TeamStatus.PENDING:
            url = reverse("volunteer_teams:reject", args=[instance.pk])
            buttons.append(
                MenuItem(_("Reject"), with_next(url, back), icon_name="cross", priority=2)
            )
        buttons.append(
            MenuItem(
                _("Events"),
                reverse("volunteer_events:index") + f"?team={instance.pk}",
                icon_name="date",
                priority=40,
            )
        )
        return buttons


class TeamEditView(generic.EditView):
    def get_object(self, queryset=None):
        return super().get_object(
            Team.objects.select_related("county", "township", "created_by__volunteer")
        )

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.status != TeamStatus.APPROVED:
            buttons.append(
                Button(
                    _("Approve"),
                    url=reverse("volunteer_teams:approve", args=[self.object.pk]),
                    icon_name="check",
                    priority=1,
                )
            )
        if self.object.status == TeamStatus.PENDING:
            buttons.append(
                Button(
                    _("Reject"),
                    url=reverse("volunteer_teams:reject", args=[self.object.pk]),
                    icon_name="cross",
                    priority=2,
                )
            )
        return buttons


class TeamDecisionView(ObjectActionView):
    """Approve (the creator is told by e-mail) or reject a team."""

    model = Team
    header_icon = "group"
    related = ("county", "township", "created_by__volunteer")
    template_name = "volunteers/teams/admin/team_decide.html"
    decision = "approve"

    def get_page_title(self):
        return _("Approve team") if self.decision == "approve" else _("Reject team")

    def get(self, request, *args, **kwargs):
        if not self._allowed():
            return redirect(self.get_edit_url())
        return super().get(request, *args, **kwargs)

    def _allowed(self) -> bool:
        if self.decision == "approve":
            return self.object.status != TeamStatus.APPROVED
        return self.object.status == TeamStatus.PENDING

    def post(self, request, *args, **kwargs):
        if not self._allowed():
            messages.warning(request, _("This team has already been decided."))
            return redirect(self.get_next_url())
        if self.decision == "approve":
            team = team_approve(team=self.object, by=request.user)
            log(instance=team, action=LOG_TEAM_APPROVE, user=request.user)
            message = _("Team '%(team)s' approved; its creator has been told by e-mail.")
        else:
            team = team_reject(team=self.object, by=request.user)
            log(instance=team, action=LOG_TEAM_REJECT, user=request.user)
            message = _("Team '%(team)s' not approved.")
        messages.success(
            request,
            message % {"team": team.name},
            buttons=[messages.button(self.get_edit_url(), _("Edit"))],
        )
        return redirect(self.get_next_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decision"] = self.decision
        context["creator"] = self.object.created_by
        context["creator_name"] = person_name(self.object.created_by)
        return context


class TeamViewSet(StaffViewSetMixin, ModelViewSet):
    model = Team
    name = "volunteer_teams"
    url_prefix = "volunteers/teams"
    icon = "group"
    menu_label = _("Teams")
    index_view_class = TeamIndexView
    edit_view_class = TeamEditView
    filterset_class = TeamFilterSet
    search_fields = ["name"]
    ordering = "-created_at"
    list_per_page = 50
    list_display = [
        "name",
        "county",
        "township",
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda team: team.status == TeamStatus.PENDING,
        ),
        Column("member_count", label=_("Members"), sort_key="member_count"),
        Column("creator", label=_("Registered by"), accessor=lambda t: person_name(t.created_by)),
        DateColumn("created_at", label=_("Registered"), sort_key="created_at"),
    ]
    inspect_view_fields = [
        "name",
        "county",
        "township",
        "description",
        "contact",
        "status",
        "created_at",
        "approved_at",
    ]
    panels = [
        TemplatePanel(
            "volunteers/teams/admin/team_status_panel.html",
            get_context=team_status_context,
            heading=_("Approval"),
        ),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("county"), FieldPanel("township")]),
        FieldPanel("description"),
        FieldPanel("contact"),
        FieldPanel("logo"),
        TemplatePanel(
            "volunteers/teams/admin/team_members_panel.html",
            get_context=team_members_context,
            heading=_("Members"),
        ),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=TeamAdminForm).bind_to_model(Team)

    @cached_property
    def menu_url(self):
        # Staff come here to decide on new teams: land on the ones waiting.
        return reverse(self.get_url_name("index")) + f"?status={TeamStatus.PENDING}"

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "approve/<int:pk>/",
                self.construct_view(TeamDecisionView, decision="approve"),
                name="approve",
            ),
            path(
                "reject/<int:pk>/",
                self.construct_view(TeamDecisionView, decision="reject"),
                name="reject",
            ),
        ]


# --- The admin home page ------------------------------------------------------------


class PendingTeamsPanel(Component):
    """Tells staff on the dashboard how many teams wait for a decision."""

    name = "volunteer_pending_teams"
    order = 90
    template_name = "volunteers/teams/admin/pending_teams_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["count"] = Team.objects.filter(status=TeamStatus.PENDING).count()
        context["url"] = reverse("volunteer_teams:index") + f"?status={TeamStatus.PENDING}"
        return context
