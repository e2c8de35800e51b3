"""Pieces shared by case studies and stories."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, Page

from portal.base_url import absolute_url
from portal.dates import local_iso
from portal.structured_data import json_ld


class RenderedBodyMixin:
    @property
    def body_html(self) -> str:
        """The body as the page shows it, for API readers (``api_fields``)."""
        return str(self.body)


class CoverImageMixin(RenderedBodyMixin, models.Model):
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
        help_text=_("Shown on cards and when the page is shared; set its alt text on the image."),
    )
    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("One or two sentences for cards and feeds.")
    )

    class Meta:
        abstract = True

    og_type = "article"

    @property
    def social_image(self):
        return self.cover_image

    def structured_data(self):
        """The page as a schema.org article (NewsArticle for stories), as JSON-LD."""
        data = {
            "@type": self.schema_type,
            "headline": self.title[:110],
            "description": self.summary,
            "url": absolute_url(self.url),
            "mainEntityOfPage": absolute_url(self.url),
            "inLanguage": self.locale.language_code,
            "publisher": {
                "@type": "Organization",
                "name": gettext("Qingshui"),
                "url": absolute_url("/"),
            },  # fmt: skip
        }
        # Stories name their author, usually an institution; otherwise the portal wrote it.
        author = getattr(self, "author", "")
        data["author"] = {"@type": "Organization", "name": author} if author else data["publisher"]
        if self.first_published_at:
            data["datePublished"] = local_iso(self.first_published_at)
        if self.last_published_at:
            data["dateModified"] = local_iso(self.last_published_at)
        if self.cover_image_id:
            image = self.cover_image.get_rendition("fill-1200x630|format-jpeg")
            data["image"] = absolute_url(image.url)
        return json_ld(data)


class RelatedPageBase(Orderable):
    """A hand-picked link to a related case study, story or campaign."""

    related = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )

    panels = [FieldPanel("related")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")


def live_related(page, relation: str):
    """Related pages that a visitor may see, in the editor's order, in one query."""
    ids = [link.related_id for link in getattr(page, relation).all()]
    pages = Page.objects.filter(pk__in=ids).live().public().specific()
    by_id = {p.pk: p for p in pages}
    return [by_id[pk] for pk in ids if pk in by_id]
