"""Staff review of activity reports in the Wagtail admin.

Leaders write and submit reports on the public site; staff read everything
here (figures, photos, the hours that come with the report) and approve the
report or return it with a reason, through ``volunteers.services.reports``.
"""

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.images import get_image_model
from wagtail.log_actions import log

from campaigns.models import CampaignPage
from portal.admin_ui.helpers import listing_url, user_can, with_next
from portal.admin_ui.keyset import KeysetIndexMixin
from portal.admin_ui.listing import ActionsColumn, TextColumn, form_button
from portal.admin_ui.views import ObjectActionView, StaffViewSetMixin
from portal.dates import local_time
from portal.errors import ServiceError
from volunteers.events.models import Event
from volunteers.participation.admin.hours import (
    QueueFilterSet,
    add_service_error,
    hours_text,
    queue_status_filter,
    records_with_details,
    team_choice_filter,
)
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.models.reports import (
    REPORT_FIGURES,
    ActivityReport,
    ReportPhoto,
    ReportStatus,
)
from volunteers.participation.selectors import report_records
from volunteers.participation.services.reports import report_approve, report_return
from volunteers.people.display import person_name
from volunteers.places.display import place_label
from volunteers.places.models import County
from volunteers.teams.models import Team

LOG_REPORT_APPROVE = "volunteers.report_approve"
LOG_REPORT_RETURN = "volunteers.report_return"
THUMBNAIL = "fill-480x360|format-webp"
GO_FORM_ID = "reports-go"
FIGURES = ("participants", *REPORT_FIGURES)


def public_report_url(report) -> str:
    """The report's public page, once the public pages exist and the report is approved."""
    if report.status != ReportStatus.APPROVED:
        return ""
    try:
        return reverse("volunteers:report_detail", args=[report.pk])
    except NoReverseMatch:
        return ""


def report_records_listed(report):
    return records_with_details(report_records(report)).order_by(
        "volunteer__volunteer__display_name", "pk"
    )


class ReportFilterSet(QueueFilterSet):
    queue_status = ReportStatus.SUBMITTED
    status = queue_status_filter(ReportStatus.choices, ReportStatus.SUBMITTED)
    team = team_choice_filter()
    county = django_filters.ModelChoiceFilter(
        label=_("County"), field_name="township__county", queryset=County.objects.all()
    )
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"), queryset=CampaignPage.objects.order_by("-start_date", "title")
    )
    date = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)

    class Meta:
        model = ActivityReport
        fields = []


def _photo_count():
    # A count per row on the page: a JOIN with GROUP BY would count the photos
    # of every matching report before the page is cut out.
    photos = (
        ReportPhoto.objects.filter(report=OuterRef("pk"))
        .order_by()
        .values("report")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(photos, output_field=IntegerField()), 0)


class ReportActionsColumn(ActionsColumn):
    """Return a waiting report to its leader, or see an approved one on the site.

    Returning opens its page through the page's form (``report_results.html``).
    """

    def get_actions(self, instance):
        actions = []
        if self.can_change and instance.status == ReportStatus.SUBMITTED:
            url = reverse("volunteer_reports:return", args=[instance.pk])
            actions.append(form_button(GO_FORM_ID, url, _("Return to the leader")))
        if public_url := public_report_url(instance):
            actions.append(
                format_html(
                    '<a href="{}" class="button button-small button-secondary">{}</a>',
                    public_url,
                    _("View on the site"),
                )
            )
        return actions


