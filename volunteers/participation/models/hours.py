"""Service hours (服务时长): records, their audit trail and the rollups of approved hours.

Only approved records count. The rollup tables are kept in step with every
decision (in the same transaction) so totals at city scale are a single-row
read; ``rollups_rebuild`` recomputes them from the records when in doubt.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_HOURS_PER_RECORD = 24


class RecordSource(models.TextChoices):
    CHECKIN = "checkin", _("Check-in and check-out")
    ATTENDANCE = "attendance", _("Leader's attendance list")
    REPORT = "report", _("Activity report")
    MANUAL = "manual", _("Entered by staff")


class RecordStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    # The leader took a draft back (the volunteer did not come after all).
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ChangeAction(models.TextChoices):
    CREATE = "create", _("Created")
    EDIT = "edit", _("Changed by the leader")
    WITHDRAW = "withdraw", _("Withdrawn by the leader")
    SUBMIT = "submit", _("Submitted")
    APPROVE = "approve", _("Approved")
    ADJUST = "adjust", _("Adjusted")
    REJECT = "reject", _("Rejected")
    FLAG = "flag", _("Flagged as wrong")


class ServiceRecord(models.Model):
    """Hours one volunteer served at one event, or at a free-standing activity of a report."""

    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        # Accounts are anonymised, never deleted, so approved hours stay in the totals.
        on_delete=models.PROTECT,
        related_name="service_records",
        verbose_name=_("volunteer"),
    )
    event = models.ForeignKey(
        "volunteers.Event",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_records",
        verbose_name=_("event"),
    )
    report = models.ForeignKey(
        "volunteers.ActivityReport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_records",
        verbose_name=_("activity report"),
    )
    # Copied from the event so the rollups group without joins and stay put if
    # the event is edited after approval.
    team = models.ForeignKey(
        "volunteers.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_records",
        verbose_name=_("team"),
    )
    township = models.ForeignKey(
        "volunteers.Township",
        on_delete=models.PROTECT,
        related_name="service_records",
        verbose_name=_("township"),
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=2)
    source = models.CharField(_("source"), max_length=12, choices=RecordSource.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=RecordStatus.choices, default=RecordStatus.DRAFT
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reject_reason = models.CharField(_("reason for rejecting"), max_length=300, blank=True)
    flagged_at = models.DateTimeField(_("flagged as wrong at"), null=True, blank=True)
    flag_comment = models.CharField(_("what is wrong"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        ordering = ["-date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0) & Q(hours__lte=MAX_HOURS_PER_RECORD),
                name="servicerecord_hours_0_to_24",
            ),
            models.UniqueConstraint(
                fields=["volunteer", "event"],
                condition=Q(event__isnull=False),
                name="servicerecord_once_per_event",
            ),
            models.UniqueConstraint(
                fields=["volunteer", "report"],
                condition=Q(report__isnull=False),
                name="servicerecord_once_per_report",
            ),
        ]
        indexes = [
            # The admin queue's order within a status, read by keyset at any depth;
            # also serves every "status and date range" query.
            models.Index(fields=["status", "-date", "id"], name="servicerecord_queue"),
            models.Index(fields=["-date", "id"], name="servicerecord_by_date"),  # "All"
            models.Index(fields=["volunteer", "status"]),
            models.Index(fields=["volunteer", "date"]),
        ]

    def __str__(self):
        return f"{self.volunteer} {self.date} {self.hours} h ({self.status})"


class ServiceRecordChange(models.Model):
    """One step in a record's history (who, when, old → new). Rows are only ever added."""

    record = models.ForeignKey(
        ServiceRecord,
        on_delete=models.PROTECT,
        related_name="changes",
        verbose_name=_("service record"),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    old_hours = models.DecimalField(
        _("hours before"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    new_hours = models.DecimalField(
        _("hours after"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    old_status = models.CharField(
        _("status before"), max_length=10, choices=RecordStatus.choices, blank=True
    )
    new_status = models.CharField(_("status after"), max_length=10, choices=RecordStatus.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("service record change")
        verbose_name_plural = _("service record changes")
        ordering = ["record", "changed_at", "pk"]

    def __str__(self):
        return f"{self.record_id}: {self.action} {self.old_status} → {self.new_status}"
