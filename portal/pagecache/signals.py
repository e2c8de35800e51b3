"""Content changes that invalidate cached pages: Wagtail pages, snippets, images, settings.

The volunteer domain connects its own models in ``volunteers.signals``.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.cache import cache_recovered
from portal.pagecache.pages import SITE
from portal.pagecache.tags import tags_touch, tags_touch_everything


def _site_changed(sender, **kwargs):
    tags_touch(SITE)


def _settings_saved(sender, created=False, **kwargs):
    # Wagtail creates a site's settings row, with its defaults, the first time a page
    # reads it: what pages show does not change then, only when someone saves them.
    if not created:
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
    "showcase.ExemplarUnit",
)


def _cache_recovered(sender, **kwargs):
    # Changes made while Redis was away invalidated pages in the fallback cache
    # only; what Redis still holds from before may be out of date.
    tags_touch_everything()


def connect() -> None:
    cache_recovered.connect(_cache_recovered, dispatch_uid="pagecache-cache-recovered")
    page_published.connect(_site_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(_site_changed, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(_site_changed, dispatch_uid="pagecache-moved")
    page = apps.get_model("wagtailcore.Page")
    post_delete.connect(_site_changed, sender=page, dispatch_uid="pagecache-del-page")
    settings_model = apps.get_model("portal.SiteSettings")
    post_save.connect(_settings_saved, sender=settings_model, dispatch_uid="pagecache-settings")
    for label in CONTENT_MODELS:
        model = apps.get_model(label)
        post_save.connect(_site_changed, sender=model, dispatch_uid=f"pagecache-save-{label}")
        post_delete.connect(_site_changed, sender=model, dispatch_uid=f"pagecache-del-{label}")
