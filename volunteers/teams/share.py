"""What a team looks like when its page is shared: its card and meta tags."""

from django.urls import reverse
from django.utils.translation import get_language, gettext, ngettext

from portal.share_cards import cached_png, card_png, share_tags, version
from volunteers.places.display import place_label
from volunteers.teams.models import Team


def _facts(team: Team) -> list[str]:
    place = place_label(team.township) if team.township_id else str(team.county)
    members = ngettext("%(n)s member", "%(n)s members", team.member_count) % {
        "n": team.member_count
    }
    return [place, members]


def _version(team: Team) -> str:
    return version(get_language(), team.name, team.county_id, team.township_id, team.member_count)


def team_card(team: Team) -> bytes:
    return cached_png(
        f"team:{team.pk}:card:{_version(team)}",
        lambda: card_png(kicker=gettext("Volunteer team"), title=team.name, lines=_facts(team)),
    )


def team_share(team: Team) -> dict:
    card = f"{reverse('volunteers:team_card', args=[team.pk])}?v={_version(team)}"
    return share_tags(
        title=team.name,
        description=team.description[:150],
        path=reverse("volunteers:team_detail", args=[team.pk]),
        card_path=card,
        alt=" · ".join([team.name, *_facts(team)]),
    )
