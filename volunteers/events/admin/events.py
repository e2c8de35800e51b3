"""Events in the Wagtail admin: staff edit and cancel them through the services."""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log

from portal.admin_ui.helpers import EXPORT_CHUNK, listing_url, user_can, with_next
from portal.admin_ui.views import (
    ObjectActionView,
    ServiceEditView,
    StaffViewSetMixin,
    TemplatePanel,
)
from portal.csv_stream import csv_download
from portal.dates import local_time
from portal.errors import ServiceError
from volunteers.choices import (
    EventKind,
    EventStatus,
    SignupStatus,
)
from volunteers.events.models import Event, Signup
from volunteers.events.services.events import EDITABLE_FIELDS as EVENT_EDITABLE_FIELDS
from volunteers.events.services.events import event_cancel, event_update
from volunteers.people.display import person_name
from volunteers.people.models import VolunteerProfile
from volunteers.places.display import place_label
from volunteers.places.models import County
from volunteers.teams.models import Team

LOG_EVENT_CANCEL = "volunteers.event_cancel"


# --- Events -----------------------------------------------------------------------


class EventChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({local_time(obj.starts_at)})"


class EventChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = EventChoiceField


class EventFilterSet(WagtailFilterSet):
    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[("upcoming", _("Upcoming")), ("past", _("Past"))],
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="filter_when",
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=EventStatus.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=EventKind.choices, empty_label=_("All")
    )
    county = django_filters.ModelChoiceFilter(
        label=_("County"), field_name="township__county", queryset=County.objects.all()
    )
    team = django_filters.ModelChoiceFilter(label=_("Team"), queryset=Team.objects.order_by("name"))

    class Meta:
        model = Event
        fields = []

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(ends_at__gte=now)
        if value == "past":
            return queryset.filter(ends_at__lt=now)
        return queryset


def _places(event) -> str:
    text = f"{event.places_taken} / {event.capacity}"
    if event.waitlist_length:
        text += " " + gettext("(+%(n)d waiting)") % {"n": event.waitlist_length}
    return text


class EventIndexView(generic.IndexView):
    def get_base_queryset(self):
        return Event.objects.select_related("team", "township__county")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.extend(event_buttons(self.request.user, instance, back=listing_url(self)))
        return buttons


def event_buttons(user, event, back=None):
    """Sign-ups, export and cancel, for whoever may use them."""
    buttons = []
    if user_can(user, Signup, ["view", "change"]):
        buttons.append(
            MenuItem(
                _("Sign-ups"),
                reverse("volunteer_signups:index") + f"?event={event.pk}",
                icon_name="list-ul",
                priority=15,
            )
        )
        if user_can(user, VolunteerProfile, ["view", "change"]):
            buttons.append(
                MenuItem(
                    _("Export sign-ups (CSV)"),
                    reverse("volunteer_events:export_signups", args=[event.pk]),
                    icon_name="download",
                    priority=16,
                )
            )
    if (
        event.status == EventStatus.SCHEDULED
        and event.ends_at >= timezone.now()
        and user_can(user, Event, ["change"])
    ):
        url = reverse("volunteer_events:cancel", args=[event.pk])
        buttons.append(
            MenuItem(
                _("Cancel event"),
                with_next(url, back) if back else url,
                icon_name="cross",
                priority=35,
            )
        )
    return buttons


class EventAdminForm(WagtailAdminModelForm):
    """Catches the rules the database also enforces, with messages a person understands.

    The service checks them again (and the rest: past events, places already taken).
    """

    capacity = forms.IntegerField(
        label=capfirst(Event._meta.get_field("capacity").verbose_name),
        min_value=1,
        error_messages={"min_value": _("An event needs at least one place.")},
    )

    def clean(self):
        data = super().clean()
        starts, ends, deadline = (data.get(k) for k in ("starts_at", "ends_at", "signup_deadline"))
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        if starts and deadline and deadline > starts:
            self.add_error(
                "signup_deadline", _("The sign-up deadline must be before the event starts.")
            )
        if ("lat" in data and "lon" in data) and (data["lat"] is None) != (data["lon"] is None):
            self.add_error("lat", _("Give both latitude and longitude, or neither."))
        return data


def event_summary_context(event, request):
    counts = {"taken": event.places_taken, "waiting": event.waitlist_length}
    return {
        "team": event.team,
        "counts": counts,
        "is_past": event.ends_at < timezone.now(),
        "buttons": [Button.from_menu_item(b) for b in event_buttons(request.user, event)],
    }


class EventEditView(ServiceEditView):
    def get_object(self, queryset=None):
        return super().get_object(Event.objects.select_related("team", "township__county"))

    def call_service(self, changed):
        data = {k: v for k, v in changed.items() if k in EVENT_EDITABLE_FIELDS}
        return event_update(event=self.object, by=self.request.user, **data)

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            *(Button.from_menu_item(b) for b in event_buttons(self.request.user, self.object)),
        ]


class EventCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone signed up receives it by e-mail."),
        error_messages={"required": _("Tell the volunteers why the event is cancelled.")},
    )


