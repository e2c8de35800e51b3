"""Staff administration of the volunteer domain inside the Wagtail admin.

Teams, events, volunteers and sign-ups hold personal data (PIPL), so every
view here is gated by the model permissions of the Wagtail admin: content
editors and moderators have none of them and never see these menus.
State changes go through ``volunteers.services`` so the people concerned are
told, exactly as when leaders act on the public site.
"""

import csv
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.permissions import policy_registry

from volunteers.choices import (
    EventKind,
    EventStatus,
    MembershipStatus,
    Role,
    SignupStatus,
    Skill,
    TeamStatus,
)
from volunteers.csv_stream import Echo, csv_cell
from volunteers.models import County, Event, Membership, Signup, Team, VolunteerProfile
from volunteers.services.errors import ServiceError
from volunteers.services.events import EDITABLE_FIELDS as EVENT_EDITABLE_FIELDS
from volunteers.services.events import event_cancel, event_update
from volunteers.services.profiles import PROFILE_FIELDS, profile_update
from volunteers.services.teams import team_approve, team_reject

# Log action codes, registered with labels in wagtail_hooks.py so the history
# views show who approved a team or cancelled an event.
LOG_TEAM_APPROVE = "volunteers.team_approve"
LOG_TEAM_REJECT = "volunteers.team_reject"
LOG_EVENT_CANCEL = "volunteers.event_cancel"
MEMBERS_SHOWN = 200
EXPORT_CHUNK = 1000


def person_name(user) -> str:
    """A user's public display name (their profile's), else their username."""
    if user is None:
        return ""
    profile = getattr(user, "volunteer", None)
    return profile.display_name if profile else user.get_username()


def place_label(township) -> str:
    if township is None:
        return ""
    return f"{township.county} · {township}"


def local_time(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def user_can(user, model, actions) -> bool:
    return policy_registry.get_by_type(model).user_has_any_permission(user, set(actions))


def listing_url(view) -> str:
    """The listing the user is looking at (also from the AJAX results view), to come back to."""
    query = view.request.GET.copy()
    query.pop("_w_filter_fragment", None)
    encoded = query.urlencode()
    return f"{view.index_url}?{encoded}" if encoded else view.index_url


def with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"


# --- Building blocks ------------------------------------------------------------


class TemplatePanel(Panel):
    """A read-only panel rendered from a template with context from ``get_context``."""

    def __init__(self, template, get_context=None, **kwargs):
        super().__init__(**kwargs)
        self.template = template
        self.get_context = get_context

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.update(template=self.template, get_context=self.get_context)
        return kwargs

    class BoundPanel(Panel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.template_name = self.panel.template

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["object"] = self.instance
            if self.panel.get_context:
                context.update(self.panel.get_context(self.instance, self.request))
            return context


class StaffViewSetMixin:
    """Leaves out the views that would bypass the services or destroy personal data.

    Teams and volunteers are created on the public site (with the privacy
    notice and a leader); events are cancelled, not deleted; a volunteer's
    deletion anonymises them and belongs to their own account page.
    """

    add_to_reference_index = False  # keeps sign-ups and profile saves free of extra writes
    copy_view_enabled = False
    inspect_view_enabled = True
    search_backend_name = None
    removed_views = ("add", "delete", "usage")

    def get_common_view_kwargs(self, **kwargs):
        removed = {f"{name}_url_name": None for name in self.removed_views}
        return super().get_common_view_kwargs(**{**removed, **kwargs})

    def get_urlpatterns(self):
        return [p for p in super().get_urlpatterns() if p.name not in self.removed_views]


class ServiceEditView(generic.EditView):
    """An edit view whose save goes through a service; its refusals become form errors."""

    produced_error_message = None

    def call_service(self, changed: dict):
        raise NotImplementedError

    def save_instance(self):
        changed = {name: self.form.cleaned_data[name] for name in self.form.changed_data}
        instance = self.call_service(changed)
        log(
            instance=instance,
            action="wagtail.edit",
            user=self.request.user,
            content_changed=bool(changed),
        )
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ServiceError as error:
            form.add_error(None, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class ObjectActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A confirmation page (GET) and the action itself (POST) for one object."""

    model = None
    index_url_name = None
    edit_url_name = None
    header_icon = ""
    permission_required = "change"
    related = ()

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        queryset = self.model._default_manager.select_related(*self.related)
        self.object = get_object_or_404(queryset, pk=kwargs["pk"])

    def get_page_subtitle(self):
        return str(self.object)

    def get_edit_url(self):
        return reverse(self.edit_url_name, args=[quote(self.object.pk)])

    def get_next_url(self):
        return get_valid_next_url_from_request(self.request) or reverse(self.index_url_name)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(self.index_url_name),
                "label": capfirst(self.model._meta.verbose_name_plural),
            },
            {"url": self.get_edit_url(), "label": str(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            action_url=self.request.get_full_path(),
            next_url=self.get_next_url(),
            edit_url=self.get_edit_url(),
        )
        return context


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
    template_name = "volunteers/admin/team_decide.html"
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
            "volunteers/admin/team_status_panel.html",
            get_context=team_status_context,
            heading=_("Approval"),
        ),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("county"), FieldPanel("township")]),
        FieldPanel("description"),
        FieldPanel("contact"),
        FieldPanel("logo"),
        TemplatePanel(
            "volunteers/admin/team_members_panel.html",
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
    template_name = "volunteers/admin/event_cancel.html"
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

        def local(value):
            return timezone.localtime(value, tz).strftime("%Y-%m-%d %H:%M") if value else ""

        def rows():
            writer = csv.writer(Echo())
            yield "\ufeff"  # lets Excel open the file as UTF-8
            yield writer.writerow(header)
            for signup in signups.iterator(chunk_size=EXPORT_CHUNK):
                profile = getattr(signup.user, "volunteer", None)
                yield writer.writerow(
                    [
                        statuses.get(signup.status, signup.status),
                        csv_cell(person_name(signup.user)),
                        csv_cell(profile.real_name if profile else ""),
                        csv_cell(profile.phone if profile else ""),
                        csv_cell(signup.user.email),
                        local(signup.created_at),
                        local(signup.queued_at),
                    ]
                )

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        filename = f"event-{event.pk}-signups-{timezone.localdate():%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


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
            "volunteers/admin/event_summary_panel.html",
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


# --- Volunteers -------------------------------------------------------------------


class VolunteerProfileAdminForm(WagtailAdminModelForm):
    skills = forms.MultipleChoiceField(
        label=capfirst(VolunteerProfile._meta.get_field("skills").verbose_name),
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
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
        "phone",
        Column("email", label=_("E-mail"), accessor="user.email", sort_key="user__email"),
        Column("home", label=_("Home township"), accessor=lambda p: place_label(p.home_township)),
        BooleanColumn("reminders_enabled", label=_("Reminders")),
        DateColumn("created_at", label=_("Joined"), sort_key="created_at"),
    ]
    inspect_view_fields = [
        "display_name",
        "real_name",
        "phone",
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
            "volunteers/admin/volunteer_account_panel.html",
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
            (_("Mobile number"), profile.phone if profile else ""),
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


# --- The admin home page ------------------------------------------------------------


class PendingTeamsPanel(Component):
    """Tells staff on the dashboard how many teams wait for a decision."""

    name = "volunteer_pending_teams"
    order = 90
    template_name = "volunteers/admin/pending_teams_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["count"] = Team.objects.filter(status=TeamStatus.PENDING).count()
        context["url"] = reverse("volunteer_teams:index") + f"?status={TeamStatus.PENDING}"
        return context
