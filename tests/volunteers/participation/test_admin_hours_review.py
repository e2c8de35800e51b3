"""Staff review service hours in the Wagtail admin.

Every decision goes through the services, so the audit trail and the rollups
follow; people without the review permissions are kept out.
"""

import datetime
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from showcase.roles import editorial_setup_ensure
from tests.factories import (
    CountyFactory,
    EventFactory,
    ServiceRecordFactory,
    TeamFactory,
    VolunteerFactory,
)
from tests.utils import queries_for
from tests.utils import text as _html
from tests.volunteers.participation.helpers import HOURS, REPORTS, submit
from tests.volunteers.participation.helpers import history as trail
from volunteers.participation.models.checkins import CheckIn
from volunteers.participation.models.hours import ServiceRecord, ServiceRecordChange
from volunteers.participation.models.rollups import HoursByTeam
from volunteers.participation.services.hours import record_flag

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

BULK_APPROVE = "/admin/bulk/volunteers/servicerecord/approve/"


@pytest.fixture
def submitted(done_event, leader):
    first = VolunteerFactory(display_name="小水滴甲", real_name="王芳").user
    second = VolunteerFactory(display_name="小水滴乙").user
    return submit(done_event, leader, first, second)


def refused(response) -> bool:
    return response.status_code == 403 or (
        response.status_code == 302 and "/admin/volunteers/" not in response["Location"]
    )


# --- Menu, dashboard, who may come in ----------------------------------------------------


def test_staff_see_both_queues_in_the_volunteers_menu_and_on_the_dashboard(
    officer_client, submitted
):
    html = _html(officer_client.get("/admin/"))
    assert HOURS in html and REPORTS in html
    assert "volunteer-review-queue" in html
    assert "2 service records are awaiting approval." in html


def test_editors_leaders_and_volunteers_are_kept_out(client, submitted, leader, volunteer):
    record = submitted[0]
    urls = [
        HOURS,
        REPORTS,
        reverse("volunteer_hours:inspect", args=[record.pk]),
        reverse("volunteer_hours:adjust", args=[record.pk]),
    ]
    groups = editorial_setup_ensure()
    editor = get_user_model().objects.create_user("editor", "editor@example.com", "pw")
    editor.groups.add(groups["Editors"])
    client.force_login(editor)
    html = _html(client.get("/admin/"))
    assert HOURS not in html and REPORTS not in html and "volunteer-review-queue" not in html
    for url in urls:
        assert refused(client.get(url)), url
    approve = reverse("volunteer_hours:approve", args=[record.pk])
    assert refused(client.post(approve))
    assert refused(client.get(BULK_APPROVE, {"id": record.pk}))

    for person in (leader, volunteer):
        client.force_login(person)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 403 and response.context["admin_only"], url
        client.post(approve)
    record.refresh_from_db()
    assert record.status == "submitted"


def test_records_cannot_be_created_edited_or_deleted_in_the_admin(admin_client, submitted):
    pk = submitted[0].pk
    assert admin_client.get(f"{HOURS}new/").status_code == 404
    assert admin_client.get(f"{HOURS}edit/{pk}/").status_code == 404
    assert admin_client.get(f"{HOURS}delete/{pk}/").status_code == 404
    assert admin_client.get(f"{REPORTS}new/").status_code == 404


# --- The hours queue ----------------------------------------------------------------------


def test_the_hours_list_opens_on_records_awaiting_approval(admin_client, submitted, team):
    draft = ServiceRecordFactory(
        team=team, volunteer=VolunteerFactory(display_name="草稿里的人").user
    )
    done = ServiceRecordFactory(
        team=team,
        status="approved",
        volunteer=VolunteerFactory(display_name="已批准的人").user,
    )
    queue = _html(admin_client.get(HOURS))
    assert "小水滴甲" in queue and "小水滴乙" in queue
    assert "草稿里的人" not in queue and "已批准的人" not in queue
    everything = _html(admin_client.get(HOURS, {"status": "all"}))
    assert all(name in everything for name in ("小水滴甲", "草稿里的人", "已批准的人"))
    approved = _html(admin_client.get(HOURS, {"status": "approved"}))
    assert "已批准的人" in approved and "小水滴甲" not in approved
    assert draft.pk and done.pk


def test_each_row_links_to_its_review_and_its_checkbox_names_the_volunteer(admin_client, submitted):
    record = submitted[0]
    soup = BeautifulSoup(admin_client.get(HOURS).content, "html.parser")
    box = soup.find("input", attrs={"data-object-id": str(record.pk)})
    described = soup.find(id=box["aria-describedby"])
    assert described.get_text() == record.volunteer.volunteer.display_name
    assert described.find_parent("a")["href"] == reverse(
        "volunteer_hours:inspect", args=[record.pk]
    )
    status = box.find_parent("tr").find(class_="w-status")
    assert status.get_text() == "Awaiting approval" and "w-status--primary" in status["class"]


