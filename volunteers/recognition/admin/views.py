"""Staff exports in the Wagtail admin: a CSV now, or a CSV / Excel file made in the background.

The files name the volunteers (real names, never phones or e-mails), so every
view here is for staff who may read records, reports and profiles
(``export_allowed``); anyone else gets a 403 and never sees the menu item.
The views only carry the form (``forms.ExportForm``) to the services in
``volunteers.recognition.services.exports``.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from portal.csv_stream import CSV_CONTENT_TYPE, csv_download
from portal.dates import local_time
from portal.errors import ServiceError
from volunteers.participation.models.hours import RecordStatus
from volunteers.participation.models.reports import ReportStatus
from volunteers.places.models import County, Township
from volunteers.recognition.admin.forms import ExportForm, add_export_error
from volunteers.recognition.models.exports import Export, ExportFormat, ExportKind, ExportStatus
from volunteers.recognition.services.exports.files import export_filename
from volunteers.recognition.services.exports.requests import (
    export_allowed,
    export_filters_clean,
    export_request,
)
from volunteers.recognition.services.exports.rows import export_count, export_rows
from volunteers.teams.models import Team

logger = logging.getLogger(__name__)

RECENT = 15
POLL_SECONDS = 2
CONTENT_TYPES = {
    ExportFormat.CSV: CSV_CONTENT_TYPE,
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ExportAccessMixin:
    """Staff who may export; everyone else gets a 403 (not the admin's redirect home)."""

    def dispatch(self, request, *args, **kwargs):
        if not export_allowed(request.user):
            if request.headers.get("accept", "").startswith("application/json"):
                return JsonResponse({"error": "forbidden"}, status=403)
            return permission_denied(request, exception=None)
        return super().dispatch(request, *args, **kwargs)


def export_download(kind: str, filters: dict, *, user_id=None) -> StreamingHttpResponse:
    """The "Download CSV now" file of ``filters`` (already cleaned), streamed as it is read.

    One stopped before its last line (client gone, worker killed) is logged.
    """

    def cut_off() -> None:
        logger.warning("Export streamed to user %s stopped before its end", user_id)

    filename = export_filename(kind, filters, "csv")
    response = csv_download(filename, export_rows(kind, filters), cut_off=cut_off)
    response["Cache-Control"] = "private, no-store"
    return response


def _form_query(form, **extra) -> str:
    """The form's choices as a query string, so the page can show them again after a redirect."""
    choices = {name: value for name, value in form.cleaned_data.items() if value}
    return urlencode({**choices, **extra})


def _export_context(export: Export, summary: str = "") -> dict:
    ready = export.status == ExportStatus.DONE and bool(export.file)
    return {
        "export": export,
        "progress_url": reverse("volunteer_exports:progress", args=[export.pk]),
        "download_url": reverse("volunteer_exports:download", args=[export.pk]) if ready else "",
        "expired": export.status == ExportStatus.DONE and not export.file,
        "requested_at": local_time(export.created_at),
        "finished_at": local_time(export.finished_at),
        "summary": summary or _summaries([export])[export.pk],
        "filename": export_filename(export.kind, export.filters, export.format),
    }


def _summaries(exports) -> dict[int, str]:
    """The filters of each export in words: "2026-01-01 – 2026-03-31 · 郧阳区 · Approved"."""
    filters = {export.pk: export.filters or {} for export in exports}
    codes = {f[key] for f in filters.values() for key in ("county", "township") if f.get(key)}
    places = {c.code: str(c) for c in County.objects.filter(code__in=codes)}
    places.update({t.code: str(t) for t in Township.objects.filter(code__in=codes)})
    team_ids = {f["team"] for f in filters.values() if f.get("team")}
    teams = dict(Team.objects.filter(pk__in=team_ids).values_list("pk", "name"))
    summaries = {}
    for export in exports:
        chosen = filters[export.pk]
        parts = []
        if chosen.get("date_from") or chosen.get("date_to"):
            parts.append(f"{chosen.get('date_from', '…')} – {chosen.get('date_to', '…')}")
        place = chosen.get("township") or chosen.get("county")
        if place in places:
            parts.append(places[place])
        if chosen.get("team") in teams:
            parts.append(teams[chosen["team"]])
        if chosen.get("status"):
            choices = RecordStatus if export.kind == ExportKind.RECORDS else ReportStatus
            parts.append(str(dict(choices.choices).get(chosen["status"], chosen["status"])))
        summaries[export.pk] = " · ".join(parts) or gettext("Everything")
    return summaries


def _progress_text(export: Export) -> str:
    if export.rows_total is None:
        return gettext("Counting the rows…")
    return ngettext(
        "%(done)s of %(total)s row",
        "%(done)s of %(total)s rows",
        export.rows_total,
    ) % {"done": f"{export.rows_done:,}", "total": f"{export.rows_total:,}"}


class ExportIndexView(ExportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """The form (GET), and either a CSV streamed now or an export queued (POST)."""

    template_name = "volunteers/recognition/admin/export_index.html"
    page_title = _("Exports")
    header_icon = "download"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Choices sent back by a "too many rows" redirect are shown again, unchecked.
        initial = {
            name: self.request.GET[name][:40]
            for name in ExportForm.base_fields
            if self.request.GET.get(name)
        }
        context.setdefault("form", ExportForm(initial=initial))
        context["suggest_background"] = self.request.GET.get("suggest") == "background"
        context["stream_limit"] = f"{settings.EXPORT_STREAM_MAX_ROWS:,}"
        recent = list(
            Export.objects.filter(requested_by=self.request.user).order_by("-created_at", "-pk")[
                :RECENT
            ]
        )
        summaries = _summaries(recent)
        context["recent"] = [
            {
                **_export_context(export, summaries[export.pk]),
                "progress_text": _progress_text(export),
            }
            for export in recent
        ]
        context["action_url"] = reverse("volunteer_exports:index")
        return context

    def post(self, request, *args, **kwargs):
        form = ExportForm(request.POST)
        background = "background" in request.POST
        if form.is_valid():
            try:
                if background:
                    export = export_request(
                        by=request.user,
                        kind=form.cleaned_data["kind"],
                        format=form.cleaned_data["format"],
                        filters=form.filters(),
                    )
                else:
                    return self.stream(form)
            except ServiceError as error:
                add_export_error(form, error)
            else:
                messages.success(
                    request, _("The export is being prepared; this page shows how far it is.")
                )
                return redirect("volunteer_exports:progress", export.pk)
        messages.error(request, _("Nothing was exported: check the choices marked below."))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def stream(self, form):
        """The CSV now, if it can end well inside the worker's time limit; else back to the form.

        A download the server cuts off still looks like a file to the browser,
        so above ``EXPORT_STREAM_MAX_ROWS`` rows nothing is streamed: staff are
        sent to the background export with their choices kept.
        """
        kind = form.cleaned_data["kind"]
        filters = export_filters_clean(form.filters(), kind=kind)
        count, limit = export_count(kind, filters), settings.EXPORT_STREAM_MAX_ROWS
        if count > limit:
            messages.warning(
                self.request,
                ngettext(
                    "%(count)s row matches these choices, more than “Download CSV now” gives "
                    "(at most %(limit)s rows): a longer download would be cut off by the server "
                    "before its end. Prepare the file in the background instead; your choices "
                    "are kept below.",
                    "%(count)s rows match these choices, more than “Download CSV now” gives "
                    "(at most %(limit)s rows): a longer download would be cut off by the server "
                    "before its end. Prepare the file in the background instead; your choices "
                    "are kept below.",
                    count,
                )
                % {"count": f"{count:,}", "limit": f"{limit:,}"},
            )
            index = reverse("volunteer_exports:index")
            return redirect(f"{index}?{_form_query(form, suggest='background')}")
        logger.info("Export of %s streamed to user %s: %s", kind, self.request.user.pk, filters)
        return export_download(kind, filters, user_id=self.request.user.pk)


class ExportProgressView(ExportAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """How far an export is; a small script asks ``ExportStatusView`` until it is finished."""

    template_name = "volunteers/recognition/admin/export_progress.html"
    header_icon = "download"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.export = get_object_or_404(Export, pk=kwargs["pk"])

    def get_page_title(self):
        return gettext("Export no. %(number)d") % {"number": self.export.pk}

    def get_page_subtitle(self):
        return self.export.get_kind_display()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("volunteer_exports:index"), "label": gettext("Exports")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(_export_context(self.export))
        context.update(
            progress_text=_progress_text(self.export),
            status_url=reverse("volunteer_exports:status", args=[self.export.pk]),
            poll_seconds=POLL_SECONDS,
            index_url=reverse("volunteer_exports:index"),
        )
        return context


class ExportStatusView(ExportAccessMixin, View):
    """The progress of one export as JSON, for the progress page's script."""

    def get(self, request, pk):
        export = get_object_or_404(Export, pk=pk)
        context = _export_context(export)
        response = JsonResponse(
            {
                "status": export.status,
                "status_label": export.get_status_display(),
                "rows_done": export.rows_done,
                "rows_total": export.rows_total,
                "percent": export.percent,
                "text": _progress_text(export),
                "finished": export.is_finished,
                "download_url": context["download_url"],
                "error": export.error,
            }
        )
        response["Cache-Control"] = "no-store"
        return response


class ExportDownloadView(ExportAccessMixin, View):
    """The finished file, read from the private storage (any staff member who may export)."""

    def get(self, request, pk):
        export = get_object_or_404(Export, pk=pk, status=ExportStatus.DONE)
        if not export.file:
            raise Http404
        try:
            handle = export.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        logger.info("Export %s downloaded by user %s", export.pk, request.user.pk)
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=export_filename(export.kind, export.filters, export.format),
            content_type=CONTENT_TYPES[export.format],
        )
        response["Cache-Control"] = "private, no-store"
        return response


def export_urls():
    return [
        path("", ExportIndexView.as_view(), name="index"),
        path("<int:pk>/", ExportProgressView.as_view(), name="progress"),
        path("<int:pk>/status/", ExportStatusView.as_view(), name="status"),
        path("<int:pk>/download/", ExportDownloadView.as_view(), name="download"),
    ]
