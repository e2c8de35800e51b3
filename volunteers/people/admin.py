"""Volunteers in the Wagtail admin: staff read and correct profiles (PIPL: staff only)."""

import django_filters
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect

from portal.admin_ui.views import ServiceEditView, StaffViewSetMixin, TemplatePanel
from volunteers.choices import (
    Skill,
)
from volunteers.people.forms import MobileField
from volunteers.people.models import VolunteerProfile
from volunteers.people.services import PROFILE_FIELDS, profile_update
from volunteers.places.display import place_label
from volunteers.places.models import County

# --- Volunteers -------------------------------------------------------------------


class VolunteerProfileAdminForm(WagtailAdminModelForm):
    skills = forms.MultipleChoiceField(
        label=capfirst(VolunteerProfile._meta.get_field("skills").verbose_name),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    phone = MobileField(
        label=capfirst(VolunteerProfile._meta.get_field("phone").verbose_name),
        required=False,
        help_text=_("The volunteer signs in with it; a changed number is confirmed by code."),
    )


def profile_account_context(profile, request):
    return {"account": profile.user, "profile": profile}


class VolunteerFilterSet(WagtailFilterSet):
    county = django_filters.ModelChoiceFilter(
        label=_("Home county"),
        field_name="home_township__county",
        queryset=County.objects.all(),
    )
    reminders_enabled = django_filters.BooleanFilter(
        label=_("Reminders on"), widget=BooleanRadioSelect
    )

    class Meta:
        model = VolunteerProfile
        fields = []


class VolunteerIndexView(generic.IndexView):
    def get_base_queryset(self):
        return VolunteerProfile.objects.select_related("user", "home_township__county")


class VolunteerEditView(ServiceEditView):
    def get_object(self, queryset=None):
        return super().get_object(
            VolunteerProfile.objects.select_related("user", "home_township__county")
        )

    def call_service(self, changed):
        data = {k: v for k, v in changed.items() if k in PROFILE_FIELDS}
        return profile_update(profile=self.object, **data)


class VolunteerInspectView(generic.InspectView):
    def get_skills_display_value(self):
        return ", ".join(self.object.get_skills_display()) or "-"

    def get_user_display_value(self):
        return self.object.user.email or self.object.user.get_username()


class VolunteerViewSet(StaffViewSetMixin, ModelViewSet):
    model = VolunteerProfile
    name = "volunteer_profiles"
    url_prefix = "volunteers/people"
    icon = "user"
    menu_label = _("Volunteers")
    index_view_class = VolunteerIndexView
    edit_view_class = VolunteerEditView
    inspect_view_class = VolunteerInspectView
    filterset_class = VolunteerFilterSet
    search_fields = ["display_name", "real_name", "phone", "user__email"]
    ordering = "-created_at"
    list_per_page = 50
    list_display = [
        "display_name",
        "real_name",
        Column("phone", label=_("Mobile number"), accessor="phone_display"),
        Column("email", label=_("E-mail"), accessor="user.email", sort_key="user__email"),
        Column("home", label=_("Home township"), accessor=lambda p: place_label(p.home_township)),
        BooleanColumn("reminders_enabled", label=_("Reminders")),
        DateColumn("created_at", label=_("Joined"), sort_key="created_at"),
    ]
    inspect_view_fields = [
        "display_name",
        "real_name",
        "phone",
        "phone_verified",
        "notify_by",
        "user",
        "home_township",
        "skills",
        "language",
        "reminders_enabled",
        "show_in_rankings",
        "privacy_notice_version",
        "privacy_accepted_at",
        "created_at",
    ]
    panels = [
        TemplatePanel(
            "volunteers/people/admin/volunteer_account_panel.html",
            get_context=profile_account_context,
            heading=_("Account"),
        ),
        FieldPanel("display_name"),
        FieldRowPanel([FieldPanel("real_name"), FieldPanel("phone")]),
        FieldPanel("home_township"),
        FieldPanel("skills"),
        FieldRowPanel([FieldPanel("language"), FieldPanel("reminders_enabled")]),
        FieldPanel("show_in_rankings"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=VolunteerProfileAdminForm).bind_to_model(
            VolunteerProfile
        )
