"""Staff exports of service records and activity reports, made in the background.

An export is a row first (pending), written in the request's transaction; a
Celery task makes the file after commit and reports its progress on the row,
so the page staff wait on can show "n of N rows". The file holds real names,
so it is kept in the private storage (never under MEDIA_ROOT) and served only
to staff.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from volunteers.recognition.models.certificates import private_storage


class ExportKind(models.TextChoices):
    RECORDS = "records", _("Service records")
    REPORTS = "reports", _("Activity reports")


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV (UTF-8)")
    XLSX = "xlsx", _("Excel (.xlsx)")


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to start")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class Export(models.Model):
    kind = models.CharField(_("what"), max_length=10, choices=ExportKind.choices)
    format = models.CharField(
        _("format"), max_length=5, choices=ExportFormat.choices, default=ExportFormat.CSV
    )
    # Cleaned by ``export_filters_clean``: ISO dates, division codes, a team id, a status.
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    # The language of the column headings and place names, as the request had it.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    rows_total = models.PositiveIntegerField(_("rows in all"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file = models.FileField(_("file"), upload_to="exports/", storage=private_storage, blank=True)
    error = models.TextField(_("what went wrong"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    # Written with the progress: a running export whose worker died stops changing it.
    alive_at = models.DateTimeField(_("last progress at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["requested_by", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.kind}.{self.format} #{self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(100, int(self.rows_done * 100 / self.rows_total))
