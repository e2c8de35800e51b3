"""Campaign administration in the Wagtail admin: pledges and progress updates.

Pledges are a read-only list (staff may hide one with an offensive name or
spam) with a CSV export; progress updates are the dated figures of goals
counted by staff. Display names are typed by the public: the admin's tables
escape them like any text, and the export defuses spreadsheet formulas.
"""

import django_filters
from django import forms
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import HeaderButton
from wagtail.log_actions import log

from campaigns.admin_export import PledgeExportView, export_url
from campaigns.canonical import canonical_campaign
from campaigns.choices import GoalKind
from campaigns.models import CampaignGoal, CampaignPage, GoalUpdate, Pledge
from campaigns.services import pledge_hide
from portal.admin_ui.helpers import listing_url, user_can, with_next
from portal.admin_ui.views import ObjectActionView, StaffViewSetMixin
from portal.dates import local_time
from portal.ids import parse_id
from portal.templatetags.qingshui import figure

LOG_PLEDGE_HIDE = "campaigns.pledge_hide"
LOG_PLEDGE_SHOW = "campaigns.pledge_show"


def public_name(pledge) -> str:
    return pledge.display_name or gettext("A volunteer")


def campaign_label(page) -> str:
    return f"{page.title} ({page.locale.get_display_name()})"


class CampaignChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return campaign_label(obj)


class CampaignChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = CampaignChoiceField


def campaigns_with_pledges():
    return (
        CampaignPage.objects.filter(pk__in=Pledge.objects.values("campaign_id"))
        .select_related("locale")
        .order_by("title", "pk")
    )


# --- Pledges ------------------------------------------------------------------------

STATE_CHOICES = [
    ("active", _("Counted")),
    ("withdrawn", _("Withdrawn")),
    ("hidden", _("Hidden by staff")),
]


class PledgeFilterSet(WagtailFilterSet):
    campaign = CampaignChoiceFilter(label=_("Campaign"), queryset=campaigns_with_pledges())
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=STATE_CHOICES,
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="filter_state",
    )
    signed_in = django_filters.BooleanFilter(
        label=_("Signed in"),
        field_name="user",
        lookup_expr="isnull",
        exclude=True,
        widget=BooleanRadioSelect,
    )

    class Meta:
        model = Pledge
        fields = []

    def filter_state(self, queryset, name, value):
        if value == "active":
            return queryset.active()
        if value == "withdrawn":
            return queryset.filter(withdrawn_at__isnull=False)
        if value == "hidden":
            return queryset.filter(hidden_at__isnull=False)
        return queryset


def _state(pledge) -> str:
    if pledge.hidden_at:
        return gettext("Hidden by staff")
    if pledge.withdrawn_at:
        return gettext("Withdrawn")
    return gettext("Counted")


class PledgeIndexView(generic.IndexView):
    def get_base_queryset(self):
        return Pledge.objects.select_related("campaign__locale")

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        column_class = self._get_title_column_class(column_class)
        return column_class(
            "name",
            label=_("Display name"),
            accessor=public_name,
            get_url=self.get_inspect_url,
            **kwargs,
        )

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        campaign = self.request.GET.get("campaign", "")
        buttons.append(
            HeaderButton(
                _("Export CSV"),
                url=export_url(campaign if parse_id(campaign) else None),
                icon_name="download",
            )
        )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.user_has_permission("change"):
            name = "show" if instance.hidden_at else "hide"
            url = with_next(
                reverse(f"campaign_pledges:{name}", args=[instance.pk]), listing_url(self)
            )
            label = _("Show again") if instance.hidden_at else _("Hide")
            icon = "view" if instance.hidden_at else "no-view"
            buttons.append(MenuItem(label, url, icon_name=icon, priority=30))
        return buttons


class PledgeInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return Pledge.objects.select_related("campaign__locale").get(pk=self.pk)

    def get_page_subtitle(self):
        return public_name(self.object)

    def get_fields_context(self):
        pledge = self.object
        rows = [
            (_("Display name"), public_name(pledge)),
            (_("Campaign"), campaign_label(pledge.campaign)),
            (_("Signed in"), gettext("Yes") if pledge.signed_in else gettext("No")),
            (_("Pledged at"), local_time(pledge.created_at) or "-"),
            (_("Withdrawn at"), local_time(pledge.withdrawn_at) or "-"),
            (_("Hidden by staff at"), local_time(pledge.hidden_at) or "-"),
        ]
        return [{"label": label, "value": value, "component": None} for label, value in rows]


