"""On-site check-in and check-out (签到/签退) by scanning the leader's QR code."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class CheckIn(models.Model):
    """When one volunteer arrived at and left one event, and where their phone said they were."""

    event = models.ForeignKey(
        "volunteers.Event",
        on_delete=models.CASCADE,
        related_name="checkins",
        verbose_name=_("event"),
    )
    volunteer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="checkins",
        verbose_name=_("volunteer"),
    )
    checked_in_at = models.DateTimeField(_("checked in at"))
    checked_out_at = models.DateTimeField(_("checked out at"), null=True, blank=True)
    # The phone's position is optional; it is kept only to flag check-ins made far away.
    in_lat = models.FloatField(_("latitude at check-in"), null=True, blank=True)
    in_lon = models.FloatField(_("longitude at check-in"), null=True, blank=True)
    in_distance_m = models.PositiveIntegerField(
        _("distance from the event at check-in (m)"), null=True, blank=True
    )
    out_lat = models.FloatField(_("latitude at check-out"), null=True, blank=True)
    out_lon = models.FloatField(_("longitude at check-out"), null=True, blank=True)
    out_distance_m = models.PositiveIntegerField(
        _("distance from the event at check-out (m)"), null=True, blank=True
    )
    # Set when the scan was kept on a phone without a signal and sent later: the times
    # above are the codes' minutes, these when they reached the portal.
    in_synced_at = models.DateTimeField(_("check-in sent from offline at"), null=True, blank=True)
    out_synced_at = models.DateTimeField(_("check-out sent from offline at"), null=True, blank=True)
    far_from_event = models.BooleanField(_("far from the event"), default=False)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "volunteer"], name="checkin_once_per_event"),
            models.CheckConstraint(
                condition=Q(checked_out_at__isnull=True)
                | Q(checked_out_at__gte=F("checked_in_at")),
                name="checkin_out_after_in",
            ),
        ]

    def __str__(self):
        return f"{self.volunteer} @ {self.event}"
