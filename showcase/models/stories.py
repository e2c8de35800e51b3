import datetime

from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.pagination import paginate
from portal.related import related_cards
from portal.search.mixins import SearchTokensMixin
from portal.slugs import ReadableSlugPageForm
from showcase.blocks import body_blocks
from showcase.feeds import StoryAtomFeed, StoryRssFeed
from showcase.models.base import CoverImageMixin, RelatedPageBase, live_related

STORIES_PER_PAGE = 10


class StoryIndexPage(RoutablePageMixin, Page):
    base_form_class = ReadableSlugPageForm
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["showcase.StoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("story index")

    def stories(self):
        return (
            StoryPage.objects.child_of(self)
            .live()
            .public()
            .select_related("cover_image")
            .order_by("-date", "-pk")
        )

    @path("")
    def index_route(self, request):
        stories = self.stories().prefetch_related("cover_image__renditions", "tags")
        tag = Tag.objects.filter(slug=request.GET.get("tag", "")[:100]).first()
        if tag is not None:
            stories = stories.filter(tags=tag)
        return self.render(
            request,
            context_overrides={
                "stories": paginate(request, stories, STORIES_PER_PAGE),
                "active_tag": tag,
                "all_tags": Tag.objects.filter(
                    showcase_storypagetag_items__content_object__in=self.stories()
                )
                .distinct()
                .order_by("name"),
            },
        )

    @path("feed/", name="rss")
    def rss_feed(self, request):
        return StoryRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return StoryAtomFeed(self)(request)


class StoryPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "showcase.StoryPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryPage(SearchTokensMixin, CoverImageMixin, Page):
    base_form_class = ReadableSlugPageForm
    date = models.DateField(_("date"), default=datetime.date.today)
    author = models.CharField(_("author"), max_length=80, blank=True)
    tags = ClusterTaggableManager(through=StoryPageTag, blank=True, verbose_name=_("tags"))
    body = StreamField(body_blocks(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("author")]),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("tags"),
        FieldPanel("body"),
        InlinePanel("related_links", label=_("Related pages")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("search_tokens"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("author"),
        APIField("summary"),
        APIField("tags"),
        APIField("cover_image"),
        APIField("body"),
        APIField("body_html"),
    ]
    parent_page_types = ["showcase.StoryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")

    schema_type = "NewsArticle"

    def share_facts(self) -> list[str]:
        """What its drawn share card says below the title (portal/page_share.py)."""
        return [date_format(self.date, "DATE_FORMAT"), self.author]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_pages"] = related_cards(
            request, self, lambda page: live_related(page, "related_links")
        )
        return context


class StoryRelatedPage(RelatedPageBase):
    page = ParentalKey(StoryPage, on_delete=models.CASCADE, related_name="related_links")
