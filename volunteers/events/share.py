"""What an event or a township looks like when its link is shared: the card, the poster,
the meta tags.

Only what the public pages show goes on them: title, time, place, team, counts.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext, ngettext

from portal.base_url import absolute_url
from portal.share_cards import cached_png, card_png, poster_png, share_tags, version
from volunteers.events.models import Event
from volunteers.places.models import Township


def _facts(event: Event) -> list[str]:
    start = timezone.localtime(event.starts_at)
    when = f"{formats.date_format(start, 'DATE_FORMAT')} {formats.time_format(start, 'H:i')}"
    facts = [when, f"{event.township.county.name} · {event.township.name}"]
    if event.team_id:
        facts.append(event.team.name)
    return facts


def _version(event: Event) -> str:
    return version(get_language(), event.title, event.starts_at, event.township_id,
                   event.team.name if event.team_id else "", event.get_kind_display())  # fmt: skip


def event_card_url(event: Event) -> str:
    return f"{reverse('volunteers:event_card', args=[event.pk])}?v={_version(event)}"


def event_card(event: Event) -> bytes:
    return cached_png(
        f"event:{event.pk}:card:{_version(event)}",
        lambda: card_png(kicker=event.get_kind_display(), title=event.title, lines=_facts(event)),
    )


def event_poster(event: Event) -> bytes:
    url = absolute_url(reverse("volunteers:event_detail", args=[event.pk]))
    return cached_png(
        f"event:{event.pk}:poster:{_version(event)}:{url}",
        lambda: poster_png(
            kicker=event.get_kind_display(),
            title=event.title,
            lines=[*_facts(event), event.meeting_point] if event.meeting_point else _facts(event),
            url=url,
            prompt=gettext("Scan to sign up"),
        ),
    )


def event_share(event: Event) -> dict:
    facts = _facts(event)
    return share_tags(
        title=event.title,
        description=" · ".join([event.get_kind_display(), *facts]),
        path=reverse("volunteers:event_detail", args=[event.pk]),
        card_path=event_card_url(event),
        alt=f"{event.title} · {facts[0]}",
    )


def _township_facts(township: Township, *, teams: int, events: int) -> list[str]:
    place = township.county.name
    if township.in_reservoir_area:
        place = f"{place} · {gettext('Reservoir area')}"
    counts = " · ".join(
        [
            ngettext("%(n)s team", "%(n)s teams", teams) % {"n": teams},
            ngettext("%(n)s upcoming event", "%(n)s upcoming events", events) % {"n": events},
        ]
    )
    return [place, counts]


def _township_version(township: Township, facts: list[str]) -> str:
    return version(get_language(), township.code, township.name, *facts)


def township_card(township: Township, *, teams: int, events: int) -> bytes:
    facts = _township_facts(township, teams=teams, events=events)
    return cached_png(
        f"township:{township.code}:card:{_township_version(township, facts)}",
        lambda: card_png(kicker=gettext("Township"), title=township.name, lines=facts),
    )


def township_share(township: Township, *, teams: int, events: int) -> dict:
    facts = _township_facts(township, teams=teams, events=events)
    card = reverse("volunteers:township_card", args=[township.code])
    return share_tags(
        title=township.name,
        description=" · ".join(facts),
        path=reverse("volunteers:township_detail", args=[township.code]),
        card_path=f"{card}?v={_township_version(township, facts)}",
        alt=" · ".join([township.name, *facts]),
    )