class PledgeHideView(ObjectActionView):
    model = Pledge
    header_icon = "no-view"
    related = ("campaign",)
    template_name = "campaigns/admin/pledge_hide.html"
    hide = True

    def get_page_title(self):
        return gettext("Hide pledge") if self.hide else gettext("Show pledge again")

    def get_page_subtitle(self):
        return public_name(self.object)

    def post(self, request, *args, **kwargs):
        pledge = pledge_hide(pledge=self.object, hidden=self.hide)
        log(
            instance=pledge,
            action=LOG_PLEDGE_HIDE if self.hide else LOG_PLEDGE_SHOW,
            user=request.user,
        )
        message = (
            gettext("The pledge of '%(name)s' is hidden and no longer counted.")
            if self.hide
            else gettext("The pledge of '%(name)s' is shown and counted again.")
        )
        messages.success(request, message % {"name": public_name(pledge)})
        return redirect(self.get_next_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(hide=self.hide, name=public_name(self.object))
        return context


class PledgeViewSet(StaffViewSetMixin, ModelViewSet):
    """Read-only: pledges change only through the people who made them (and hiding)."""

    model = Pledge
    name = "campaign_pledges"
    url_prefix = "campaigns/pledges"
    icon = "tick-inverse"
    menu_label = _("Pledges")
    index_view_class = PledgeIndexView
    inspect_view_class = PledgeInspectView
    filterset_class = PledgeFilterSet
    search_fields = ["display_name"]
    ordering = "-created_at"
    list_per_page = 50
    removed_views = ("add", "edit", "delete", "usage")
    form_fields = ()
    list_display = [
        "name",
        Column("campaign", label=_("Campaign"), accessor=lambda p: campaign_label(p.campaign)),
        BooleanColumn("signed_in", label=_("Signed in")),
        DateColumn("created_at", label=_("Pledged"), sort_key="created_at"),
        Column("state", label=_("State"), accessor=_state),
    ]

    def _hide_view(self, *, hide: bool):
        # There is no edit view: the confirmation page links back to the inspect view.
        return self.construct_view(
            PledgeHideView, hide=hide, edit_url_name=self.get_url_name("inspect")
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("export/", PledgeExportView.as_view(), name="export"),
            path("hide/<int:pk>/", self._hide_view(hide=True), name="hide"),
            path("show/<int:pk>/", self._hide_view(hide=False), name="show"),
        ]


# --- Progress updates -----------------------------------------------------------------


class GoalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.page.title} — {obj.label} ({obj.page.locale.get_display_name()})"


def manual_goals():
    """Goals counted by staff, on pages that are not aliases (Wagtail rebuilds those)."""
    return (
        CampaignGoal.objects.filter(kind=GoalKind.MANUAL, page__alias_of__isnull=True)
        .select_related("page__locale")
        .order_by("page__title", "page_id", "sort_order")
    )


class GoalUpdateForm(WagtailAdminModelForm):
    goal = GoalChoiceField(label=_("Goal"), queryset=CampaignGoal.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = manual_goals()
        self.fields["date"].widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        self.fields["value"].widget.attrs.update(min="0", step="any", inputmode="decimal")


class GoalUpdateFilterSet(WagtailFilterSet):
    campaign = CampaignChoiceFilter(
        label=_("Campaign"),
        field_name="goal__page",
        queryset=CampaignPage.objects.filter(
            pk__in=CampaignGoal.objects.filter(kind=GoalKind.MANUAL).values("page_id"),
            alias_of__isnull=True,
        )
        .select_related("locale")
        .order_by("title", "pk"),
    )

    class Meta:
        model = GoalUpdate
        fields = []


class GoalUpdateIndexView(generic.IndexView):
    def get_base_queryset(self):
        return GoalUpdate.objects.select_related("goal__page__locale")


class GoalUpdateCreateView(generic.CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        instance.created_by = self.request.user
        instance.save()
        return instance


def _update_value(update) -> str:
    return f"{figure(update.value)} {update.goal.unit}".strip()


class GoalUpdateViewSet(ModelViewSet):
    model = GoalUpdate
    name = "campaign_goal_updates"
    url_prefix = "campaigns/progress"
    icon = "date"
    menu_label = _("Progress updates")
    index_view_class = GoalUpdateIndexView
    add_view_class = GoalUpdateCreateView
    filterset_class = GoalUpdateFilterSet
    add_to_reference_index = False
    copy_view_enabled = False
    search_backend_name = None
    ordering = ["-date", "-pk"]
    list_per_page = 50
    list_display = [
        Column("goal", label=_("Goal"), accessor=lambda u: f"{u.goal.page.title} — {u.goal.label}"),
        DateColumn("date", label=_("Date"), sort_key="date"),
        Column("value", label=_("Figure"), accessor=_update_value),
        "note",
    ]
    panels = [
        FieldPanel("goal"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("value")]),
        FieldPanel("note"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=GoalUpdateForm).bind_to_model(GoalUpdate)


class CampaignsAdminGroup(ModelViewSetGroup):
    items = (PledgeViewSet, GoalUpdateViewSet)
    menu_icon = "pick"
    menu_label = _("Campaigns")
    menu_name = "campaigns"
    menu_order = 215


# --- Permissions ------------------------------------------------------------------


def campaign_admin_buttons(page, user):
    """Links from a campaign's page in the admin to its pledges and progress updates."""
    buttons = []
    if user_can(user, Pledge, ["view", "change"]):
        target = canonical_campaign(page)
        buttons.append(
            (
                _("Pledges"),
                reverse("campaign_pledges:index") + f"?campaign={target.pk}",
                "tick-inverse",
            )
        )
        buttons.append((_("Export pledges (CSV)"), export_url(target.pk), "download"))
    if user_can(user, GoalUpdate, ["add", "change"]):
        buttons.append((_("Progress updates"), reverse("campaign_goal_updates:index"), "date"))
    return buttons
