"""What an event looks like when its link is shared: the card, the poster, the meta tags.

Only what the public event page shows goes on them: title, time, place, team.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language, gettext

from portal.base_url import absolute_url
from portal.share_cards import cached_png, card_png, poster_png, share_tags, version
from volunteers.events.models import Event


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
