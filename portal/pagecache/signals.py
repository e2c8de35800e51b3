"""Content changes that invalidate cached pages: Wagtail pages, snippets, images, settings.

The volunteer domain connects its own models in ``volunteers.signals``.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .pages import SITE
from .tags import tags_touch


def _site_changed(sender, **kwargs):
    tags_touch(SITE)


# Everything an editor can change that a public page shows, wherever it appears
# (navigation, cards, related pages, the footer's settings, images).
# Pages count when published, unpublished, moved or deleted, never when a draft is saved.
CONTENT_MODELS = (
    "wagtailcore.Locale",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Site",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "portal.SiteSettings",
    "showcase.ExemplarUnit",
)


def connect() -> None:
    page_published.connect(_site_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(_site_changed, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(_site_changed, dispatch_uid="pagecache-moved")
    post_delete.connect(
        _site_changed, sender=apps.get_model("wagtailcore.Page"), dispatch_uid="pagecache-del-page"
    )
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        post_save.connect(_site_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_site_changed, sender=model, dispatch_uid=f"pagecache-del-{label}")
