"""Rollups of approved hours, kept in the transaction that approves them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# --- Rollups of approved hours -----------------------------------------------


class HoursRollup(models.Model):
    approved_hours = models.DecimalField(
        _("approved hours"), max_digits=14, decimal_places=2, default=0
    )
    records = models.PositiveIntegerField(_("approved records"), default=0)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_hours__gte=0), name="%(class)s_hours_not_negative"
            ),
        ]


class HoursByVolunteer(HoursRollup):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="hours_total",
        verbose_name=_("volunteer"),
    )
    star_level = models.PositiveSmallIntegerField(_("star level"), default=0)
    # The highest level the volunteer has been told about: losing hours and
    # regaining them must not announce the same level twice.
    announced_level = models.PositiveSmallIntegerField(_("star level announced"), default=0)

    class Meta(HoursRollup.Meta):
        verbose_name = _("hours by volunteer")
        verbose_name_plural = _("hours by volunteer")
        indexes = [models.Index(fields=["-approved_hours"], name="hoursbyvolunteer_rank_idx")]

    def __str__(self):
        return f"{self.user}: {self.approved_hours} h"


class HoursByTeam(HoursRollup):
    team = models.OneToOneField(
        "volunteers.Team",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="hours_total",
        verbose_name=_("team"),
    )

    class Meta(HoursRollup.Meta):
        verbose_name = _("hours by team")
        verbose_name_plural = _("hours by team")

    def __str__(self):
        return f"{self.team}: {self.approved_hours} h"


class HoursByTownship(HoursRollup):
    township = models.OneToOneField(
        "volunteers.Township",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="hours_total",
        verbose_name=_("township"),
    )

    class Meta(HoursRollup.Meta):
        verbose_name = _("hours by township")
        verbose_name_plural = _("hours by township")

    def __str__(self):
        return f"{self.township}: {self.approved_hours} h"


class HoursByCounty(HoursRollup):
    county = models.OneToOneField(
        "volunteers.County",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="hours_total",
        verbose_name=_("county"),
    )

    class Meta(HoursRollup.Meta):
        verbose_name = _("hours by county")
        verbose_name_plural = _("hours by county")

    def __str__(self):
        return f"{self.county}: {self.approved_hours} h"


class HoursByMonth(HoursRollup):
    """Approved hours per calendar month at three grains, without sentinel values.

    * ``team`` and ``county`` both empty: the whole city;
    * ``team`` set: that team (records without a team only count city- and county-wide);
    * ``county`` set: that county (the county of the record's township).

    NULLs never compare equal in a unique index, so each grain has its own
    partial unique constraint instead of one over (month, team, county).
    """

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    team = models.ForeignKey(
        "volunteers.Team",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("team"),
    )
    county = models.ForeignKey(
        "volunteers.County",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("county"),
    )

    class Meta:
        verbose_name = _("hours by month")
        verbose_name_plural = _("hours by month")
        ordering = ["month"]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_hours__gte=0), name="hoursbymonth_hours_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(team__isnull=True) | Q(county__isnull=True),
                name="hoursbymonth_one_grain",
            ),
            models.UniqueConstraint(
                fields=["month"],
                condition=Q(team__isnull=True, county__isnull=True),
                name="hoursbymonth_city_once",
            ),
            models.UniqueConstraint(
                fields=["month", "team"],
                condition=Q(team__isnull=False),
                name="hoursbymonth_team_once",
            ),
            models.UniqueConstraint(
                fields=["month", "county"],
                condition=Q(county__isnull=False),
                name="hoursbymonth_county_once",
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.team or self.county or '*'}: {self.approved_hours} h"