class EventCancelView(ObjectActionView):
    model = Event
    header_icon = "date"
    related = ("team", "township__county")
    template_name = "volunteers/events/admin/event_cancel.html"
    page_title = _("Cancel event")

    def get_form(self):
        return EventCancelForm(self.request.POST if self.request.method == "POST" else None)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                event = event_cancel(
                    event=self.object, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ServiceError as error:
                form.add_error(None, error)
            else:
                log(instance=event, action=LOG_EVENT_CANCEL, user=request.user)
                messages.success(
                    request,
                    _("Event '%(event)s' cancelled; everyone signed up is being told.")
                    % {"event": event.title},
                )
                return redirect(self.get_next_url())
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["to_notify"] = self.object.signups.exclude(status=SignupStatus.CANCELLED).count()
        context["is_cancelled"] = self.object.status == EventStatus.CANCELLED
        context["is_past"] = self.object.ends_at < timezone.now()
        return context


class EventSignupsExportView(View):
    """Every sign-up of one event as CSV, streamed row by row (constant memory)."""

    def dispatch(self, request, *args, **kwargs):
        # Real names and phone numbers: sign-up *and* volunteer permissions.
        user = request.user
        if not (
            user_can(user, Event, ["view", "change"])
            and user_can(user, Signup, ["view", "change"])
            and user_can(user, VolunteerProfile, ["view", "change"])
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        event = get_object_or_404(Event, pk=pk)
        # The admin switches language and time zone only while the view runs,
        # and the rows are written after it returns: fix both now.
        tz = timezone.get_current_timezone()
        statuses = {value: str(label) for value, label in SignupStatus.choices}
        header = [
            gettext("Status"),
            capfirst(VolunteerProfile._meta.get_field("display_name").verbose_name),
            capfirst(VolunteerProfile._meta.get_field("real_name").verbose_name),
            capfirst(VolunteerProfile._meta.get_field("phone").verbose_name),
            gettext("E-mail"),
            capfirst(Signup._meta.get_field("created_at").verbose_name),
            gettext("Queued at"),
        ]
        signups = (
            Signup.objects.filter(event=event)
            .select_related("user__volunteer")
            .annotate(
                rank=Case(
                    When(status=SignupStatus.CONFIRMED, then=Value(0)),
                    When(status=SignupStatus.WAITLISTED, then=Value(1)),
                    default=Value(2),
                    output_field=IntegerField(),
                )
            )
            .order_by("rank", "queued_at", "pk")
        )

        def rows():
            yield header
            for signup in signups.iterator(chunk_size=EXPORT_CHUNK):
                profile = getattr(signup.user, "volunteer", None)
                yield [
                    statuses.get(signup.status, signup.status),
                    person_name(signup.user),
                    profile.real_name if profile else "",
                    profile.phone_display if profile else "",
                    signup.user.email,
                    local_time(signup.created_at, tz),
                    local_time(signup.queued_at, tz),
                ]

        filename = f"event-{event.pk}-signups-{timezone.localdate():%Y%m%d}.csv"
        # Staff read it as a list of people: no end-of-file line after them.
        return csv_download(filename, rows(), end_line=False)


class EventViewSet(StaffViewSetMixin, ModelViewSet):
    model = Event
    name = "volunteer_events"
    url_prefix = "volunteers/events"
    icon = "date"
    menu_label = _("Events")
    index_view_class = EventIndexView
    edit_view_class = EventEditView
    filterset_class = EventFilterSet
    search_fields = ["title"]
    ordering = "-starts_at"
    list_per_page = 50
    list_display = [
        "title",
        "team",
        Column("place", label=_("Where"), accessor=lambda e: place_label(e.township)),
        "kind",
        Column("starts_at", label=_("Starts"), sort_key="starts_at"),
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            sort_key="status",
            primary=lambda e: e.status == EventStatus.SCHEDULED,
        ),
        Column("places", label=_("Places taken"), accessor=_places),
    ]
    inspect_view_fields = [
        "title",
        "team",
        "kind",
        "township",
        "meeting_point",
        "starts_at",
        "ends_at",
        "signup_deadline",
        "capacity",
        "visibility",
        "status",
        "cancel_reason",
        "campaign",
    ]
    panels = [
        TemplatePanel(
            "volunteers/events/admin/event_summary_panel.html",
            get_context=event_summary_context,
            heading=_("Overview"),
        ),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("visibility")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("township"),
                FieldPanel("meeting_point"),
                FieldRowPanel([FieldPanel("lat"), FieldPanel("lon")]),
            ],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldRowPanel([FieldPanel("signup_deadline"), FieldPanel("capacity")]),
            ],
            heading=_("When and how many"),
        ),
        FieldPanel("what_to_bring"),
        FieldPanel("campaign"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=EventAdminForm).bind_to_model(Event)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("cancel/<int:pk>/", self.construct_view(EventCancelView), name="cancel"),
            path(
                "signups/<int:pk>/export/",
                EventSignupsExportView.as_view(),
                name="export_signups",
            ),
        ]
