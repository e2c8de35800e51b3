"""The outboxes (e-mail and SMS): every message is a row before it is a network call.

A row is written in the same transaction as the change that caused it; a
Celery task delivers it after commit and stamps ``sent_at``. If the broker is
down the row simply waits for the beat sweep, so messages are late, never lost.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(sent_at__isnull=True, failed_at__isnull=True)

    def stuck_ids(self, *, older_than: timedelta | None = None, limit: int = 500) -> list[int]:
        """Ids of messages still waiting after ``older_than`` (their first task was lost)."""
        if older_than is None:
            older_than = timedelta(seconds=settings.WORK_RETRY_AFTER_SECONDS)
        return list(
            self.pending()
            .filter(created_at__lte=timezone.now() - older_than)
            .order_by("created_at")
            .values_list("pk", flat=True)[:limit]
        )


class OutgoingMail(models.Model):
    MAX_ATTEMPTS = 5

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=255)
    text_body = models.TextField(_("plain-text body"))
    html_body = models.TextField(_("HTML body"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=80, blank=True, help_text=_("Template the message came from.")
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    failed_at = models.DateTimeField(_("given up at"), null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outgoingmail_pending_idx",
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.kind or 'mail'} → {self.to}"


class OutgoingSms(models.Model):
    """One text message, kept like an e-mail: written first, delivered after commit.

    Providers in China send only pre-approved templates, so a row keeps the template's
    name (``kind``) and its parameters as well as the text rendered here, which the
    console backend prints and staff read in the admin.
    """

    MAX_ATTEMPTS = 5

    to = models.CharField(_("to"), max_length=16, help_text=_("E.164, e.g. +8613800138000."))
    kind = models.CharField(_("kind"), max_length=80)
    params = models.JSONField(_("template parameters"), default=dict, blank=True)
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=10)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    provider_id = models.CharField(_("provider's message id"), max_length=80, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    failed_at = models.DateTimeField(_("given up at"), null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing SMS")
        verbose_name_plural = _("outgoing SMS")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["created_at"],
                name="outgoingsms_pending_idx",
                condition=models.Q(sent_at__isnull=True, failed_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.kind} → {self.to}"
