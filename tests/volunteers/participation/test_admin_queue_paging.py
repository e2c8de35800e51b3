"""The admin review queues page by keyset: First, Previous, Next and Last, no OFFSET.

Every record is seen exactly once however staff move through the queue, and a
cursor that was tampered with or made for another order or queue opens the first page."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import TeamFactory
from tests.volunteers.participation.helpers import (
    HOURS,
    PER_PAGE,
    REPORTS,
    add_records,
    ids_on,
    link,
    listing_rows,
    page_form,
)
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.reports import ActivityReport

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def queue_order(queryset):
    """The records in the queue's order: newest service day first, then by id."""
    return list(queryset.order_by("-date", "pk").values_list("pk", flat=True))


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
