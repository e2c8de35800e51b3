"""The public pages are valid HTML, as the Nu HTML Checker (the W3C's validator) reads them."""

from pathlib import Path

import pytest

from campaigns.models import CampaignPage
from showcase.models import CaseStudyPage, StoryPage
from tests.standards.checkers import nu_check
from volunteers.events.models import Event
from volunteers.teams.models import Team

pytestmark = pytest.mark.django_db


def public_pages() -> list[str]:
    event = Event.objects.filter(visibility="public").order_by("starts_at").last()
    team = Team.objects.approved().order_by("pk").first()
    pages = [
        model.objects.live().filter(locale__language_code="zh-hans").order_by("pk").first().url
        for model in (CaseStudyPage, StoryPage, CampaignPage)
    ]
    return [
        "/", "/en/", "/cases/", "/news/", "/campaigns/", *pages,
        "/events/", f"/events/{event.pk}/", "/events/map/", "/townships/",
        f"/townships/{event.township.code}/", "/teams/", f"/teams/{team.pk}/", "/impact/",
        "/en/impact/", "/search/?q=节水", "/accounts/signup/", "/accounts/login/",
    ]  # fmt: skip


def test_the_public_pages_have_no_html_errors_or_warnings(client, demo_content, tmp_path):
    files: dict[str, str] = {}
    for n, url in enumerate(public_pages()):
        response = client.get(url)
        assert response.status_code == 200, url
        path = tmp_path / f"page-{n:02d}.html"
        path.write_bytes(response.content)
        files[path.name] = url
    problems = [
        f"{files[Path(m['url']).name]} line {m.get('lastLine')}: {m['message']}"
        for m in nu_check([tmp_path / name for name in files])
        # "info" without a subtype is advice (the map library's "<link … />"), not a fault.
        if m["type"] == "error" or m.get("subType") == "warning"
    ]
    assert problems == []
