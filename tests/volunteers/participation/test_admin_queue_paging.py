"""The admin review queues page by keyset: First, Previous, Next and Last, no OFFSET.

Deep pages cost what the first one costs, every record is seen exactly once
however staff move through the queue, and a row carries no form of its own.
"""

import datetime
import html
import re

import factory
import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from tests.factories import ServiceRecordFactory, TeamFactory, VolunteerFactory
from volunteers.participation.admin.hours_queue import ServiceRecordIndexView
from volunteers.participation.admin.reports import ReportIndexView
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.reports import ActivityReport

pytestmark = pytest.mark.django_db

HOURS = "/admin/volunteers/hours/"
REPORTS = "/admin/volunteers/reports/"
PER_PAGE = 5
ACTIONS = (("hours-approve", "approve"), ("hours-go", "adjust"), ("hours-go", "reject"))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def staff_client(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    return client


@pytest.fixture
def small_pages(monkeypatch):
    """Five rows a page, so a dozen records make three pages."""
    for view in (ServiceRecordIndexView, ReportIndexView):
        monkeypatch.setattr(view, "get_paginate_by", lambda self, queryset: PER_PAGE)


def add_records(team, n, *, status="submitted", days=3):
    """``n`` records spread over ``days`` dates, so several share a date (the pk breaks ties)."""
    today = timezone.localdate()
    return [
        ServiceRecordFactory(
            team=team,
            status=status,
            date=today - datetime.timedelta(days=i % days),
            volunteer=VolunteerFactory(display_name=f"志愿者{i:02d}").user,
        )
        for i in range(n)
    ]


def queue_order(queryset):
    """The records in the queue's order: newest service day first, then by id."""
    return list(queryset.order_by("-date", "pk").values_list("pk", flat=True))


def ids_on(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-object-id="(\d+)"', response.content.decode())]


def listing_rows(page: str) -> str:
    """The rows of the listing's table (the page has other tables)."""
    table = page[page.index('<table class="listing') :]
    return table[table.index("<tbody") : table.index("</tbody>")]


def link(response, which: str) -> str | None:
    match = re.search(rf'data-page="{which}" href="([^"]+)"', response.content.decode())
    return html.unescape(match.group(1)) if match else None


def walk(client, url, direction="next"):
    """Every page from ``url`` on, following one link; the ids of each page."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(ids_on(response))
        url = link(response, direction)
        assert len(pages) < 50, "the links go round in circles"
    return pages


# --- Moving through the queue ---------------------------------------------------------


def test_next_and_previous_show_every_waiting_record_once_in_order(staff_client, team, small_pages):
    add_records(team, 12)
    add_records(team, 3, status="approved")  # not in the queue
    expected = queue_order(ServiceRecord.objects.filter(status="submitted"))

    forward = walk(staff_client, HOURS)
    assert [len(page) for page in forward] == [5, 5, 2]
    assert sum(forward, []) == expected

    end = HOURS
    for _ in range(2):
        end = link(staff_client.get(end), "next")
    assert walk(staff_client, end, "previous") == forward[::-1]


def test_last_shows_the_oldest_records_and_leads_back_to_the_first(staff_client, team, small_pages):
    add_records(team, 12)
    expected = queue_order(ServiceRecord.objects.filter(status="submitted"))
    last_url = link(staff_client.get(HOURS), "last")
    assert ids_on(staff_client.get(last_url)) == expected[-PER_PAGE:]
    backward = walk(staff_client, last_url, "previous")
    # Pages counted from the end: the first page is still a full one.
    assert backward[-1] == expected[:PER_PAGE]
    assert sorted(set(sum(backward, [])), key=expected.index) == expected


def test_the_ends_of_the_queue_have_no_links_past_them(staff_client, team, small_pages):
    add_records(team, 7)
    first = staff_client.get(HOURS)
    assert link(first, "first") is None and link(first, "previous") is None
    assert link(first, "next") and link(first, "last")
    second = staff_client.get(link(first, "next"))
    assert link(second, "next") is None and link(second, "last") is None
    assert ids_on(staff_client.get(link(second, "first"))) == ids_on(first)


def test_oldest_first_pages_the_other_way(staff_client, team, small_pages):
    add_records(team, 12)
    oldest_first = list(
        ServiceRecord.objects.filter(status="submitted")
        .order_by("date", "-pk")
        .values_list("pk", flat=True)
    )
    assert sum(walk(staff_client, f"{HOURS}?ordering=date"), []) == oldest_first


def test_filters_and_search_are_kept_from_page_to_page(staff_client, team, small_pages):
    add_records(team, 7)
    elsewhere = TeamFactory(name="竹山护水队")
    add_records(elsewhere, 8)
    pages = walk(staff_client, f"{HOURS}?team={elsewhere.pk}")
    shown = sum(pages, [])
    assert shown == queue_order(ServiceRecord.objects.filter(team=elsewhere))
    assert "team=" in link(staff_client.get(f"{HOURS}?team={elsewhere.pk}"), "next")

    searched = sum(walk(staff_client, f"{HOURS}?q=志愿者0&status=all"), [])
    expected = ServiceRecord.objects.filter(
        volunteer__volunteer__display_name__startswith="志愿者0"
    )
    assert searched == queue_order(expected) and len(searched) == 15


def test_approving_on_the_first_page_then_going_back_shows_a_full_first_page(
    staff_client, team, small_pages
):
    add_records(team, 12)
    first = staff_client.get(HOURS)
    second = staff_client.get(link(first, "next"))
    ServiceRecord.objects.filter(pk__in=ids_on(first)[:3]).update(status="approved")
    back = staff_client.get(link(second, "previous"))
    assert len(ids_on(back)) == PER_PAGE
    assert ids_on(back) == queue_order(ServiceRecord.objects.filter(status="submitted"))[:5]
    assert link(back, "previous") is None


def test_a_page_whose_records_were_all_decided_shows_the_end_of_the_queue(
    staff_client, team, small_pages
):
    add_records(team, 7)
    first = staff_client.get(HOURS)
    next_url = link(first, "next")
    ServiceRecord.objects.exclude(pk__in=ids_on(first)).update(status="approved")
    response = staff_client.get(next_url)
    assert response.status_code == 200
    assert ids_on(response) == ids_on(first)


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "WyItZGF0ZSIsImEiLFsiMjAyNi0xMi0wNiIsIjEiXV0:forged-signature",
        "%00%ff",
    ],
)
def test_a_tampered_cursor_opens_the_first_page(staff_client, team, small_pages, cursor):
    add_records(team, 7)
    response = staff_client.get(f"{HOURS}?cursor={cursor}")
    assert response.status_code == 200
    assert ids_on(response) == ids_on(staff_client.get(HOURS))


def test_a_cursor_of_another_order_or_another_queue_opens_the_first_page(
    staff_client, team, small_pages
):
    add_records(team, 12)
    next_url = link(staff_client.get(HOURS), "next")
    cursor = re.search(r"cursor=([^&]+)", next_url).group(1)
    oldest_first = staff_client.get(f"{HOURS}?ordering=date&cursor={cursor}")
    assert ids_on(oldest_first) == ids_on(staff_client.get(f"{HOURS}?ordering=date"))
    # Read as a reports cursor it would start after the last record's day and
    # hide tomorrow's report.
    for title, days in (("明天的报告", 1), ("上周的报告", -7)):
        ActivityReport.objects.create(
            team=team,
            title=title,
            date=timezone.localdate() + datetime.timedelta(days=days),
            kind="cleanup",
            township=team.township,
            summary="巡查河道。",
            participants=3,
            status="submitted",
        )
    reports = staff_client.get(f"{REPORTS}?cursor={cursor}")
    assert reports.status_code == 200
    assert "明天的报告" in reports.content.decode() and "上周的报告" in reports.content.decode()


def test_only_the_date_sorts_the_queue(staff_client, team):
    add_records(team, 2)
    page = staff_client.get(HOURS).content.decode()
    assert set(re.findall(r"ordering=(-?\w+)", page)) <= {"date", "-date"}
    ignored = staff_client.get(f"{HOURS}?ordering=hours")
    assert ids_on(ignored) == ids_on(staff_client.get(HOURS))


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


def page_form(page: str, form_id: str) -> str:
    form = page[page.index(f'id="{form_id}"') :]
    return form[: form.index("</form>")]


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


# --- The reports queue pages the same way -----------------------------------------------


def test_the_reports_queue_pages_by_keyset_too(staff_client, team, small_pages):
    today = timezone.localdate()
    for i in range(12):
        ActivityReport.objects.create(
            team=team,
            title=f"巡河报告{i:02d}",
            date=today - datetime.timedelta(days=i % 3),
            kind="cleanup",
            township=team.township,
            summary="巡查河道。",
            participants=3,
            status="submitted",
        )
    expected = list(
        ActivityReport.objects.filter(status="submitted")
        .order_by("-date", "-pk")
        .values_list("title", flat=True)
    )

    def titles(url, direction):
        """The titles on each page from ``url`` on, and the URL of the page reached last."""
        seen, visited = [], url
        while url:
            visited, response = url, staff_client.get(url)
            rows = listing_rows(response.content.decode())
            seen.append(list(dict.fromkeys(re.findall(r"巡河报告\d\d", rows))))
            url = link(response, direction)
        return seen, visited

    forward, end = titles(REPORTS, "next")
    assert sum(forward, []) == expected and len(forward) == 3
    backward, _ = titles(end, "previous")
    assert backward == forward[::-1]
    last, _ = titles(link(staff_client.get(REPORTS), "last"), "next")
    assert last == [expected[-PER_PAGE:]]


def test_a_report_row_offers_return_through_the_pages_form(staff_client, team, small_pages):
    today = timezone.localdate()
    reports = [
        ActivityReport.objects.create(
            team=team,
            title=f"巡河报告{i:02d}",
            date=today - datetime.timedelta(days=i),
            kind="cleanup",
            township=team.township,
            summary="巡查河道。",
            participants=3,
            status="submitted",
        )
        for i in range(7)
    ]
    second_url = link(staff_client.get(REPORTS), "next")
    page = staff_client.get(second_url).content.decode()
    go_form = page_form(page, "reports-go")
    assert 'method="GET"' in go_form and html.escape(second_url) in go_form
    rows = listing_rows(page)
    assert "w-dropdown" not in rows and "<form" not in rows
    waiting = reports[-1]  # the oldest, on the second page
    url = reverse("volunteer_reports:return", args=[waiting.pk])
    assert f'form="reports-go" formaction="{url}"' in rows
    response = staff_client.post(url, {"reason": "请补充照片", "next": second_url})
    assert response.status_code == 302 and response["Location"] == second_url
    waiting.refresh_from_db()
    assert waiting.status == "rejected"
