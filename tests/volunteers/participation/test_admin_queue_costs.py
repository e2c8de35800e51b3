"""What a page of the admin review queues costs and carries.

Deep pages cost what the first one costs, 50 rows as much as 5; a row carries no
form of its own, only buttons of the page's two forms; the count stops at its limit
and the team filter writes no list of teams into the page.
"""

import html
import re

import factory
import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import TeamFactory, VolunteerFactory
from tests.volunteers.participation.helpers import (
    HOURS,
    REPORTS,
    add_records,
    ids_on,
    link,
    listing_rows,
    page_form,
)
from volunteers.participation.admin.hours_queue import ServiceRecordIndexView
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.reports import ActivityReport

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ACTIONS = (("hours-approve", "approve"), ("hours-go", "adjust"), ("hours-go", "reject"))


# --- What it costs ----------------------------------------------------------------------


def test_no_page_reads_with_offset_and_a_deep_page_runs_the_first_pages_queries(
    staff_client, team, small_pages
):
    add_records(team, 17)
    staff_client.get(HOURS)  # fills per-process caches
    with CaptureQueriesContext(connection) as first:
        first_page = staff_client.get(HOURS)
    url = link(staff_client.get(link(first_page, "next")), "next")
    with CaptureQueriesContext(connection) as third:
        deep = staff_client.get(url)
    with CaptureQueriesContext(connection) as last:
        staff_client.get(link(first_page, "last"))
    assert ids_on(deep) and link(deep, "previous")
    for captured in (first, third, last):
        assert not [q["sql"] for q in captured if "OFFSET" in q["sql"].upper()]
        assert any("LIMIT" in q["sql"].upper() for q in captured)
    assert len(third) == len(first) == len(last)


@pytest.mark.parametrize(("url", "make"), [(HOURS, "records"), (REPORTS, "reports")])
def test_the_queues_run_as_many_queries_for_50_rows_as_for_5(
    staff_client, django_assert_num_queries, url, make
):
    team = TeamFactory()

    def add(n):
        if make == "records":
            add_records(team, n)
        else:
            for i in range(n):
                ActivityReport.objects.create(
                    team=team,
                    title=f"巡河报告{i}",
                    date=timezone.localdate(),
                    kind="cleanup",
                    township=team.township,
                    summary="巡查河道。",
                    participants=3,
                    status="submitted",
                )

    add(5)
    staff_client.get(url)
    with CaptureQueriesContext(connection) as five:
        staff_client.get(url)
    add(45)
    with django_assert_num_queries(len(five)):
        response = staff_client.get(url)
    page = response.content.decode()
    assert listing_rows(page).count("<tr") == 50


def test_a_row_carries_no_form_or_menu_only_buttons_of_the_pages_two_forms(staff_client, team):
    records = add_records(team, 6)
    approved = add_records(team, 1, status="approved")[0]
    page = staff_client.get(HOURS, {"status": "all"}).content.decode()
    assert page.count('id="hours-approve"') == page.count('id="hours-go"') == 1
    approve_form = page_form(page, "hours-approve")
    assert 'method="POST"' in approve_form and "csrfmiddlewaretoken" in approve_form
    go_form = page_form(page, "hours-go")
    assert 'method="GET"' in go_form and "csrfmiddlewaretoken" not in go_form
    back = html.escape(f"{HOURS}?status=all")
    assert f'name="next" value="{back}"' in approve_form and back in go_form

    rows = listing_rows(page)
    assert "<form" not in rows and "csrfmiddlewaretoken" not in rows
    assert "w-dropdown" not in rows and "?next=" not in rows
    for record in records:
        for form, name in (
            ("hours-approve", "approve"),
            ("hours-go", "adjust"),
            ("hours-go", "reject"),
        ):
            url = reverse(f"volunteer_hours:{name}", args=[record.pk])
            assert f'form="{form}" formaction="{url}"' in rows
        # The name links to the record once; no second "Inspect" entry per row.
        assert rows.count(reverse("volunteer_hours:inspect", args=[record.pk])) == 1
    # An approved record can still be adjusted or rejected, not approved again.
    assert reverse("volunteer_hours:approve", args=[approved.pk]) not in rows
    assert reverse("volunteer_hours:adjust", args=[approved.pk]) in rows


def test_people_who_may_only_look_get_no_buttons(client, team):
    add_records(team, 2)
    viewer = VolunteerFactory().user
    viewer.is_staff = True
    viewer.save()
    viewer.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_servicerecord"),
    )
    client.force_login(viewer)
    page = client.get(HOURS).content.decode()
    assert 'id="hours-approve"' not in page and 'id="hours-go"' not in page
    assert "formaction=" not in listing_rows(page)


def test_approving_from_a_deep_page_comes_back_to_it(staff_client, team, small_pages):
    add_records(team, 12)
    second_url = link(staff_client.get(HOURS), "next")
    second = staff_client.get(second_url)
    page = second.content.decode()
    for form in ("hours-approve", "hours-go"):
        found = re.search(r'name="next" value="([^"]+)"', page_form(page, form))
        assert html.unescape(found.group(1)) == second_url
    back = second_url
    chosen = ids_on(second)[0]
    response = staff_client.post(
        reverse("volunteer_hours:approve", args=[chosen]), {"next": back}, follow=True
    )
    assert response.redirect_chain[-1][0] == second_url
    assert ServiceRecord.objects.get(pk=chosen).status == "approved"
    assert chosen not in ids_on(response)


def test_the_count_stops_at_its_limit(staff_client, team, monkeypatch):
    add_records(team, 4)
    monkeypatch.setattr(ServiceRecordIndexView, "count_limit", 3)
    page = staff_client.get(HOURS).content.decode()
    assert re.search(r"More than 3\s+service records", page)
    monkeypatch.setattr(ServiceRecordIndexView, "count_limit", 4)
    page = staff_client.get(HOURS).content.decode()
    assert re.search(r"data-keyset-count>\s*4 service records", page)


def test_the_team_filter_names_the_chosen_team_and_lists_no_others(staff_client, team):
    odd = TeamFactory(name="<b>护水</b>队")
    others = TeamFactory.create_batch(30)
    add_records(odd, 1)
    page = staff_client.get(HOURS, {"team": odd.pk}).content.decode()
    assert f'name="team" value="{odd.pk}"' in page
    assert "&lt;b&gt;护水&lt;/b&gt;队" in page
    assert "<b>护水</b>队" not in page
    # The teams are found in the chooser, not written into every queue page.
    assert not any(other.name in page for other in [team, *others])


def test_the_team_chooser_finds_teams_by_part_of_their_name(staff_client, team):
    TeamFactory(name="丹江口护水队")
    TeamFactory(name="郧阳清河队")
    TeamFactory.create_batch(25, name=factory.Sequence(lambda n: f"龙山护水{n}队"))
    url = reverse("volunteer_team_chooser:choose_results")
    found = staff_client.get(url, {"q": "丹江"}).content.decode()
    assert "丹江口护水队" in found and "郧阳清河队" not in found
    first_page = staff_client.get(url, {"q": "龙山"}).content.decode()
    assert first_page.count("龙山护水") == 20
    assert "25 teams" in first_page
    assert re.search(r"[?&]p=2\b", html.unescape(first_page))
    nothing = staff_client.get(url, {"q": "没有这个队"}).content.decode()
    assert "龙山护水" not in nothing
