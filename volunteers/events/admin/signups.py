"""Sign-ups in the Wagtail admin: a read-only list to answer questions about places."""

import django_filters
from django import forms
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from portal.admin_ui.views import StaffViewSetMixin
from portal.dates import local_time
from volunteers.choices import (
    SignupStatus,
)
from volunteers.events.admin.events import EventChoiceFilter
from volunteers.events.models import Event, Signup
from volunteers.people.display import person_name

# --- Sign-ups ---------------------------------------------------------------------


class SignupFilterSet(WagtailFilterSet):
    event = EventChoiceFilter(label=_("Event"), queryset=Event.objects.order_by("-starts_at"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=SignupStatus.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Signup
        fields = []


class SignupIndexView(generic.IndexView):
    def get_base_queryset(self):
        return Signup.objects.select_related("user__volunteer", "event")

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        column_class = self._get_title_column_class(column_class)
        return column_class(
            "person",
            label=_("Volunteer"),
            accessor=lambda s: person_name(s.user),
            get_url=self.get_inspect_url,
            **kwargs,
        )


class SignupInspectView(generic.InspectView):
    def get_page_subtitle(self):
        return f"{person_name(self.object.user)} · {self.object.event}"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Signup.objects.select_related("user__volunteer", "event"), pk=self.pk
        )

    def get_fields_context(self):
        signup = self.object
        profile = getattr(signup.user, "volunteer", None)
        rows = [
            (_("Event"), signup.event),
            (_("Volunteer"), person_name(signup.user)),
            (_("Real name"), profile.real_name if profile else ""),
            (_("Mobile number"), profile.phone_display if profile else ""),
            (_("E-mail"), signup.user.email),
            (_("Status"), signup.get_status_display()),
            (_("Signed up at"), local_time(signup.created_at)),
            (_("Queued at"), local_time(signup.queued_at)),
            (_("Moved up from the waiting list at"), local_time(signup.promoted_at)),
            (_("Reminded at"), local_time(signup.reminded_at)),
            (_("Cancelled at"), local_time(signup.cancelled_at)),
        ]
        return [{"label": label, "value": value or "-", "component": None} for label, value in rows]


class SignupViewSet(StaffViewSetMixin, ModelViewSet):
    """Read-only: sign-ups change only through the volunteers' and leaders' own actions."""

    model = Signup
    name = "volunteer_signups"
    url_prefix = "volunteers/signups"
    icon = "list-ul"
    menu_label = _("Sign-ups")
    index_view_class = SignupIndexView
    inspect_view_class = SignupInspectView
    filterset_class = SignupFilterSet
    search_fields = ["user__volunteer__display_name", "event__title"]
    ordering = "-created_at"
    list_per_page = 50
    removed_views = ("add", "edit", "delete", "usage")
    form_fields = ()  # the viewset builds (unrouted) form views even when they are removed
    list_display = [
        "person",
        Column("event", label=_("Event"), accessor="event", sort_key="event__starts_at"),
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda s: s.status == SignupStatus.CONFIRMED,
        ),
        DateColumn("created_at", label=_("Signed up"), sort_key="created_at"),
        DateColumn("queued_at", label=_("Queued"), sort_key="queued_at"),
    ]