def test_hours_can_be_filtered_and_searched(admin_client, submitted, team):
    elsewhere = TeamFactory(name="竹山护水队", county=CountyFactory())
    other = ServiceRecordFactory(
        team=elsewhere,
        status="submitted",
        source="report",
        date=timezone.localdate() - datetime.timedelta(days=40),
        volunteer=VolunteerFactory(display_name="外县的人").user,
    )

    def names(**params):
        html = _html(admin_client.get(HOURS, params))
        return {n for n in ("小水滴甲", "小水滴乙", "外县的人") if n in html}

    assert names() == {"小水滴甲", "小水滴乙", "外县的人"}
    assert names(team=elsewhere.pk) == {"外县的人"}
    assert names(county=other.township.county_id) == {"外县的人"}
    assert names(source="attendance") == {"小水滴甲", "小水滴乙"}
    old = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    assert names(date_to=old) == {"外县的人"}
    assert names(date_from=old) == {"小水滴甲", "小水滴乙"}
    assert names(q="王芳") == {"小水滴甲"}  # staff find people by their real name
    assert names(q=submitted[0].event.title) == {"小水滴甲", "小水滴乙"}
    assert names(flagged="true") == set()


def test_flagged_records_and_far_check_ins_are_marked(admin_client, submitted):
    flagged, far = submitted
    record_flag(record=flagged, user=flagged.volunteer, comment="我待了三个小时，不是2.5")
    CheckIn.objects.create(
        event=far.event,
        volunteer=far.volunteer,
        checked_in_at=far.event.starts_at,
        in_distance_m=4200,
        far_from_event=True,
    )
    html = _html(admin_client.get(HOURS, {"flagged": "true"}))
    assert "我待了三个小时，不是2.5" in html and "⚑" in html
    assert "小水滴乙" not in html
    listing = _html(admin_client.get(HOURS))
    assert listing.count("data-record-far") == 1
    page = _html(admin_client.get(reverse("volunteer_hours:inspect", args=[flagged.pk])))
    assert "我待了三个小时，不是2.5" in page and "Flagged as wrong" in page
    page = _html(admin_client.get(reverse("volunteer_hours:inspect", args=[far.pk])))
    assert "far from the event" in page and "4200 m" in page


def test_staff_approve_adjust_and_reject_with_every_step_in_the_audit_trail(
    officer_client, officer, submitted, leader
):
    first, second = submitted
    before = trail(first)

    listing = _html(officer_client.get(HOURS))
    approve = reverse("volunteer_hours:approve", args=[first.pk])
    assert approve in listing  # one-click approve on each waiting record

    response = officer_client.post(approve, {"next": HOURS}, follow=True)
    assert response.redirect_chain[-1][0] == HOURS
    assert "2.5 hours of 小水滴甲 approved." in _html(response)
    first.refresh_from_db()
    assert first.status == "approved" and first.decided_by == officer
    assert ModelLogEntry.objects.filter(
        action="volunteers.hours_approve", object_id=str(first.pk), user=officer
    ).exists()

    # Approving twice is refused with a message, never an error page.
    again = officer_client.post(approve, follow=True)
    assert again.status_code == 200
    assert "Only a submitted record can be approved." in _html(again)

    adjust = reverse("volunteer_hours:adjust", args=[first.pk])
    page = officer_client.get(adjust)
    assert page.status_code == 200 and 'value="2.5"' in _html(page)
    for form, message in [
        ({"hours": "abc", "reason": "签到记录"}, "Enter the hours as a number, e.g. 2.5."),
        ({"hours": "30", "reason": "签到记录"}, "No one serves more than 24 hours in a day."),
        ({"hours": "2", "reason": ""}, "Say why the hours are changed."),
        ({"hours": "2.5", "reason": "没变"}, "The record already has these hours."),
    ]:
        response = officer_client.post(adjust, form)
        assert response.status_code == 200, form
        assert message in _html(response), form
    first.refresh_from_db()
    assert first.hours == Decimal("2.50") and first.status == "approved"
    assert len(trail(first)) == len(before) + 1

    response = officer_client.post(adjust, {"hours": "2", "reason": "迟到半小时", "next": HOURS})
    assert response.status_code == 302 and response["Location"] == HOURS
    first.refresh_from_db()
    assert first.hours == Decimal("2.00") and first.status == "approved"

    reject = reverse("volunteer_hours:reject", args=[second.pk])
    missing = officer_client.post(reject, {"reason": "  "})
    assert missing.status_code == 200
    assert "Say why the record is rejected." in _html(missing)
    assert ServiceRecord.objects.get(pk=second.pk).status == "submitted"
    assert officer_client.post(reject, {"reason": "当天未到场"}).status_code == 302
    second.refresh_from_db()
    assert second.status == "rejected" and second.reject_reason == "当天未到场"

    assert trail(first) == [
        *before,
        ("approve", Decimal("2.50"), Decimal("2.50"), "submitted", "approved", officer.pk, ""),
        (
            "adjust",
            Decimal("2.50"),
            Decimal("2.00"),
            "approved",
            "approved",
            officer.pk,
            "迟到半小时",
        ),
    ]
    assert trail(second)[-1] == (
        "reject",
        Decimal("2.50"),
        Decimal("2.50"),
        "submitted",
        "rejected",
        officer.pk,
        "当天未到场",
    )

    # The record's page shows the whole trail: who, when, what, old → new, the note.
    page = _html(officer_client.get(reverse("volunteer_hours:inspect", args=[first.pk])))
    history = page[page.index("data-record-history") :]
    for action in ("Created", "Submitted", "Approved", "Adjusted"):
        assert action in history
    assert history.count("审核员小李") == 2 and history.count("库区老张") == 2
    assert "2.5 → 2" in history and "迟到半小时" in history
    adjusted = ServiceRecordChange.objects.filter(record=first, action="adjust").get()
    when = timezone.localtime(adjusted.changed_at).strftime("%Y-%m-%d %H:%M")
    assert when in history
    assert "王芳" in page  # staff see the real name