class ReportIndexView(KeysetIndexMixin, generic.IndexView):
    """Newest activity first (or oldest first), paged by keyset on (status, date, id)."""

    results_template_name = "volunteers/participation/admin/report_results.html"
    keyset_orderings = {"-date": ("-date", "-pk"), "date": ("date", "pk")}

    def get_base_queryset(self):
        return (
            ActivityReport.objects.select_related("team", "township__county")
            .defer("summary")
            .annotate(photo_count=_photo_count())
        )

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        column_class = self._get_title_column_class(column_class)
        return column_class(
            "title",
            label=_("Report"),
            accessor="title",
            get_url=self.get_inspect_url,
            **kwargs,
        )

    @cached_property
    def columns(self):
        can_change = self.user_has_permission("change")
        return [*super().columns, ReportActionsColumn("actions", label="", can_change=can_change)]

    def get_list_more_buttons(self, instance):
        # The title opens the review; the other actions have a column of their own.
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(go_form_id=GO_FORM_ID, listing_url=listing_url(self))
        return context


class ReportReviewView(generic.InspectView):
    """Everything in the report, the hours that come with it, and the decision."""

    page_title = _("Review report")
    template_name = "volunteers/participation/admin/report_review.html"

    def get_object(self, queryset=None):
        queryset = ActivityReport.objects.select_related(
            "team",
            "township__county",
            "event",
            "campaign",
            "created_by__volunteer",
            "decided_by__volunteer",
        )
        return get_object_or_404(queryset, pk=self.pk)

    def get_page_subtitle(self):
        return self.object.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        user = self.request.user
        images = get_image_model().objects.prefetch_renditions(THUMBNAIL)
        photos = ReportPhoto.objects.filter(report=report).prefetch_related(
            Prefetch("image", queryset=images)
        )
        records = list(report_records_listed(report))
        totals = {}
        for record in records:
            totals.setdefault(record.status, [0, 0])
            totals[record.status][0] += 1
            totals[record.status][1] += record.hours
        record_url_name = None
        if user_can(user, ServiceRecord, ["view", "change"]):
            record_url_name = "volunteer_hours:inspect"
        figures = [
            (ActivityReport._meta.get_field(name).verbose_name, getattr(report, name))
            for name in FIGURES
        ]
        can_decide = self.user_has_permission("change") and report.status == ReportStatus.SUBMITTED
        here = reverse("volunteer_reports:inspect", args=[report.pk])
        context.update(
            report=report,
            author=person_name(report.created_by),
            reviewer=person_name(report.decided_by),
            place=place_label(report.township),
            submitted_at=local_time(report.submitted_at),
            decided_at=local_time(report.decided_at),
            figures=figures,
            photos=list(photos),
            records=[
                (record, person_name(record.volunteer), hours_text(record.hours))
                for record in records
            ],
            submitted_records=totals.get(RecordStatus.SUBMITTED, [0, 0])[0],
            totals=[
                (label, totals[value][0], hours_text(totals[value][1]))
                for value, label in RecordStatus.choices
                if value in totals
            ],
            record_url_name=record_url_name,
            event_url=(
                reverse("volunteer_events:edit", args=[report.event_id])
                if report.event_id and user_can(user, Event, ["view", "change"])
                else ""
            ),
            team_url=(
                reverse("volunteer_teams:edit", args=[report.team_id])
                if user_can(user, Team, ["change"])
                else ""
            ),
            campaign_url=report.campaign.url if report.campaign_id else "",
            public_url=public_report_url(report),
            can_decide=can_decide,
            approve_url=reverse("volunteer_reports:approve", args=[report.pk]),
            return_url=with_next(reverse("volunteer_reports:return", args=[report.pk]), here),
            next_url=here,
        )
        return context


class ReportActionView(ObjectActionView):
    model = ActivityReport
    header_icon = "clipboard-list"
    related = ("team", "township__county", "event", "created_by__volunteer")
    inspect_url_name = None

    def get_page_subtitle(self):
        return self.object.title

    def get_edit_url(self):
        return reverse(self.inspect_url_name, args=[quote(self.object.pk)])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            report=self.object,
            author=person_name(self.object.created_by),
            place=place_label(self.object.township),
        )
        return context


