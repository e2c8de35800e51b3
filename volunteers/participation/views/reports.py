"""Activity reports: the leaders' form, the report page and a team's list of reports.

Views stay thin: permissions and selectors to read, ``report_save`` and
``report_submit`` to change anything. The form view saves nothing itself, so a
refused report leaves no row, photo or file behind. A report that is not
approved is a 404 for everyone but the team's leaders and staff; public pages
show figures and totals, never volunteers' names.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from portal.errors import ServiceError, error_text
from portal.ids import parse_id
from portal.pagecache.views import cached_page
from portal.share_cards import png_response
from volunteers.campaign_links import campaign_links
from volunteers.events.models import Event
from volunteers.events.permissions import can_see_event
from volunteers.participation import share
from volunteers.participation.forms import ReportForm
from volunteers.participation.models.reports import MAX_PHOTOS, ActivityReport, ReportStatus
from volunteers.participation.selectors import (
    approved_reports,
    decorate_cards,
    event_report,
    event_report_initial,
    figures_of,
    members_with_stars,
    photos_prefetch,
    report_approved_hours,
    report_member_hours,
    unapproved_reports,
)
from volunteers.participation.services.reports import (
    event_report_refusal,
    report_edit_refusal,
    report_save,
    report_submit,
    report_submit_refusal,
)
from volunteers.places.maps import build_place_map, cached_map, picker_config
from volunteers.teams.models import Team
from volunteers.teams.permissions import can_manage_team, can_see_team

REPORTS_PER_PAGE = 12


def _detail_url(report) -> str:
    return reverse("volunteers:report_detail", args=[report.pk])


def _managed_team(request, pk: int) -> Team:
    team = get_object_or_404(Team.objects.select_related("county", "township"), pk=pk)
    if not can_manage_team(request.user, team):
        raise PermissionDenied
    return team


def _managed_report(request, pk: int) -> ActivityReport:
    report = get_object_or_404(
        ActivityReport.objects.select_related("team__county", "team__township", "event"), pk=pk
    )
    if not can_manage_team(request.user, report.team):
        raise PermissionDenied
    return report


def _initial(report: ActivityReport | None, event) -> dict:
    if report is None:
        if event is None:
            return {"date": timezone.localdate()}
        return event_report_initial(event)
    initial = {
        "event": report.event_id,
        "campaign": report.campaign_id,
        "title": report.title,
        "date": report.date,
        "kind": report.kind,
        "township": report.township_id,
        "place": report.place,
        "lat": report.lat,
        "lon": report.lon,
        "summary": report.summary,
        "participants_count": report.participants,
    }
    for name in ReportForm.figure_names:
        value = getattr(report, name)
        initial[name] = value if value else None
    if not report.event_id:
        for user_id, hours in report_member_hours(report).items():
            initial[f"hours_{user_id}"] = hours.normalize()
    return initial


def _report_form(request, *, team: Team, report: ActivityReport | None, event=None):
    members = members_with_stars(team)
    kwargs = {"team": team, "report": report, "members": members}
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, **kwargs)
    else:
        form = ReportForm(initial=_initial(report, event), **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            saved = report_save(
                team=team,
                by=request.user,
                data=form.service_data(),
                report=report,
                participants=form.participant_hours(),
                new_photos=form.new_photos(request.POST),
                remove_photo_ids=form.cleaned_data.get("remove_photos") or [],
            )
        except ServiceError as error:
            form.add_service_errors(error)
        else:
            if request.POST.get("action") == "submit":
                try:
                    report_submit(report=saved, by=request.user)
                except ServiceError as error:
                    messages.warning(
                        request,
                        _("The report is saved as a draft but was not sent: %(reason)s")
                        % {"reason": error_text(error)},
                    )
                else:
                    messages.success(
                        request,
                        _("The report is sent to staff for review. It goes public once approved."),
                    )
                return redirect(_detail_url(saved))
            messages.success(
                request,
                _("The draft is saved. Send it for review when it is complete."),
            )
            return redirect(_detail_url(saved))
    return render(
        request,
        "volunteers/participation/reports/report_form.html",
        {
            "form": form,
            "team": team,
            "report": report,
            "is_new": report is None,
            "can_submit": report_submit_refusal(team=team, report=report) is None,
            "photos_lost": request.method == "POST" and bool(request.FILES.getlist("photos")),
            "max_photos": MAX_PHOTOS,
            "map_picker": picker_config(),
            "form_strings": {
                "photo": _("Photo %(n)s"),
                "chosen": _("%(n)s of %(max)s photos"),
                "tooMany": _(
                    "A report has at most %(max)s photos; choose fewer or remove some first."
                ),
            },
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request, team_pk: int):
    team = _managed_team(request, team_pk)
    event = None
    wanted = parse_id(request.GET.get("event"))
    if request.method == "GET" and wanted:
        event = get_object_or_404(Event.objects.select_related("township"), pk=wanted, team=team)
        existing = event_report(event)
        if existing is not None:
            # One report an event: go on with the one there is rather than start another.
            messages.info(request, _("This event already has a report; here it is."))
            if existing.is_editable:
                return redirect("volunteers:report_edit", existing.pk)
            return redirect(_detail_url(existing))
        refusal = event_report_refusal(event, now=timezone.now())
        if refusal:
            messages.info(request, refusal)
            return redirect("volunteers:event_detail", event.pk)
    return _report_form(request, team=team, report=None, event=event)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request, pk: int):
    report = _managed_report(request, pk)
    refusal = report_edit_refusal(report)
    if refusal:
        messages.info(request, refusal)
        return redirect(_detail_url(report))
    return _report_form(request, team=report.team, report=report)


@require_POST
@login_required
def report_submit_view(request, pk: int):
    report = _managed_report(request, pk)
    try:
        report_submit(report=report, by=request.user)
    except ServiceError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, _("The report is sent to staff for review. It goes public once approved.")
        )
    return redirect(_detail_url(report))


# --- Public pages -------------------------------------------------------------------


def _report_map(report: ActivityReport):
    point = report.point
    if point is None:
        return None
    return cached_map(
        "report",
        {"pk": report.pk, "point": point},
        lambda: build_place_map(lat=point[0], lon=point[1], label=report.title, zoom=13),
    )


@cached_page("figures", "teams")
def report_detail(request, pk: int):
    report = get_object_or_404(
        ActivityReport.objects.select_related(
            "team__county", "team__township", "township__county", "event__team"
        ).prefetch_related(photos_prefetch("photo_list")),
        pk=pk,
    )
    can_manage = can_manage_team(request.user, report.team)
    if not can_manage and (
        report.status != ReportStatus.APPROVED or not can_see_team(request.user, report.team)
    ):
        raise Http404
    event = report.event
    cover = report.photo_list[0] if report.photo_list else None
    return render(
        request,
        "volunteers/participation/reports/report_detail.html",
        {
            "report": report,
            "team": report.team,
            "photos": report.photo_list,
            "cover": cover,
            "share": share.report_share(report, cover=cover),
            "figures": figures_of(report),
            "approved_hours": report_approved_hours(report),
            "report_map": _report_map(report),
            "campaign": campaign_links().shown(report.campaign_id),
            "event": event if event is not None and can_see_event(request.user, event) else None,
            "can_manage": can_manage,
            "can_submit": can_manage
            and report_submit_refusal(team=report.team, report=report) is None,
        },
    )


@require_GET
def report_card(request, pk: int):
    report = get_object_or_404(
        ActivityReport.objects.select_related("team", "township__county"), pk=pk
    )
    if report.status != ReportStatus.APPROVED or not can_see_team(request.user, report.team):
        raise Http404
    return png_response(request, share.report_card(report))


@cached_page("figures", "teams")
def team_reports(request, pk: int):
    team = get_object_or_404(Team.objects.select_related("county", "township"), pk=pk)
    if not can_see_team(request.user, team):
        raise Http404
    can_manage = can_manage_team(request.user, team)
    page = Paginator(approved_reports(team), REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = decorate_cards(page.object_list)
    return render(
        request,
        "volunteers/participation/reports/team_reports.html",
        {
            "team": team,
            "reports": page,
            "page_obj": page,
            "own_reports": decorate_cards(unapproved_reports(team)) if can_manage else [],
            "can_manage": can_manage,
        },
    )
