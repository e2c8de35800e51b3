"""Counties and townships of Shiyan, loaded from the gazetteer (``load_gazetteer``).

Points are WGS-84. A township the gazetteer has no point for gets its county
seat's point, marked approximate, until staff set the real one in the admin;
once staff edit a place, reloading the gazetteer leaves their point and
reservoir-area flag alone.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from volunteers.places.forms import PlaceAdminForm


class Place(models.Model):
    base_form_class = PlaceAdminForm

    code = models.CharField(_("division code"), max_length=12, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=80, blank=True)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    in_reservoir_area = models.BooleanField(
        _("in the reservoir area"),
        default=False,
        help_text=_("Within reach of the Danjiangkou reservoir or the Han River."),
    )
    edited_by_staff = models.BooleanField(
        _("edited by staff"),
        default=False,
        editable=False,
        help_text=_("Reloading the gazetteer keeps staff-set points and flags."),
    )

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_zh

    @property
    def has_point(self) -> bool:
        return self.lat is not None and self.lon is not None


def _point_constraints(prefix: str):
    return [
        models.CheckConstraint(
            condition=Q(lat__isnull=True) | Q(lat__gte=-90, lat__lte=90),
            name=f"{prefix}_lat_range",
        ),
        models.CheckConstraint(
            condition=Q(lon__isnull=True) | Q(lon__gte=-180, lon__lte=180),
            name=f"{prefix}_lon_range",
        ),
    ]


class County(Place):
    class Meta(Place.Meta):
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        constraints = _point_constraints("county")


class Township(Place):
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="townships", verbose_name=_("county")
    )
    point_is_approximate = models.BooleanField(
        _("approximate point"),
        default=False,
        help_text=_("The point is the county seat's, not the township's own."),
    )
    source = models.CharField(_("source of the point"), max_length=300, blank=True)

    class Meta(Place.Meta):
        verbose_name = _("township")
        verbose_name_plural = _("townships")
        constraints = _point_constraints("township")
