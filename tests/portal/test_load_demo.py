import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

from volunteers.events.counts import counts_check
from volunteers.events.models import Event, Signup
from volunteers.teams.models import Team

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": get_user_model().objects.count(),
        "sites": Site.objects.count(),
        "teams": Team.objects.count(),
        "events": Event.objects.count(),
        "signups": Signup.objects.count(),
        "images": Image.objects.count(),
    }


def test_load_demo_creates_site_and_prints_staff_credentials():
    output = run()
    assert "staff@qingshui.example" in output
    assert "qingshui-staff-2026" in output
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific.hero_title
    assert site.root_page.get_translations().filter(locale__language_code="en").exists()


def test_load_demo_twice_changes_nothing():
    run()
    before = snapshot()
    assert before["teams"] >= 30 and before["events"] >= 60
    run()
    assert snapshot() == before


def test_demo_teams_and_events_keep_their_counts():
    run()
    # Members added in bulk are counted too: /teams/ shows each team's real size.
    assert counts_check(fix=False) == {"events": 0, "teams": 0}


@override_settings(IS_PRODUCTION=True)
def test_load_demo_refuses_production_settings_without_flag():
    with pytest.raises(CommandError, match="production"):
        run()
    assert not get_user_model().objects.exists()


@override_settings(IS_PRODUCTION=True)
def test_load_demo_in_production_never_prints_or_sets_a_password():
    output = run("--allow-production")
    assert "qingshui-staff-2026" not in output
    staff = get_user_model().objects.get(email="staff@qingshui.example")
    assert not staff.has_usable_password()
