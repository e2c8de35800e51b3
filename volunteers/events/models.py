from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from volunteers.choices import Attendance, EventKind, EventStatus, SignupStatus, Visibility
from volunteers.kept import KeptCountsModel

# The most places an event can offer (the form and the service both hold to it).
MAX_CAPACITY = 10_000


class EventQuerySet(models.QuerySet):
    def scheduled(self):
        return self.filter(status=EventStatus.SCHEDULED)

    def upcoming(self):
        return self.scheduled().filter(ends_at__gte=timezone.now())

    def not_over(self):
        """Events yet to end, cancelled ones too: calendar feeds keep those, marked
        cancelled, so a subscriber's copy is updated rather than left behind."""
        return self.filter(ends_at__gte=timezone.now())

    def public(self):
        """What anyone may see: public events of approved teams (or of staff)."""
        return self.filter(visibility=Visibility.PUBLIC).filter(
            Q(team__isnull=True) | Q(team__status="approved")
        )


class Event(KeptCountsModel):
    """A volunteer activity (活动) at a place and time, with a limited number of places."""

    team = models.ForeignKey(
        "volunteers.Team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("team"),
    )
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("type"), max_length=12, choices=EventKind.choices)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    township = models.ForeignKey(
        "volunteers.Township",
        on_delete=models.PROTECT,
        related_name="events",
        verbose_name=_("township"),
    )
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    meeting_point = models.CharField(_("meeting point"), max_length=200, blank=True)
    what_to_bring = models.CharField(_("what to bring"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    signup_deadline = models.DateTimeField(_("sign-up deadline"))
    capacity = models.PositiveIntegerField(_("places"))
    # Kept in step with the sign-ups in the same transaction (volunteers.counts), so
    # listings never count sign-ups; ``rebuild_rollups`` checks them.
    places_taken = models.PositiveIntegerField(_("places taken"), default=0, editable=False)
    waitlist_length = models.PositiveIntegerField(
        _("on the waiting list"), default=0, editable=False
    )
    visibility = models.CharField(
        _("open to"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(
        _("status"), max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("campaign"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EventQuerySet.as_manager()
    KEPT_COUNTS = ("places_taken", "waitlist_length")

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="event_capacity_positive"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(signup_deadline__lte=F("starts_at")), name="event_deadline_before_start"
            ),
            models.CheckConstraint(
                condition=(Q(lat__isnull=True) & Q(lon__isnull=True))
                | (Q(lat__gte=-90, lat__lte=90) & Q(lon__gte=-180, lon__lte=180)),
                name="event_point_complete_and_in_range",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return self.title

    @property
    def point(self):
        """The exact point, else the township's (approximate)."""
        if self.lat is not None and self.lon is not None:
            return self.lat, self.lon
        if self.township.has_point:
            return self.township.lat, self.township.lon
        return None

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.places_taken, 0)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    def phase(self, now) -> str:
        """Where the event stands at ``now``, the one reading of its times and status.

        "cancelled"; "finished" once it has ended; "started" while under way;
        "closed" between the sign-up deadline and the start; else "open".
        """
        if self.status == EventStatus.CANCELLED:
            return "cancelled"
        if self.ends_at < now:
            return "finished"
        if self.starts_at <= now:
            return "started"
        if self.signup_deadline < now:
            return "closed"
        return "open"


class Signup(models.Model):
    """A volunteer's place (报名) or waiting-list entry (候补) for one event."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="signups", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="signups",
        verbose_name=_("volunteer"),
    )
    status = models.CharField(_("status"), max_length=12, choices=SignupStatus.choices)
    created_at = models.DateTimeField(_("signed up at"), default=timezone.now)
    # The waiting list is served in the order people joined it (re-joining goes to the back).
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=10, choices=Attendance.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="signup_once_per_event"),
        ]
        indexes = [models.Index(fields=["event", "status", "queued_at"])]

    def __str__(self):
        return f"{self.user} → {self.event} ({self.status})"
