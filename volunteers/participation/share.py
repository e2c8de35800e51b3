"""What an approved activity report looks like when shared: its first photo, or a card
with its kind, date, team and place (what the public report page shows)."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import get_language

from portal.share_cards import cached_png, card_png, share_tags, version
from volunteers.participation.models.reports import ActivityReport


def _facts(report: ActivityReport) -> list[str]:
    facts = [formats.date_format(report.date, "DATE_FORMAT"), report.team.name]
    if report.township_id:
        facts.append(f"{report.township.county.name} · {report.township.name}")
    return facts


def _version(report: ActivityReport) -> str:
    return version(get_language(), report.title, report.get_kind_display(), *_facts(report))


def report_card(report: ActivityReport) -> bytes:
    return cached_png(
        f"report:{report.pk}:card:{_version(report)}",
        lambda: card_png(
            kicker=report.get_kind_display(), title=report.title, lines=_facts(report)
        ),
    )


def report_share(report: ActivityReport, *, cover=None) -> dict:
    """The report's meta around ``cover`` (its first photo) if it has one, else its card."""
    tags = {"title": report.title, "description": report.summary[:200],
            "path": reverse("volunteers:report_detail", args=[report.pk])}  # fmt: skip
    if cover is not None:
        photo = cover.image.get_rendition("max-1600x1600|format-jpeg")
        return share_tags(**tags, photo=photo, alt=cover.caption or report.title)
    card = f"{reverse('volunteers:report_card', args=[report.pk])}?v={_version(report)}"
    return share_tags(**tags, card_path=card, alt=" · ".join([report.title, *_facts(report)]))
