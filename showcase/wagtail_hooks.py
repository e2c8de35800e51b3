from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.home_sections import FEEDS_HOOK_NAME, HOOK_NAME, FeedLink, HomeSection
from showcase.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    ExemplarUnit,
    StoryIndexPage,
    StoryPage,
)

HOME_CARDS = 3


class ExemplarUnitViewSet(SnippetViewSet):
    model = ExemplarUnit
    icon = "group"
    menu_label = _("Exemplar units")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "county"]
    list_filter = ["kind", "county"]
    search_fields = ["name", "name_en"]


register_snippet(ExemplarUnitViewSet)


def _in_locale_of(page, queryset):
    return queryset.filter(locale_id=page.locale_id)


@hooks.register(HOOK_NAME)
def latest_case_studies(request, page):
    cases = list(
        _in_locale_of(page, CaseStudyPage.objects.live().public())
        .select_related("cover_image")
        .prefetch_related("cover_image__renditions")
        .order_by("-first_published_at", "-pk")[:HOME_CARDS]
    )
    if not cases:
        return None
    index = _in_locale_of(page, CaseStudyIndexPage.objects.live()).first()
    return HomeSection(
        order=20,
        template="showcase/includes/home_cases.html",
        context={"cases": cases, "index": index},
    )


@hooks.register(HOOK_NAME)
def latest_stories(request, page):
    stories = list(
        _in_locale_of(page, StoryPage.objects.live().public())
        .select_related("cover_image")
        .prefetch_related("cover_image__renditions")
        .order_by("-date", "-pk")[:HOME_CARDS]
    )
    if not stories:
        return None
    index = _in_locale_of(page, StoryIndexPage.objects.live()).first()
    return HomeSection(
        order=40,
        template="showcase/includes/home_stories.html",
        context={"stories": stories, "index": index},
    )


@hooks.register(FEEDS_HOOK_NAME)
def news_feeds(page):
    index = _in_locale_of(page, StoryIndexPage.objects.live()).first()
    if index is None:
        return []
    return [
        FeedLink(
            f"{index.title} (RSS)", index.url + index.reverse_subpage("rss"), "application/rss+xml"
        ),
        FeedLink(
            f"{index.title} (Atom)",
            index.url + index.reverse_subpage("atom"),
            "application/atom+xml",
        ),
    ]
