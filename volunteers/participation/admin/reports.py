"""Staff review of activity reports in the Wagtail admin.

Leaders write and submit reports on the public site; staff read everything
here (figures, photos, the hours that come with the report) and approve the
report or return it with a reason, through ``volunteers.participation.services.reports``.
"""

import django_filters
from django import forms
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.ui.tables import DateColumn
from wagtail.images import get_image_model

from portal.admin_ui.helpers import user_can
from portal.admin_ui.listing import TextColumn
from portal.admin_ui.review.decisions import (
    Decision,
    FormDecisionView,
    OneClickDecisionView,
    reason_field,
)
from portal.admin_ui.review.listing import (
    DecisionsColumn,
    QueueFilterSet,
    ReviewIndexView,
    date_column,
    date_range_filter,
    queue_status_filter,
    status_column,
)
from portal.admin_ui.review.viewset import ReviewInspectView, ReviewViewSet
from volunteers.campaign_links import campaign_links
from volunteers.events.models import Event
from volunteers.participation.admin.queue_common import (
    county_filter,
    place_and_times,
    team_choice_filter,
)
from volunteers.participation.admin.records import hours_text, records_with_details
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
from volunteers.teams.models import Team

LOG_REPORT_APPROVE = "volunteers.report_approve"
LOG_REPORT_RETURN = "volunteers.report_return"
THUMBNAIL = "fill-480x360|format-webp"
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
    county = county_filter()
    campaign = django_filters.ModelChoiceFilter(
        label=_("Campaign"), queryset=lambda request: campaign_links().for_review(request)
    )
    date = date_range_filter()

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


# --- Listing --------------------------------------------------------------------------


class ReportActionsColumn(DecisionsColumn):
    """Return a waiting report to its leader, or see an approved one on the site."""

    def get_actions(self, instance):
        actions = super().get_actions(instance)
        if public_url := public_report_url(instance):
            actions.append(
                format_html(
                    '<a href="{}" class="button button-small button-secondary">{}</a>',
                    public_url,
                    _("View on the site"),
                )
            )
        return actions


class ReportIndexView(ReviewIndexView):
    """Newest activity first (or oldest first), paged by keyset on (status, date, id)."""

    keyset_orderings = {"-date": ("-date", "-pk"), "date": ("date", "pk")}
    form_prefix = "reports"
    actions_column_class = ReportActionsColumn

    def get_base_queryset(self):
        return (
            ActivityReport.objects.select_related("team", "township__county")
            .defer("summary")
            .annotate(photo_count=_photo_count())
        )

    def get_title_column_kwargs(self):
        return {"label": _("Report"), "accessor": "title"}

    def get_row_forms(self):
        # The "go" form is written on every page with rows, for staff who may
        # only look as well (their rows have no button that submits it).
        return self.row_forms


# --- One report -----------------------------------------------------------------------


class ReportReviewView(ReviewInspectView):
    """Everything in the report, the hours that come with it, and the decision."""

    page_title = _("Review report")
    template_name = "volunteers/participation/admin/report_review.html"
    related = (
        "team",
        "township__county",
        "event",
        "campaign",
        "created_by__volunteer",
        "decided_by__volunteer",
    )

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
        context.update(
            report=report,
            author=person_name(report.created_by),
            reviewer=person_name(report.decided_by),
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
            **place_and_times(report),
        )
        return context


# --- Decisions ------------------------------------------------------------------------


class ReportDecisionMixin:
    related = ("team", "township__county", "event", "created_by__volunteer")
    template_name = "volunteers/participation/admin/report_return.html"

    def get_page_subtitle(self):
        return self.object.title

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            report=self.object,
            author=person_name(self.object.created_by),
            place=place_label(self.object.township),
        )
        return context


class ReportApproveView(ReportDecisionMixin, OneClickDecisionView):
    """POST approves the report (and the hours submitted with it); a GET shows the review."""

    log_action = LOG_REPORT_APPROVE

    def act(self, data):
        # Counted before: approving the report approves them.
        self.waiting = report_records(self.object).filter(status=RecordStatus.SUBMITTED).count()
        return report_approve(report=self.object, by=self.request.user)

    def success_message(self, report):
        return ngettext(
            "Report '%(title)s' approved with %(count)d service record; "
            "the leader has been told by e-mail.",
            "Report '%(title)s' approved with %(count)d service records; "
            "the leader has been told by e-mail.",
            self.waiting,
        ) % {"title": report.title, "count": self.waiting}

    def success_buttons(self, report):
        if public_url := public_report_url(report):
            return [messages.button(public_url, _("View on the site"))]
        return []


class ReturnForm(forms.Form):
    reason = reason_field(
        _("What should the leader change?"),
        _("The leader receives it by e-mail and sees it on the report."),
        rows=4,
    )


class ReportReturnView(ReportDecisionMixin, FormDecisionView):
    form_class = ReturnForm
    page_title = _("Return report")
    not_allowed_message = _("Only a report awaiting review can be returned.")
    log_action = LOG_REPORT_RETURN

    def act(self, data):
        return report_return(report=self.object, reason=data["reason"], by=self.request.user)

    def success_message(self, report):
        return _("Report '%(title)s' returned to the leader.") % {"title": report.title}


# --- The viewset ----------------------------------------------------------------------


class ActivityReportViewSet(ReviewViewSet):
    """Reports awaiting review first; staff approve or return them, never edit them."""

    model = ActivityReport
    name = "volunteer_reports"
    url_prefix = "volunteers/reports"
    icon = "clipboard-list"
    menu_label = _("Activity reports")
    index_view_class = ReportIndexView
    inspect_view_class = ReportReviewView
    filterset_class = ReportFilterSet
    search_fields = ["title", "team__name", "place"]
    ordering = "-date"
    # Rows offer returning a report; approving is on the review page.
    decisions = (
        Decision(
            "approve", _("Approve"), (ReportStatus.SUBMITTED,), ReportApproveView, in_rows=False
        ),
        Decision("return", _("Return to the leader"), (ReportStatus.SUBMITTED,), ReportReturnView),
    )
    # Only the date sorts (see ReportIndexView): teams and statuses have filters.
    list_display = [
        "title",
        TextColumn("team", label=_("Team"), accessor="team"),
        date_column(),
        TextColumn("kind", label=_("Type"), accessor="get_kind_display"),
        TextColumn("place", label=_("Where"), accessor=lambda r: place_label(r.township)),
        TextColumn("participants", label=_("People")),
        TextColumn("photo_count", label=_("Photos")),
        status_column(ReportStatus.SUBMITTED),
        DateColumn("submitted_at", label=_("Submitted")),
    ]
