"""Campaign pages (专项行动): the story, the goals and the pledge.

Goals are translatable child objects: a goal and its translation share a
``translation_key``, so progress (updates, pledges, linked events) is the same
in both languages whichever page the figures were entered or made on.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from campaigns.choices import CampaignStatus, CampaignTheme, GoalKind, campaign_status
from portal.search.mixins import SearchTokensMixin
from portal.slugs import ReadableSlugPageForm
from showcase.blocks import body_blocks
from showcase.models.base import RelatedPageBase, RenderedBodyMixin


class CampaignIndexPage(Page):
    base_form_class = ReadableSlugPageForm
    # What the page cache must watch besides the pages themselves (portal.pagecache).
    cache_tags = ("campaigns", "figures")

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("campaign index")

    def get_context(self, request, *args, **kwargs):
        from campaigns.selectors import campaign_index_context  # noqa: PLC0415 - they import this module

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_index_context(request=request, index=self))
        return context


class CampaignPage(RoutablePageMixin, SearchTokensMixin, RenderedBodyMixin, Page):
    base_form_class = ReadableSlugPageForm
    # Pledges, staff updates, approved hours and reports, and linked events move its goals.
    cache_tags = ("campaigns", "figures", "events")

    theme = models.CharField(_("theme"), max_length=20, choices=CampaignTheme.choices)
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for cards and sharing.")
    )
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(
        _("ends"), null=True, blank=True, help_text=_("Leave empty for a campaign with no end.")
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
        help_text=_("Set its alt text on the image."),
    )
    body = StreamField(body_blocks(), blank=True, verbose_name=_("body"))
    pledge_text = models.CharField(
        _("pledge"),
        max_length=120,
        blank=True,
        help_text=_("What people promise, e.g. “I will finish my plate”. Empty: no pledging."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("theme"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "Progress is counted from data. Figures for goals counted by staff are "
                        "entered with their date under Campaigns › Progress updates."
                    )
                ),
                InlinePanel("goals", label=_("Goal"), min_num=1, max_num=6),
            ],
            heading=_("Goals"),
        ),
        FieldPanel("pledge_text"),
        FieldPanel("body"),
        InlinePanel("related_links", label=_("Related case studies and stories")),
    ]
    search_text_fields = ("summary", "pledge_text")
    search_fields = Page.search_fields + [
        index.SearchField("search_tokens"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("theme"),
    ]
    api_fields = [
        APIField("theme"),
        APIField("summary"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("status"),
        APIField("pledge_text"),
        APIField("hero_image"),
        APIField("body"),
        APIField("body_html"),
        APIField("goal_progress"),
    ]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="campaign_ends_after_start",
            )
        ]

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The campaign must end on or after its start.")})

    @property
    def social_image(self):
        return self.hero_image

    @property
    def status(self) -> str:
        return campaign_status(self.start_date, self.end_date)

    def get_status_display(self) -> str:
        return CampaignStatus(self.status).label

    @property
    def goal_progress(self) -> list[dict]:
        """Each goal's figures for API readers: totals only, never who pledged."""
        from campaigns.progress import goals_progress  # noqa: PLC0415 - it imports this module

        goals = list(self.goals.all())
        progress = goals_progress(goals=goals)
        return [
            {
                "label": goal.label,
                "unit": goal.unit,
                "target": progress[goal.pk].target,
                "value": progress[goal.pk].value,
                "percent": progress[goal.pk].percent,
                "last_updated": progress[goal.pk].last_updated,
            }
            for goal in goals
        ]

    def share_facts(self) -> list[str]:
        """What its drawn share card says below the title (portal/page_share.py)."""
        period = render_to_string("campaigns/includes/campaign_period.html", {"page": self})
        return [f"{self.get_theme_display()} · {self.get_status_display()}", period.strip()]

    @property
    def takes_pledges(self) -> bool:
        return bool(self.pledge_text.strip())

    def get_context(self, request, *args, **kwargs):
        from campaigns.selectors import campaign_page_context  # noqa: PLC0415 - they import this module

        context = super().get_context(request, *args, **kwargs)
        context.update(campaign_page_context(request=request, page=self))
        return context

    @path("pledge/", name="pledge")
    def pledge_route(self, request):
        from campaigns.views import pledge  # noqa: PLC0415 - they import this module

        return pledge(request, self)

    @path("withdraw/", name="withdraw")
    def withdraw_route(self, request):
        from campaigns.views import withdraw  # noqa: PLC0415 - they import this module

        return withdraw(request, self)


class CampaignGoal(TranslatableMixin, Orderable):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="goals")
    label = models.CharField(_("goal"), max_length=80, help_text=_("e.g. new-energy cars leased"))
    kind = models.CharField(_("how progress is counted"), max_length=12, choices=GoalKind.choices)
    target = models.DecimalField(
        _("target"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("0 for a goal without a target: only the figure is shown."),
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True, help_text=_("e.g. cars, 家"))

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("target"), FieldPanel("unit")]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(
                condition=Q(target__gte=0), name="campaigngoal_target_not_negative"
            )
        ]

    def __str__(self):
        return self.label


class CampaignRelatedPage(RelatedPageBase):
    page = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="related_links")

    panels = [PageChooserPanel("related", ["showcase.CaseStudyPage", "showcase.StoryPage"])]
