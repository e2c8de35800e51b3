"""A volunteer's own service hours (/me/hours/): total, star level, records and flags."""

import html as htmllib
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from portal.outbox import OutgoingMail
from tests.factories import EventFactory, ServiceRecordFactory, TeamFactory, TownshipFactory
from tests.utils import past_event, queries_for
from volunteers.participation.models.hours import ServiceRecordChange
from volunteers.participation.models.reports import ActivityReport
from volunteers.participation.models.rollups import HoursByVolunteer
from volunteers.participation.services.attendance import (
    record_create_for_attendance,
    records_submit,
)
from volunteers.participation.stars import STAR_THRESHOLDS

pytestmark = pytest.mark.django_db

HOURS = "/en/me/hours/"


@pytest.fixture(autouse=True)
def _english_messages():
    # Service messages follow the active language; the pages are read under /en/.
    with translation.override("en"):
        yield


@pytest.fixture
def submitted(team, leader, volunteer):
    event = past_event(team)
    record = record_create_for_attendance(event=event, user=volunteer, hours="2.5", by=leader)
    records_submit(event=event, by=leader)
    record.refresh_from_db()
    return record


def flag_url(record):
    return f"/en/me/hours/{record.pk}/flag/"


def text(response) -> str:
    """The page's visible text, tags dropped and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def record_item(response, record) -> str:
    html = response.content.decode()
    return html.split(f'id="record-{record.pk}"', 1)[1].split("</li>", 1)[0]


# --- Total and star level -----------------------------------------------------------


def test_my_hours_needs_a_sign_in(client, submitted):
    assert client.get("/me/hours/").status_code == 302
    response = client.post(f"/me/hours/{submitted.pk}/flag/", {"comment": "wrong"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    submitted.refresh_from_db()
    assert submitted.flagged_at is None


def test_page_shows_the_approved_total_and_the_way_to_the_next_level(client, volunteer):
    HoursByVolunteer.objects.create(user=volunteer, approved_hours=Decimal("312.5"), records=41)
    client.force_login(volunteer)
    response = client.get(HOURS)
    assert response.status_code == 200
    page = text(response)
    assert "2-star volunteer" in page
    assert "312.5 hours approved, from 41 records" in page
    assert "312.5 of 600 hours to ★★★" in page
    html = response.content.decode()
    assert 'data-star-level="2"' in html
    bar = re.search(r'<div class="progress" role="progressbar"[^>]*>', html).group(0)
    assert 'aria-valuemax="600"' in bar and 'aria-valuenow="312.5"' in bar
    assert 'class="progress__fill" width="52.1"' in html


@pytest.mark.parametrize(
    ("hours", "level", "name", "goal"),
    [
        ("0", 0, "No star level yet", "0 of 100 hours to ★"),
        ("99.9", 0, "No star level yet", "99.9 of 100 hours to ★"),
        ("100", 1, "1-star volunteer", "100 of 300 hours to ★★"),
        ("299.99", 1, "1-star volunteer", "299.99 of 300 hours to ★★"),
        ("300", 2, "2-star volunteer", "300 of 600 hours to ★★★"),
        ("1000", 4, "4-star volunteer", "1,000 of 1,500 hours to ★★★★★"),
        ("1500", 5, "5-star volunteer", "You have reached the highest level."),
    ],
)
def test_the_level_is_reached_exactly_at_its_threshold(client, volunteer, hours, level, name, goal):
    HoursByVolunteer.objects.create(user=volunteer, approved_hours=Decimal(hours), records=1)
    client.force_login(volunteer)
    response = client.get(HOURS)
    page = text(response)
    assert f'data-star-level="{level}"' in response.content.decode()
    assert name in page and goal in page
    assert ('role="progressbar"' in response.content.decode()) == (level < 5)


def test_without_a_rollup_row_the_total_is_zero(client, volunteer):
    client.force_login(volunteer)
    page = text(client.get(HOURS))
    assert "No star level yet" in page
    assert "0 hours approved, from 0 records" in page
    assert "0 of 100 hours to ★" in page


def test_the_levels_are_explained_from_the_thresholds(client, volunteer):
    HoursByVolunteer.objects.create(user=volunteer, approved_hours=Decimal("650"), records=9)
    client.force_login(volunteer)
    html = client.get(HOURS).content.decode()
    levels = html.split('class="stars-levels"', 1)[1].split("</ol>", 1)[0]
    items = re.findall(r'<li class="stars-levels__item([^"]*)"', levels)
    assert len(items) == len(STAR_THRESHOLDS)
    assert [bool(c.strip()) for c in items] == [True, True, True, False, False]
    for threshold in STAR_THRESHOLDS:
        assert f"from {threshold:,} h" in levels


# --- Records ------------------------------------------------------------------------


def test_records_are_listed_with_their_status_newest_first(client, volunteer, team):
    today = timezone.localdate()
    day = timezone.timedelta(days=1)
    event = EventFactory(team=team, title="汉江巡河")
    report = ActivityReport.objects.create(
        team=team,
        title="库区清漂",
        date=today - 2 * day,
        kind="cleanup",
        township=team.township,
        summary="清理岸边垃圾。",
        participants=6,
    )

    def make(status, days_ago, **kw):
        return ServiceRecordFactory(
            volunteer=volunteer, team=team, status=status, date=today - days_ago * day, **kw
        )

    approved = make("approved", 5, event=event, hours=Decimal("2.5"))
    draft = make("draft", 1)
    submitted = make("submitted", 2, report=report)
    rejected = make("rejected", 3, reject_reason="Not on the attendance list")
    withdrawn = make("withdrawn", 4)
    client.force_login(volunteer)
    response = client.get(HOURS)
    html = response.content.decode()

    order = [int(pk) for pk in re.findall(r'id="record-(\d+)"', html)]
    assert order == [draft.pk, submitted.pk, rejected.pk, withdrawn.pk, approved.pk]
    assert "Being recorded by the leader" in record_item(response, draft)
    assert "Awaiting approval" in record_item(response, submitted)
    assert "库区清漂" in record_item(response, submitted)
    assert "Rejected" in record_item(response, rejected)
    assert "Not on the attendance list" in record_item(response, rejected)
    assert "Withdrawn by the leader" in record_item(response, withdrawn)
    assert "hours-record--withdrawn" in html
    item = record_item(response, approved)
    assert "Approved" in item and "<strong>2.5</strong> h" in item
    assert f'href="{reverse("volunteers:event_detail", args=[event.pk])}"' in item
    assert team.name in item


def test_someone_elses_records_are_not_listed(client, volunteer, team):
    mine = ServiceRecordFactory(volunteer=volunteer, team=team)
    theirs = ServiceRecordFactory(team=team)
    client.force_login(volunteer)
    html = client.get(HOURS).content.decode()
    assert f'id="record-{mine.pk}"' in html
    assert f'id="record-{theirs.pk}"' not in html


def test_the_empty_page_says_when_hours_appear(client, volunteer):
    client.force_login(volunteer)
    response = client.get(HOURS)
    assert "Your hours appear here after your first activity" in text(response)
    assert 'href="/en/events/"' in response.content.decode()


def test_records_are_paginated_twenty_a_page(client, volunteer, team):
    ServiceRecordFactory.create_batch(25, volunteer=volunteer, team=team)
    client.force_login(volunteer)
    first = client.get(HOURS).content.decode()
    second = client.get(HOURS + "?page=2").content.decode()
    assert first.count('class="card hours-record ') == 20
    assert second.count('class="card hours-record ') == 5
    assert client.get(HOURS + "?page=abc").status_code == 200


def test_the_page_runs_the_same_queries_for_two_or_forty_records(client, volunteer, team):
    HoursByVolunteer.objects.create(user=volunteer, approved_hours=Decimal("12"), records=2)

    def add(n):
        for i in range(n):
            status = ("draft", "submitted", "approved", "rejected", "withdrawn")[i % 5]
            other_team = TeamFactory(township=TownshipFactory())
            if i % 2:
                kw = {
                    "report": ActivityReport.objects.create(
                        team=other_team,
                        title=f"报告{i}",
                        date=timezone.localdate(),
                        kind="cleanup",
                        township=other_team.township,
                        summary="摘要",
                        participants=2,
                    )
                }
            else:
                kw = {"event": EventFactory(team=other_team)}
            ServiceRecordFactory(
                volunteer=volunteer,
                team=other_team,
                status=status,
                flagged_at=timezone.now() if i % 3 == 0 else None,
                flag_comment="wrong" if i % 3 == 0 else "",
                **kw,
            )

    add(2)
    client.force_login(volunteer)
    few = queries_for(client, HOURS)
    add(38)
    assert queries_for(client, HOURS) == few
    assert queries_for(client, HOURS + "?page=2") == few


# --- Flags --------------------------------------------------------------------------


def test_flagging_a_record_tells_the_leaders_and_staff(client, submitted, volunteer, leader, staff):
    client.force_login(volunteer)
    response = client.post(flag_url(submitted), {"comment": "  I stayed all three hours "})
    assert response.status_code == 302
    assert response["Location"] == f"/en/me/hours/#record-{submitted.pk}"

    submitted.refresh_from_db()
    assert submitted.flagged_at is not None
    assert submitted.flag_comment == "I stayed all three hours"
    mails = OutgoingMail.objects.filter(kind="volunteers/hours_flagged")
    assert sorted(m.to for m in mails) == sorted([leader.email, staff.email])

    page = client.get(response["Location"])
    assert "Thank you — the team's leaders and staff have been told." in text(page)
    item = record_item(page, submitted)
    assert "You flagged this on" in item and "I stayed all three hours" in item
    assert "<details" not in item


def test_an_empty_comment_is_refused_next_to_the_record(client, submitted, volunteer):
    client.force_login(volunteer)
    response = client.post(flag_url(submitted), {"comment": "   "})
    assert response.status_code == 400
    item = record_item(response, submitted)
    assert "Say what is wrong with the record." in item
    assert '<details class="hours-flag" open>' in item
    submitted.refresh_from_db()
    assert submitted.flagged_at is None
    assert not OutgoingMail.objects.filter(kind="volunteers/hours_flagged").exists()
    assert not ServiceRecordChange.objects.filter(action="flag").exists()


def test_a_too_long_comment_keeps_the_text_typed(client, submitted, volunteer):
    client.force_login(volunteer)
    response = client.post(flag_url(submitted), {"comment": "太长" * 300})
    assert response.status_code == 400
    item = record_item(response, submitted)
    assert "Keep it under 500 characters." in item and "太长太长" in item
    submitted.refresh_from_db()
    assert submitted.flagged_at is None


def test_a_record_is_flagged_only_once(client, submitted, volunteer):
    client.force_login(volunteer)
    client.post(flag_url(submitted), {"comment": "wrong"})
    response = client.post(flag_url(submitted), {"comment": "still wrong"})
    assert response.status_code == 400
    assert "You have already flagged this record" in record_item(response, submitted)
    submitted.refresh_from_db()
    assert submitted.flag_comment == "wrong"
    assert ServiceRecordChange.objects.filter(action="flag").count() == 1
    assert OutgoingMail.objects.filter(kind="volunteers/hours_flagged").count() == 1


def test_someone_elses_record_cannot_be_flagged(client, submitted, make_volunteer):
    client.force_login(make_volunteer())
    response = client.post(flag_url(submitted), {"comment": "wrong"})
    assert response.status_code == 404
    submitted.refresh_from_db()
    assert submitted.flagged_at is None
    assert not OutgoingMail.objects.filter(kind="volunteers/hours_flagged").exists()
    assert client.post("/en/me/hours/999999/flag/", {"comment": "x"}).status_code == 404


def test_flagging_needs_a_post(client, submitted, volunteer):
    client.force_login(volunteer)
    assert client.get(flag_url(submitted)).status_code == 405


def test_flagging_a_record_on_page_two_goes_back_to_page_two(client, volunteer, team):
    old = ServiceRecordFactory(
        volunteer=volunteer, team=team, date=timezone.localdate() - timezone.timedelta(days=30)
    )
    ServiceRecordFactory.create_batch(20, volunteer=volunteer, team=team)
    client.force_login(volunteer)
    response = client.post(flag_url(old), {"comment": "I was not there"})
    assert response["Location"] == f"/en/me/hours/?page=2#record-{old.pk}"
    error = client.post(flag_url(old), {"comment": "again"})
    assert f'id="record-{old.pk}"' in error.content.decode()


# --- The star level on /me/ and the profile ------------------------------------------------


@pytest.mark.parametrize("url", ["/en/me/", "/en/me/profile/"])
def test_me_and_profile_show_the_star_level(client, volunteer, url):
    HoursByVolunteer.objects.create(user=volunteer, approved_hours=Decimal("312"), records=30)
    client.force_login(volunteer)
    response = client.get(url)
    html = response.content.decode()
    card = html.split('class="card stars-card"', 1)[1].split("</div>", 1)[0]
    assert '<span class="stars__on">★★</span><span class="stars__off">☆☆☆</span>' in card
    assert "2-star volunteer" in card and "312 h approved" in card
    assert 'href="/en/me/hours/"' in card


def test_the_tabs_lead_to_my_hours(client, volunteer):
    client.force_login(volunteer)
    html = client.get(HOURS).content.decode()
    tabs = html.split('class="me-tabs"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/en/me/hours/" aria-current="page">My hours</a>' in tabs