class ReportApproveView(ReportActionView):
    """POST approves the report (and the hours submitted with it); a GET shows the review."""

    def get(self, request, *args, **kwargs):
        return redirect(self.get_edit_url())

    def post(self, request, *args, **kwargs):
        waiting = report_records(self.object).filter(status=RecordStatus.SUBMITTED).count()
        try:
            report = report_approve(report=self.object, by=request.user)
        except ServiceError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(self.get_next_url())
        log(instance=report, action=LOG_REPORT_APPROVE, user=request.user)
        message = ngettext(
            "Report '%(title)s' approved with %(count)d service record; "
            "the leader has been told by e-mail.",
            "Report '%(title)s' approved with %(count)d service records; "
            "the leader has been told by e-mail.",
            waiting,
        ) % {"title": report.title, "count": waiting}
        buttons = []
        if public_url := public_report_url(report):
            buttons.append(messages.button(public_url, _("View on the site")))
        messages.success(request, message, buttons=buttons)
        return redirect(self.get_next_url())


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("What should the leader change?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The leader receives it by e-mail and sees it on the report."),
    )


class ReportReturnView(ReportActionView):
    template_name = "volunteers/participation/admin/report_return.html"
    page_title = _("Return report")

    def get_form(self):
        return ReturnForm(self.request.POST if self.request.method == "POST" else None)

    def get(self, request, *args, **kwargs):
        if self.object.status != ReportStatus.SUBMITTED:
            messages.warning(request, _("Only a report awaiting review can be returned."))
            return redirect(self.get_edit_url())
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                report = report_return(
                    report=self.object, reason=form.cleaned_data["reason"], by=request.user
                )
            except ServiceError as error:
                add_service_error(form, error)
            else:
                log(instance=report, action=LOG_REPORT_RETURN, user=request.user)
                messages.success(
                    request,
                    _("Report '%(title)s' returned to the leader.") % {"title": report.title},
                )
                return redirect(self.get_next_url())
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        return context


class ActivityReportViewSet(StaffViewSetMixin, ModelViewSet):
    """Reports awaiting review first; staff approve or return them, never edit them."""

    model = ActivityReport
    name = "volunteer_reports"
    url_prefix = "volunteers/reports"
    icon = "clipboard-list"
    menu_label = _("Activity reports")
    index_view_class = ReportIndexView
    inspect_view_class = ReportReviewView
    filterset_class = ReportFilterSet
    index_template_name = "volunteers/participation/admin/report_index.html"
    search_fields = ["title", "team__name", "place"]
    ordering = "-date"
    list_per_page = 50
    removed_views = ("add", "edit", "delete", "usage")
    form_fields = ()
    # Only the date sorts (see ReportIndexView): teams and statuses have filters.
    list_display = [
        "title",
        TextColumn("team", label=_("Team"), accessor="team"),
        TextColumn(
            "date",
            label=_("Date"),
            accessor=lambda r: r.date.isoformat(),
            sort_key="date",
            classname="qs-nowrap",
        ),
        TextColumn("kind", label=_("Type"), accessor="get_kind_display"),
        TextColumn("place", label=_("Where"), accessor=lambda r: place_label(r.township)),
        TextColumn("participants", label=_("People")),
        TextColumn("photo_count", label=_("Photos")),
        StatusTagColumn(
            "get_status_display",
            label=_("Status"),
            primary=lambda r: r.status == ReportStatus.SUBMITTED,
            classname="qs-nowrap",
        ),
        DateColumn("submitted_at", label=_("Submitted")),
    ]

    def get_urlpatterns(self):
        view_kwargs = {"inspect_url_name": self.get_url_name("inspect")}
        return [
            *super().get_urlpatterns(),
            path(
                "approve/<int:pk>/",
                self.construct_view(ReportApproveView, **view_kwargs),
                name="approve",
            ),
            path(
                "return/<int:pk>/",
                self.construct_view(ReportReturnView, **view_kwargs),
                name="return",
            ),
        ]
