"""Activity reports: figures within reason, members' hours as records, review by staff."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone, translation
from PIL import Image as PILImage
from wagtail.images import get_image_model

from portal.errors import ServiceError
from portal.outbox import OutgoingMail
from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    MembershipFactory,
    TeamFactory,
    VolunteerFactory,
)
from tests.utils import past_event
from tests.volunteers.helpers import fields
from tests.volunteers.participation.helpers import history
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.reports import ActivityReport, ReportPhoto
from volunteers.participation.models.rollups import HoursByTeam, HoursByVolunteer
from volunteers.participation.services.attendance import attendance_save
from volunteers.participation.services.reports import (
    report_approve,
    report_return,
    report_save,
    report_submit,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_and_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


@pytest.fixture
def member(team):
    return MembershipFactory(team=team, user=VolunteerFactory().user).user


def jpeg(name="photo.jpg"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "#0b5f78").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_a_free_standing_report_gives_members_draft_hours(team, leader, member):
    report = report_save(
        team=team, by=leader, data=fields(team), participants={member.pk: "2.5", leader.pk: "3"}
    )

    assert report.status == "draft"
    assert (report.litter_kg, report.river_km, report.households) == (Decimal("120.5"), 3, 0)
    records = {r.volunteer: r for r in ServiceRecord.objects.filter(report=report)}
    assert records[member].hours == Decimal("2.50")
    assert (records[member].status, records[member].source) == ("draft", "report")
    assert records[member].date == report.date
    assert records[leader].hours == Decimal("3.00")


def test_editing_the_members_keeps_their_history(team, leader, member):
    report = report_save(team=team, by=leader, data=fields(team), participants={member.pk: "2"})
    report_save(
        team=team, report=report, by=leader, data=fields(team), participants={leader.pk: "1"}
    )

    dropped = ServiceRecord.objects.get(report=report, volunteer=member)
    assert dropped.status == "withdrawn"
    assert [h[0] for h in history(dropped)] == ["create", "withdraw"]
    assert ServiceRecord.objects.get(report=report, volunteer=leader).status == "draft"


def test_submit_approve_counts_the_hours_and_tells_the_leader(team, leader, member, staff):
    report = report_save(team=team, by=leader, data=fields(team), participants={member.pk: "2"})
    report_submit(report=report, by=leader)
    record = ServiceRecord.objects.get(report=report)
    assert record.status == "submitted"

    report_approve(report=report, by=staff)

    record.refresh_from_db()
    assert record.status == "approved"
    assert HoursByTeam.objects.get(team=team).approved_hours == Decimal("2.00")
    assert HoursByVolunteer.objects.get(user=member).approved_hours == Decimal("2.00")
    assert OutgoingMail.objects.filter(
        to=leader.email, kind="volunteers/email/report_approved"
    ).exists()


@override_settings(PORTAL_BASE_URL="https://qingshui.example")
@pytest.mark.parametrize("language, prefix", [("zh-hans", ""), ("en", "/en")])
def test_the_approval_mail_links_to_the_report_at_the_public_address(
    team, leader, staff, language, prefix
):
    leader.volunteer.language = language
    leader.volunteer.save()
    report = report_save(team=team, by=leader, data=fields(team))
    report_submit(report=report, by=leader)
    report_approve(report=report, by=staff)

    mail = OutgoingMail.objects.get(to=leader.email, kind="volunteers/email/report_approved")
    report_url = f"https://qingshui.example{prefix}/reports/{report.pk}/"
    assert report_url in mail.text_body.split()
    assert f'href="{report_url}"' in mail.html_body
    assert f"https://qingshui.example{prefix}/me/profile/" in mail.text_body


def test_approving_an_event_report_approves_the_events_submitted_hours(team, leader, staff):
    from tests.factories import SignupFactory

    event = past_event(team)
    signup = SignupFactory(event=event)
    attendance_save(event=event, marks={signup.pk: ("present", "3")}, by=leader)
    report = report_save(team=team, by=leader, data=fields(team, event=event, date=None))
    assert report.date == timezone.localdate(event.starts_at)
    assert report.township == event.township

    report_submit(report=report, by=leader)  # submits the attendance drafts too
    report_approve(report=report, by=staff)

    assert ServiceRecord.objects.get().status == "approved"
    assert HoursByTeam.objects.get(team=team).approved_hours == Decimal("3.00")


def test_returning_a_report_sends_its_hours_back_to_draft(team, leader, member, staff):
    report = report_save(team=team, by=leader, data=fields(team), participants={member.pk: "2"})
    report_submit(report=report, by=leader)

    with pytest.raises(ServiceError) as excinfo:
        report_return(report=report, reason="  ", by=staff)
    assert excinfo.value.message_dict == {"reason": ["Say what the leader should change."]}

    report_return(report=report, reason="请补充照片", by=staff)
    report.refresh_from_db()
    assert (report.status, report.reject_reason, report.is_editable) == (
        "rejected",
        "请补充照片",
        True,
    )
    record = ServiceRecord.objects.get(report=report)
    assert record.status == "draft"
    assert history(record)[-1][-1] == "请补充照片"
    assert not HoursByTeam.objects.filter(team=team).exists()
    # The leader fixes it and submits again.
    report_save(
        team=team, report=report, by=leader, data=fields(team), participants={member.pk: "2"}
    )
    report_submit(report=report, by=leader)
    assert ServiceRecord.objects.get(report=report).status == "submitted"


def test_a_submitted_report_cannot_be_changed_by_the_leader(team, leader):
    report = report_save(team=team, by=leader, data=fields(team))
    report_submit(report=report, by=leader)
    with pytest.raises(ServiceError, match="with staff for review"):
        report_save(team=team, report=report, by=leader, data=fields(team, title="改"))
    report.refresh_from_db()
    assert report.title == "丹江口库区清漂"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"litter_kg": "10000", "participants": 1}, "litter_kg", "more than 200 per person"),
        ({"litter_kg": "-3"}, "litter_kg", "cannot be negative"),
        ({"river_km": "abc"}, "river_km", "Enter a number."),
        ({"households": "2.5"}, "households", "whole number"),
        ({"trees": "NaN"}, "trees", "Enter a number."),
        ({"participants": 0}, "participants_count", "at least one"),
        ({"participants": 99999}, "participants_count", "at most 5000"),
        ({"date": None}, "date", "Enter the date"),
        ({"title": ""}, "title", "Give the report a title."),
        ({"summary": "x" * 4001}, "summary", "under 4000"),
        ({"kind": "party"}, "kind", "type of activity"),
        ({"township": None}, "township", "Choose the township"),
        ({"lat": 32.5, "lon": None}, "lat", "both latitude and longitude"),
    ],
)
def test_absurd_or_missing_figures_are_refused(team, leader, overrides, field, message):
    with pytest.raises(ServiceError) as excinfo:
        report_save(team=team, by=leader, data=fields(team, **overrides))
    assert message in excinfo.value.message_dict[field][0]
    assert not ActivityReport.objects.exists()


def test_a_future_date_is_refused(team, leader):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ServiceError, match="future"):
        report_save(team=team, by=leader, data=fields(team, date=tomorrow))


def test_thirty_hours_for_a_member_is_refused_and_nothing_is_saved(team, leader, member):
    with pytest.raises(ServiceError) as excinfo:
        report_save(
            team=team,
            by=leader,
            data=fields(team),
            participants={member.pk: "30"},
            new_photos=[jpeg()],
        )
    assert excinfo.value.message_dict["participants"] == [
        f"{member.volunteer.display_name}: No one serves more than 24 hours in a day."
    ]
    assert not ActivityReport.objects.exists()
    assert not ServiceRecord.objects.exists()
    assert not get_image_model().objects.exists()


def test_hours_only_for_active_members(team, leader):
    outsider = VolunteerFactory().user
    with pytest.raises(ServiceError) as excinfo:
        report_save(team=team, by=leader, data=fields(team), participants={outsider.pk: "2"})
    assert "Only active members" in excinfo.value.message_dict["participants"][0]


def test_more_members_with_hours_than_people_is_refused(team, leader, member):
    with pytest.raises(ServiceError) as excinfo:
        report_save(
            team=team,
            by=leader,
            data=fields(team, participants=1),
            participants={member.pk: "1", leader.pk: "1"},
        )
    assert "at least that many" in excinfo.value.message_dict["participants_count"][0]


def test_a_report_for_another_teams_event_is_refused(team, leader):
    other_event = past_event(TeamFactory())
    with pytest.raises(ServiceError) as excinfo:
        report_save(team=team, by=leader, data=fields(team, event=other_event))
    assert excinfo.value.message_dict["event"] == ["Choose one of your team's events."]
    assert not ActivityReport.objects.exists()


def test_an_event_gets_one_report(team, leader):
    event = past_event(team)
    report_save(team=team, by=leader, data=fields(team, event=event))
    with pytest.raises(ServiceError, match="has a report already"):
        report_save(team=team, by=leader, data=fields(team, event=event))


def test_only_the_teams_leaders_write_reports(team, volunteer, member):
    for person in (volunteer, member):
        with pytest.raises(PermissionDenied):
            report_save(team=team, by=person, data=fields(team))
    other_leader = VolunteerFactory().user
    TeamFactory(leader=other_leader)
    with pytest.raises(PermissionDenied):
        report_save(team=team, by=other_leader, data=fields(team))


def test_only_staff_review(team, leader):
    report = report_save(team=team, by=leader, data=fields(team))
    report_submit(report=report, by=leader)
    with pytest.raises(PermissionDenied):
        report_approve(report=report, by=leader)
    with pytest.raises(PermissionDenied):
        report_return(report=report, reason="no", by=leader)


def test_a_campaign_link_must_fit_the_campaigns_period(team, leader, home):
    campaign = CampaignPageFactory(
        parent=CampaignIndexPageFactory(parent=home),
        start_date=timezone.localdate() - datetime.timedelta(days=10),
        end_date=timezone.localdate() - datetime.timedelta(days=5),
    )
    with pytest.raises(ServiceError) as excinfo:
        report_save(team=team, by=leader, data=fields(team, campaign=campaign))
    assert excinfo.value.message_dict["campaign"] == [
        "The activity's date is outside the campaign's period."
    ]
    inside = timezone.localdate() - datetime.timedelta(days=7)
    report = report_save(team=team, by=leader, data=fields(team, campaign=campaign, date=inside))
    assert report.campaign == campaign


def test_photos_are_added_up_to_nine_and_removed(team, leader):
    report = report_save(
        team=team, by=leader, data=fields(team), new_photos=[jpeg(f"{n}.jpg") for n in range(9)]
    )
    assert report.photos.count() == 9
    with pytest.raises(ServiceError) as excinfo:
        report_save(team=team, report=report, by=leader, data=fields(team), new_photos=[jpeg()])
    assert excinfo.value.message_dict["photos"] == [
        "A report has at most 9 photos; remove some first."
    ]
    assert ReportPhoto.objects.count() == 9

    first = report.photos.first()
    report_save(
        team=team,
        report=report,
        by=leader,
        data=fields(team),
        new_photos=[jpeg()],
        remove_photo_ids=[first.pk],
    )
    assert report.photos.count() == 9
    assert not report.photos.filter(pk=first.pk).exists()
    # New photos go after the ones kept.
    assert list(report.photos.values_list("sort_order", flat=True)) == sorted(
        report.photos.values_list("sort_order", flat=True)
    )


def test_a_removed_photo_is_gone_from_the_image_library(team, leader):
    report = report_save(team=team, by=leader, data=fields(team), new_photos=[jpeg(), jpeg()])
    photo = report.photos.first()
    image_id = photo.image_id

    report_save(team=team, report=report, by=leader, data=fields(team), remove_photo_ids=[photo.pk])

    assert not get_image_model().objects.filter(pk=image_id).exists()
    assert report.photos.count() == 1


def test_moving_a_report_onto_an_event_withdraws_its_own_hours(team, leader, member):
    report = report_save(team=team, by=leader, data=fields(team), participants={member.pk: "2"})
    event = past_event(team)

    report_save(team=team, report=report, by=leader, data=fields(team, event=event))
    report_submit(report=report, by=leader)

    own = ServiceRecord.objects.get(report=report)
    assert own.status == "withdrawn"


def test_the_per_person_limit_message_counts_people(team, leader):
    with pytest.raises(ServiceError) as excinfo:
        report_save(team=team, by=leader, data=fields(team, participants=1, litter_kg="300"))
    assert "(1 person)" in excinfo.value.message_dict["litter_kg"][0]


def test_a_members_bad_hours_name_the_member(team, leader, member):
    with pytest.raises(ServiceError) as excinfo:
        report_save(team=team, by=leader, data=fields(team), participants={member.pk: "-1"})
    assert excinfo.value.message_dict["participants"] == [
        f"{member.volunteer.display_name}: Hours cannot be negative."
    ]
