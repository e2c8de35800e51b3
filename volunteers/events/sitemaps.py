"""What search engines should find of the volunteer side: the public lists, the impact
page, every public event of the last year and to come, approved teams and townships.

Only what an anonymous visitor may open is listed (members-only events are not).
"""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone

from volunteers.events.models import Event
from volunteers.events.permissions import visible_events_filter
from volunteers.places.models import Township
from volunteers.teams.models import Team

PAST_EVENTS_LISTED = timedelta(days=365)


class PublicListsSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return ["volunteers:event_list", "volunteers:event_map", "volunteers:team_list",
                "volunteers:township_list", "volunteers:impact"]  # fmt: skip

    def location(self, item):
        return reverse(item)


class EventSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        since = timezone.now() - PAST_EVENTS_LISTED
        return (
            Event.objects.filter(visible_events_filter(AnonymousUser()), starts_at__gte=since)
            .only("pk", "updated_at")
            .order_by("starts_at", "pk")
        )

    def location(self, item):
        return reverse("volunteers:event_detail", args=[item.pk])

    def lastmod(self, item):
        return item.updated_at


class TeamSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Team.objects.approved().only("pk").order_by("pk")

    def location(self, item):
        return reverse("volunteers:team_detail", args=[item.pk])


class TownshipSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Township.objects.only("code").order_by("code")

    def location(self, item):
        return reverse("volunteers:township_detail", args=[item.code])


def volunteer_sitemaps() -> dict[str, Sitemap]:
    return {
        "volunteering": PublicListsSitemap(),
        "events": EventSitemap(),
        "teams": TeamSitemap(),
        "townships": TownshipSitemap(),
    }
