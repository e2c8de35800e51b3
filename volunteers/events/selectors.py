"""Reads that feed the event pages and feeds; each runs a fixed number of queries."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from volunteers.choices import EventStatus, SignupStatus
from volunteers.events.models import Event, Signup
from volunteers.events.permissions import visible_events_filter
from volunteers.events.queue import with_waitlist_positions
from volunteers.places.models import Township


def events_for_listing(*, user, filters: dict, with_cancelled: bool = False):
    """Upcoming scheduled events ``user`` may see, with the number of places taken; and
    those cancelled before they took place if ``with_cancelled`` (for calendar feeds)."""
    events = (
        (Event.objects.not_over() if with_cancelled else Event.objects.upcoming())
        .filter(visible_events_filter(user))
        .select_related("team", "township__county")
        .order_by("starts_at", "pk")
    )
    if filters.get("county"):
        events = events.filter(township__county__code=filters["county"])
    if filters.get("township"):
        events = events.filter(township__code=filters["township"])
    if filters.get("kind"):
        events = events.filter(kind=filters["kind"])
    if filters.get("date_from"):
        events = events.filter(starts_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        events = events.filter(starts_at__date__lte=filters["date_to"])
    if filters.get("has_places"):
        events = events.filter(places_taken__lt=F("capacity"))
    return events


def signups_overlapping(*, user, event: Event):
    """The user's other active sign-ups whose events overlap this one in time."""
    return (
        Signup.objects.filter(user=user)
        .exclude(status=SignupStatus.CANCELLED)
        .exclude(event=event)
        .filter(
            event__status="scheduled",
            event__starts_at__lt=event.ends_at,
            event__ends_at__gt=event.starts_at,
        )
        .select_related("event")
    )


def my_signups(*, user):
    now = timezone.now()
    base = (
        Signup.objects.filter(user=user)
        .select_related("event__township__county", "event__team")
        .order_by("event__starts_at", "pk")  # ties: in the order signed up
    )
    upcoming = with_waitlist_positions(base.filter(event__ends_at__gte=now))
    past = (
        base.filter(event__ends_at__lt=now)
        .exclude(status=SignupStatus.CANCELLED)
        .order_by("-event__starts_at", "-pk")
    )
    return upcoming, past


def public_event_points(*, filters: dict):
    """Rows for the public events map: upcoming public events only, never personalised.

    Returns ``(lat, lon, township_lat, township_lon, kind, pk)`` tuples in one query, so
    the map stays fast with thousands of events.
    """
    return events_for_listing(user=AnonymousUser(), filters=filters).values_list(
        "lat", "lon", "township__lat", "township__lon", "kind", "pk"
    )


def townships_with_upcoming_events():
    """Townships that have a point, with their number of upcoming public events."""
    upcoming = Q(events__status="scheduled", events__ends_at__gte=timezone.now())
    public = Q(events__visibility="public") & (
        Q(events__team__isnull=True) | Q(events__team__status="approved")
    )
    return (
        Township.objects.filter(lat__isnull=False, lon__isnull=False)
        .select_related("county")
        .annotate(
            upcoming=Count("events", filter=upcoming & public, distinct=True),
            team_count=Count("teams", filter=Q(teams__status="approved"), distinct=True),
        )
        .order_by("county__code", "code")
    )


def finished_events() -> QuerySet:
    """Activities that took place: over, and not cancelled."""
    return Event.objects.filter(status=EventStatus.SCHEDULED, ends_at__lt=timezone.now())


def finished_events_for_campaigns(keys) -> QuerySet:
    """Finished events linked to the campaigns with these translation keys."""
    return (
        finished_events()
        .filter(campaign__translation_key__in=keys)
        .annotate(key=F("campaign__translation_key"))
    )


def team_upcoming_events(*, team, user, limit: int):
    """The team's next events that ``user`` may see, for the team's page."""
    return (
        Event.objects.upcoming()
        .filter(team=team)
        .filter(visible_events_filter(user))
        .select_related("township")
        .order_by("starts_at", "pk")[:limit]
    )
