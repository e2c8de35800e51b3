"""StreamField blocks for case studies and stories."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from portal.dates import shiyan_today
from portal.maps.builder import point_map, render_map
from volunteers.recognition.selectors import live_figure_value, this_year_possible

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr"]


class CaptionedImageBlock(blocks.StructBlock):
    # ImageBlock requires alt text unless the editor marks the image decorative.
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250, label=_("caption"))

    class Meta:
        icon = "image"
        template = "showcase/blocks/image.html"
        label = _("Image")


class MetricBlock(blocks.StructBlock):
    """A measured result told with its baseline and source, e.g. 45.6 % water saved."""

    label = blocks.CharBlock(max_length=80, label=_("label"))
    value = blocks.DecimalBlock(decimal_places=2, label=_("value"))
    unit = blocks.CharBlock(max_length=20, required=False, label=_("unit"))
    baseline = blocks.CharBlock(
        max_length=120,
        required=False,
        label=_("baseline or period"),
        help_text=_("e.g. “2024 vs. the 13th Five-Year Plan”, “per year”."),
    )
    change_percent = blocks.DecimalBlock(
        decimal_places=1,
        required=False,
        label=_("change %"),
        help_text=_("Negative for a decrease."),
    )
    source = blocks.CharBlock(max_length=200, required=False, label=_("source note"))

    class Meta:
        icon = "order"
        template = "showcase/blocks/metric.html"
        label = _("Metric")


class MetricsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(MetricBlock(), min_num=1, max_num=6, **kwargs)

    class Meta:
        icon = "order"
        template = "showcase/blocks/metrics.html"
        label = _("Metrics")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=600, label=_("quote"))
    attribution = blocks.CharBlock(max_length=120, required=False, label=_("attribution"))

    class Meta:
        icon = "openquote"
        template = "showcase/blocks/quote.html"
        label = _("Quote")


class GalleryBlock(blocks.StructBlock):
    images = blocks.ListBlock(CaptionedImageBlock(), min_num=2, max_num=12, label=_("images"))

    class Meta:
        icon = "image"
        template = "showcase/blocks/gallery.html"
        label = _("Gallery")


class UnitMapBlock(blocks.StructBlock):
    """A small map of an exemplar unit's location (its point, else its county's)."""

    unit = SnippetChooserBlock("showcase.ExemplarUnit", label=_("exemplar unit"))
    zoom = blocks.IntegerBlock(min_value=6, max_value=18, default=13, label=_("zoom"))

    class Meta:
        icon = "site"
        template = "showcase/blocks/unit_map.html"
        label = _("Map of the unit")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        unit = value.get("unit")
        point = unit.point if unit else None
        context["point"] = point
        if point:
            lat, lon, _approximate = point
            context["map"] = render_map(
                point_map(lat=lat, lon=lon, label=unit.display_name, zoom=value["zoom"], height=320)
            )
        return context


class TeamChooserBlock(blocks.ChooserBlock):
    """An approved volunteer team, picked from a drop-down (teams are not snippets)."""

    target_model = "volunteers.Team"

    @cached_property
    def widget(self):
        return forms.Select()

    @cached_property
    def field(self):
        return forms.ModelChoiceField(
            queryset=self.model_class.objects.approved().order_by("name"),
            widget=self.widget,
            required=self._required,
            validators=self._validators,
            help_text=self._help_text,
        )

    def value_from_form(self, value):
        # The select sends "" for "no team" (a chooser widget sends None).
        if value in ("", None):
            return None
        try:
            return super().value_from_form(int(value) if isinstance(value, str) else value)
        except ValueError:
            return None

    def get_form_state(self, value):
        return self.widget.format_value(self.field.prepare_value(value))

    class Meta:
        icon = "group"


LIVE_FIGURE_CHOICES = [
    ("hours", _("Approved service hours")),
    ("reports", _("Activity reports")),
    ("litter_kg", _("Litter collected (kg)")),
    ("river_km", _("River patrolled (km)")),
    ("households", _("Households reached")),
    ("samples", _("Water samples taken")),
    ("trees", _("Trees planted")),
]
LIVE_PLACE_CHOICES = [
    ("city", _("Whole city")),
    ("county", _("A county")),
    ("township", _("A township")),
    ("team", _("A team")),
]
LIVE_PERIOD_CHOICES = [
    ("all", _("All time")),
    ("year", _("This year")),
]


class LiveFigureBlock(blocks.StructBlock):
    """A figure read from the volunteers' rollups each time the page is shown.

    Hours "this year" come from the monthly rollups, which exist for the city,
    counties and teams; report figures are all-time sums. ``clean`` refuses the
    combinations the rollups cannot answer.
    """

    figure = blocks.ChoiceBlock(
        choices=LIVE_FIGURE_CHOICES, default="hours", label=_("figure"), search_index=False
    )
    place = blocks.ChoiceBlock(
        choices=LIVE_PLACE_CHOICES,
        default="city",
        label=_("place"),
        search_index=False,
        help_text=_("Then choose the county, township or team below."),
    )
    county = SnippetChooserBlock(
        "volunteers.County",
        required=False,
        label=_("county"),
        help_text=_("When the place is a county."),
    )
    township = SnippetChooserBlock(
        "volunteers.Township",
        required=False,
        label=_("township"),
        help_text=_("When the place is a township."),
    )
    team = TeamChooserBlock(
        required=False, label=_("team"), help_text=_("When the place is a team.")
    )
    period = blocks.ChoiceBlock(
        choices=LIVE_PERIOD_CHOICES,
        default="all",
        label=_("period"),
        search_index=False,
        help_text=_("“This year” is available for approved hours of the city, a county or a team."),
    )
    label = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("label"),
        help_text=_("Leave empty to describe the figure automatically."),
    )

    class Meta:
        icon = "table"
        template = "showcase/blocks/live_figure.html"
        label = _("Live figure")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        place = value.get("place")
        if place in ("county", "township", "team") and value.get(place) is None:
            errors[place] = ValidationError(
                {
                    "county": _("Choose the county, or set the place to the whole city."),
                    "township": _("Choose the township, or set the place to the whole city."),
                    "team": _("Choose the team, or set the place to the whole city."),
                }[place]
            )
        if value.get("period") == "year" and not this_year_possible(
            figure=value.get("figure"), scope=place
        ):
            if value.get("figure") != "hours":
                message = _(
                    "“This year” is only available for approved service hours: activity "
                    "report figures are kept as all-time totals. Choose “All time”."
                )
            else:
                message = _(
                    "“This year” is not available for a township: hours by month are kept "
                    "for the whole city, counties and teams. Choose “All time”, or the "
                    "township's county."
                )
            errors["period"] = ValidationError(message)
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["live"] = LiveFigure.build(value)
        return context


class LiveFigure:
    """The value, unit and wording of one live-figure card."""

    UNITS = {"litter_kg": _("kg"), "river_km": _("km")}
    WHAT = {
        "hours": _("approved service hours"),
        "reports": _("activities reported"),
        "litter_kg": _("litter collected"),
        "river_km": _("river patrolled"),
        "households": _("households reached"),
        "samples": _("water samples taken"),
        "trees": _("trees planted"),
    }

    def __init__(self, *, value, unit, description, label, as_of):
        self.value = value
        self.unit = unit
        self.description = description
        self.label = label or description
        self.custom_label = bool(label)
        self.as_of = as_of

    @classmethod
    def build(cls, value):
        """The card for a block value, or None when its place or team is gone (or not public)."""
        figure, scope = value.get("figure"), value.get("place")
        if figure not in cls.WHAT or scope not in ("city", "county", "township", "team"):
            return None
        this_year = value.get("period") == "year"
        place = None if scope == "city" else value.get(scope)
        if scope != "city" and place is None:
            return None  # deleted, or never chosen
        if scope == "team" and not place.is_approved:
            return None
        if this_year and not this_year_possible(figure=figure, scope=scope):
            return None
        try:
            number = live_figure_value(figure=figure, scope=scope, place=place, this_year=this_year)
        except ValueError:
            return None
        what = str(cls.WHAT[figure])
        where = gettext("Shiyan") if scope == "city" else place.name
        if scope == "team":
            template = (
                gettext("%(what)s by %(place)s this year")
                if this_year
                else gettext("%(what)s by %(place)s")
            )
        else:
            template = (
                gettext("%(what)s in %(place)s this year")
                if this_year
                else gettext("%(what)s in %(place)s")
            )
        unit = pgettext("hours unit", "h") if figure == "hours" else str(cls.UNITS.get(figure, ""))
        return cls(
            value=number,
            unit=unit,
            description=template % {"what": what, "place": where},
            label=(value.get("label") or "").strip(),
            as_of=shiyan_today(),
        )


def body_blocks():
    return [
        ("text", blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))),
        ("image", CaptionedImageBlock()),
        ("metrics", MetricsBlock()),
        ("quote", QuoteBlock()),
        ("gallery", GalleryBlock()),
        ("unit_map", UnitMapBlock()),
        ("live_figure", LiveFigureBlock()),
    ]
