from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from volunteers.choices import MembershipStatus, Role, TeamStatus
from volunteers.kept import KeptCountsModel


class TeamQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=TeamStatus.APPROVED)


class Team(KeptCountsModel):
    """A water-protection volunteer team (志愿服务队); public once staff approve it."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    county = models.ForeignKey(
        "volunteers.County",
        on_delete=models.PROTECT,
        related_name="teams",
        verbose_name=_("county"),
    )
    township = models.ForeignKey(
        "volunteers.Township",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="teams",
        verbose_name=_("township"),
    )
    description = models.TextField(_("description"), max_length=2000)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    contact = models.CharField(
        _("contact for members"),
        max_length=200,
        blank=True,
        help_text=_("Phone, WeChat group or meeting place; only members see it."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TeamStatus.choices, default=TeamStatus.PENDING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    # Active members, kept in step with the memberships (volunteers.counts).
    member_count = models.PositiveIntegerField(_("members"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    objects = TeamQuerySet.as_manager()
    KEPT_COUNTS = ("member_count",)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_approved(self) -> bool:
        return self.status == TeamStatus.APPROVED

    @property
    def point(self):
        place = self.township or self.county
        return (place.lat, place.lon) if place and place.has_point else None


class Membership(models.Model):
    """One row per person and team; its status records the whole story."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("volunteer"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PENDING,
    )
    requested_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="membership_once_per_team"),
            models.CheckConstraint(
                condition=Q(role="member") | Q(status="active"),
                name="membership_leaders_are_active",
            ),
        ]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self):
        return f"{self.user} @ {self.team} ({self.status})"

    @property
    def is_leader(self) -> bool:
        return self.status == MembershipStatus.ACTIVE and self.role in (Role.LEADER, Role.CO_LEADER)
