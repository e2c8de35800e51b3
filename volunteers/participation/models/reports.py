"""Activity reports (活动报告): what a team did, with figures and photos, reviewed by staff."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from volunteers.choices import EventKind

MAX_PHOTOS = 9
# What a report measures, in the order pages, forms, exports and totals show it.
REPORT_FIGURES = ("litter_kg", "river_km", "households", "samples", "trees")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Returned")


class ReportQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=ReportStatus.APPROVED)


class ActivityReport(models.Model):
    """One activity of a team: for an event, or free-standing (an activity not announced)."""

    og_type = "article"  # how its page is shared (templates/includes/meta.html)

    team = models.ForeignKey(
        "volunteers.Team",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("team"),
    )
    event = models.OneToOneField(
        "volunteers.Event",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report",
        verbose_name=_("event"),
    )
    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("campaign"),
    )
    title = models.CharField(_("title"), max_length=120)
    date = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=12, choices=EventKind.choices)
    township = models.ForeignKey(
        "volunteers.Township",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("township"),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    summary = models.TextField(_("what the team did"), max_length=4000)
    participants = models.PositiveIntegerField(
        _("people who took part"),
        help_text=_("Everyone who helped, members or not."),
    )
    litter_kg = models.DecimalField(
        _("litter collected (kg)"), max_digits=8, decimal_places=1, default=0
    )
    river_km = models.DecimalField(
        _("river patrolled (km)"), max_digits=7, decimal_places=1, default=0
    )
    households = models.PositiveIntegerField(_("households reached"), default=0)
    samples = models.PositiveIntegerField(_("water samples taken"), default=0)
    trees = models.PositiveIntegerField(_("trees planted"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    decided_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reject_reason = models.CharField(_("reason for returning"), max_length=300, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity report")
        verbose_name_plural = _("activity reports")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(litter_kg__gte=0) & Q(river_km__gte=0),
                name="activityreport_figures_not_negative",
            ),
            models.CheckConstraint(
                condition=(Q(lat__isnull=True) & Q(lon__isnull=True))
                | (Q(lat__gte=-90, lat__lte=90) & Q(lon__gte=-180, lon__lte=180)),
                name="activityreport_point_complete_and_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["team", "status", "-date"]),
            models.Index(fields=["status", "submitted_at"]),
            # The admin review queue's order within a status (newest first, by keyset).
            models.Index(fields=["status", "date", "id"], name="activityreport_queue"),
            models.Index(fields=["date", "id"], name="activityreport_by_date"),  # "All"
        ]

    def __str__(self):
        return f"{self.title} ({self.date})"

    @property
    def is_editable(self) -> bool:
        return self.status in (ReportStatus.DRAFT, ReportStatus.REJECTED)

    @property
    def point(self):
        if self.lat is not None and self.lon is not None:
            return self.lat, self.lon
        if self.township.has_point:
            return self.township.lat, self.township.lon
        return None


class ReportPhoto(models.Model):
    """A photo of a report: a cleaned copy (no EXIF, no GPS) kept as a Wagtail image."""

    report = models.ForeignKey(
        ActivityReport, on_delete=models.CASCADE, related_name="photos", verbose_name=_("report")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("image"),
    )
    caption = models.CharField(_("caption"), max_length=120, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.caption or f"{self.report} #{self.sort_order + 1}"


class TotalsScope(models.TextChoices):
    CITY = "city", _("Whole city")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")
    TEAM = "team", _("Team")


class ActivityTotals(models.Model):
    """The figures of approved reports, summed for the city, a county, a township or a team.

    One row per (scope, key): ``key`` is the county's, township's or team's id,
    and 0 for the city. Kept in step by ``report_approve``; rebuilt with the
    hours rollups.
    """

    scope = models.CharField(_("scope"), max_length=10, choices=TotalsScope.choices)
    key = models.PositiveIntegerField(_("id within the scope"))
    reports = models.PositiveIntegerField(_("approved reports"), default=0)
    participants = models.PositiveIntegerField(_("people who took part"), default=0)
    litter_kg = models.DecimalField(
        _("litter collected (kg)"), max_digits=14, decimal_places=1, default=0
    )
    river_km = models.DecimalField(
        _("river patrolled (km)"), max_digits=12, decimal_places=1, default=0
    )
    households = models.PositiveBigIntegerField(_("households reached"), default=0)
    samples = models.PositiveBigIntegerField(_("water samples taken"), default=0)
    trees = models.PositiveBigIntegerField(_("trees planted"), default=0)

    FIGURES = ("reports", "participants", *REPORT_FIGURES)

    class Meta:
        verbose_name = _("activity totals")
        verbose_name_plural = _("activity totals")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="activitytotals_once"),
        ]

    def __str__(self):
        return f"{self.scope}:{self.key} {self.reports} reports"
