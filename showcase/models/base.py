"""Pieces shared by case studies and stories."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable, Page


class CoverImageMixin(models.Model):
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

    @property
    def social_image(self):
        return self.cover_image


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
