from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.pagination import paginate
from portal.related import related_cards
from portal.search.mixins import SearchTokensMixin
from portal.slugs import ReadableSlugPageForm
from showcase.blocks import body_blocks
from showcase.choices import Honour, Topic
from showcase.models.base import CoverImageMixin, RelatedPageBase, live_related
from volunteers.places.selectors import counties as county_list

CARDS_PER_PAGE = 12


class CaseStudyIndexPage(Page):
    base_form_class = ReadableSlugPageForm
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["showcase.CaseStudyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("case study index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        counties = list(county_list())
        filters = {
            "topic": _choice(request, "topic", Topic.values),
            "county": _choice(request, "county", [c.code for c in counties]),
            "honour": _choice(request, "honour", Honour.values),
        }
        cases = (
            CaseStudyPage.objects.child_of(self)
            .live()
            .public()
            .select_related("cover_image")
            .prefetch_related("cover_image__renditions", "units__county")
            .order_by("-first_published_at", "-pk")
        )
        if filters["topic"]:
            cases = cases.filter(topic=filters["topic"])
        if filters["county"]:
            cases = cases.filter(units__county__code=filters["county"])
        if filters["honour"]:
            cases = cases.filter(units__honours__honour=filters["honour"])
        if filters["county"] or filters["honour"]:
            cases = cases.distinct()
        context.update(
            cases=paginate(request, cases, CARDS_PER_PAGE),
            filters=filters,
            filtering=any(filters.values()),
            topics=Topic.choices,
            honours=Honour.choices,
            counties=counties,
        )
        return context


def _choice(request, name: str, allowed) -> str:
    """A filter value from the query string, or "" when absent or unknown."""
    value = request.GET.get(name, "")
    return value if value in allowed else ""


class CaseStudyPage(SearchTokensMixin, CoverImageMixin, Page):
    base_form_class = ReadableSlugPageForm
    units = ParentalManyToManyField(
        "showcase.ExemplarUnit", related_name="case_studies", verbose_name=_("exemplar units")
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    headline_value = models.CharField(
        _("headline figure"), max_length=20, help_text=_("e.g. 45.6 or 6,000")
    )
    headline_unit = models.CharField(_("unit"), max_length=20, blank=True)
    headline_label = models.CharField(
        _("what the figure measures"), max_length=80, help_text=_("e.g. water saved")
    )
    body = StreamField(body_blocks(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldRowPanel([FieldPanel("topic"), FieldPanel("units")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("headline_value"), FieldPanel("headline_unit")]),
                FieldPanel("headline_label"),
            ],
            heading=_("Headline figure"),
        ),
        FieldPanel("body"),
        InlinePanel("related_links", label=_("Related pages")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("search_tokens"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("topic"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("topic"),
        APIField("headline_value"),
        APIField("headline_unit"),
        APIField("headline_label"),
        APIField("unit_names"),
        APIField("cover_image"),
        APIField("body"),
        APIField("body_html"),
    ]
    parent_page_types = ["showcase.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    schema_type = "Article"

    @property
    def unit_names(self) -> list[str]:
        return [unit.name for unit in self.units.all()]

    def share_facts(self) -> list[str]:
        """What its drawn share card says below the title (portal/page_share.py)."""
        figure = f"{self.headline_value}{self.headline_unit}".strip()
        return [f"{self.headline_label} {figure}", self.get_topic_display()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["units"] = list(
            self.units.select_related("county", "photo").prefetch_related("honours")
        )
        context["related_pages"] = related_cards(
            request, self, lambda page: live_related(page, "related_links")
        )
        return context


class CaseStudyRelatedPage(RelatedPageBase):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="related_links")