def test_adjusting_a_draft_or_rejecting_a_rejected_record_sends_staff_back(admin_client, team):
    draft = ServiceRecordFactory(team=team)
    response = admin_client.get(reverse("volunteer_hours:adjust", args=[draft.pk]))
    assert response.status_code == 302
    response = admin_client.post(
        reverse("volunteer_hours:adjust", args=[draft.pk]), {"hours": "2", "reason": "x"}
    )
    assert response.status_code == 200
    assert "The leader has not submitted this record yet." in _html(response)
    assert ServiceRecord.objects.get(pk=draft.pk).status == "draft"

    rejected = ServiceRecordFactory(team=team, status="rejected")
    url = reverse("volunteer_hours:reject", args=[rejected.pk])
    assert admin_client.get(url).status_code == 302
    response = admin_client.post(url, {"reason": "重复"})
    assert response.status_code == 200
    assert "Only a submitted or approved record can be rejected." in _html(response)


def test_staff_approve_several_records_at_once(admin_client, admin_user, submitted, team):
    first, second = submitted
    decided = ServiceRecordFactory(team=team, status="rejected")
    ids = {"id": [first.pk, second.pk, decided.pk]}
    page = admin_client.get(BULK_APPROVE, ids)
    assert page.status_code == 200
    html = _html(page)
    assert "小水滴甲" in html and "小水滴乙" in html
    assert "not awaiting approval" in html

    listing = _html(admin_client.get(HOURS))
    assert "data-bulk-action-checkbox" in listing and BULK_APPROVE in listing

    query = f"id={first.pk}&id={second.pk}&id={decided.pk}&next={HOURS}"
    response = admin_client.post(f"{BULK_APPROVE}?{query}", follow=True)
    assert response.redirect_chain[-1][0] == HOURS
    assert "2 service records approved." in _html(response)
    statuses = dict(ServiceRecord.objects.values_list("pk", "status"))
    assert statuses[first.pk] == statuses[second.pk] == "approved"
    assert statuses[decided.pk] == "rejected"
    assert HoursByTeam.objects.get(team=team).approved_hours == Decimal("5.00")
    assert ModelLogEntry.objects.filter(action="volunteers.hours_approve").count() == 2


def test_approving_everything_in_a_filtered_listing_stays_within_the_filter(
    admin_client, submitted, team
):
    elsewhere = ServiceRecordFactory(status="submitted", team=TeamFactory())
    response = admin_client.post(f"{BULK_APPROVE}?id=all&team={team.pk}&next={HOURS}")
    assert response.status_code == 302
    assert {r.status for r in ServiceRecord.objects.filter(pk__in=[s.pk for s in submitted])} == {
        "approved"
    }
    assert ServiceRecord.objects.get(pk=elsewhere.pk).status == "submitted"


def test_the_hours_list_runs_the_same_queries_for_3_or_30_records(admin_client):
    def add_records(n):
        for i in range(n):
            team = TeamFactory()
            event = EventFactory(team=team)
            record = ServiceRecordFactory(
                team=team,
                event=event if i % 2 else None,
                township=team.township,
                status="submitted",
                flagged_at=timezone.now() if i % 3 == 0 else None,
                flag_comment="不对" if i % 3 == 0 else "",
            )
            if i % 2:
                CheckIn.objects.create(
                    event=event,
                    volunteer=record.volunteer,
                    checked_in_at=event.starts_at,
                    far_from_event=True,
                )

    add_records(3)
    few = queries_for(admin_client, HOURS)
    add_records(27)
    assert ServiceRecord.objects.filter(status="submitted").count() == 30
    assert queries_for(admin_client, HOURS) == few
