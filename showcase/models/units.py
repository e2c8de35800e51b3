from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable
from wagtail.search import index

from showcase.choices import Honour, UnitKind


class ExemplarUnit(index.Indexed, ClusterableModel):
    """A public institution whose practice the portal showcases (示范单位)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_en = models.CharField(_("English name"), max_length=160, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    county = models.ForeignKey(
        "volunteers.County",
        on_delete=models.PROTECT,
        related_name="exemplar_units",
        verbose_name=_("county"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo or photo"),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("county")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("lat"), FieldPanel("lon")], heading=_("Location (WGS-84)")),
        FieldPanel("photo"),
        InlinePanel("honours", label=_("Honours")),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("name_en")]

    class Meta:
        verbose_name = _("exemplar unit")
        verbose_name_plural = _("exemplar units")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(lat__isnull=True) & Q(lon__isnull=True))
                | (Q(lat__gte=-90, lat__lte=90) & Q(lon__gte=-180, lon__lte=180)),
                name="exemplarunit_point_complete_and_in_range",
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name

    @property
    def point(self):
        """The unit's own point, else its county seat, with whether it is approximate."""
        if self.lat is not None and self.lon is not None:
            return self.lat, self.lon, False
        if self.county.has_point:
            return self.county.lat, self.county.lon, True
        return None


class UnitHonour(Orderable):
    unit = ParentalKey(
        ExemplarUnit, on_delete=models.CASCADE, related_name="honours", verbose_name=_("unit")
    )
    honour = models.CharField(_("honour"), max_length=30, choices=Honour.choices)
    year_from = models.PositiveSmallIntegerField(_("from year"))
    year_to = models.PositiveSmallIntegerField(_("to year"), null=True, blank=True)

    panels = [FieldPanel("honour"), FieldRowPanel([FieldPanel("year_from"), FieldPanel("year_to")])]

    class Meta(Orderable.Meta):
        verbose_name = _("honour")
        constraints = [
            models.CheckConstraint(
                condition=Q(year_to__isnull=True) | Q(year_to__gte=models.F("year_from")),
                name="unithonour_years_in_order",
            )
        ]

    def __str__(self):
        years = f"{self.year_from}–{self.year_to}" if self.year_to else str(self.year_from)
        return f"{self.get_honour_display()} ({years})"
