"""StreamField blocks for case studies and stories."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

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
        from portal.maps.builder import point_map, render_map

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


def body_blocks():
    return [
        ("text", blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))),
        ("image", CaptionedImageBlock()),
        ("metrics", MetricsBlock()),
        ("quote", QuoteBlock()),
        ("gallery", GalleryBlock()),
        ("unit_map", UnitMapBlock()),
    ]
