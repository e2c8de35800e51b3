"""Leaders write activity reports: the form, its photos and members' hours, bad input refused."""

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone
from PIL import ExifTags
from PIL import Image as PILImage

from tests.factories import CampaignPageFactory, EventFactory, SignupFactory
from tests.utils import en, messages_of, text
from tests.volunteers.participation.helpers import counts, form_data, jpeg, make_report
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.models.reports import ActivityReport, ReportPhoto

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root", "english")]


# --- Creating a report -------------------------------------------------------------------


def test_a_leader_creates_a_report_with_photos_and_member_hours(client, team, leader, member):
    client.force_login(leader)
    page = client.get(en("report_create", team.pk))
    assert page.status_code == 200
    assert 'accept="image/jpeg,image/png,image/webp"' in text(page)
    assert "multiple" in text(page)
    assert "河畔小水滴" in text(page) and "李秀英" not in text(page)

    response = client.post(
        en("report_create", team.pk),
        form_data(
            team,
            photos=[jpeg("a.jpg", gps=True), jpeg("b.jpg", colour="green")],
            caption_0="装袋",
            **{f"hours_{member.pk}": "3.5", f"hours_{leader.pk}": ""},
        ),
    )
    report = ActivityReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == en("report_detail", report.pk)
    assert report.status == "draft" and report.created_by == leader
    assert report.litter_kg == Decimal("45.5") and report.participants == 8
    photos = list(report.photos.all())
    assert [p.caption for p in photos] == ["装袋", ""]
    records = ServiceRecord.objects.filter(report=report)
    assert [(r.volunteer, r.hours, r.status) for r in records] == [
        (member, Decimal("3.5"), RecordStatus.DRAFT)
    ]
    assert "The draft is saved" in messages_of(client.get(response["Location"]))


def test_uploaded_photos_lose_their_exif_and_gps(client, team, leader):
    upload = jpeg("gps.jpg", gps=True)
    original = PILImage.open(io.BytesIO(upload.read()))
    assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    upload.seek(0)
    client.force_login(leader)
    client.post(en("report_create", team.pk), form_data(team, photos=[upload]))
    stored = ReportPhoto.objects.get().image
    with stored.file.open("rb") as handle:
        saved = PILImage.open(io.BytesIO(handle.read()))
        assert not saved.getexif()
        assert "exif" not in saved.info
        assert b"RiverPhone" not in handle.read()


def test_save_and_submit_sends_the_report_for_review(client, team, leader):
    client.force_login(leader)
    response = client.post(en("report_create", team.pk), form_data(team, action="submit"))
    report = ActivityReport.objects.get()
    assert report.status == "submitted"
    assert "sent to staff for review" in messages_of(client.get(response["Location"]))


def test_a_report_for_an_event_takes_its_day_and_place(client, team, leader, past_event):
    client.force_login(leader)
    page = client.get(en("report_create", team.pk) + f"?event={past_event.pk}")
    assert page.context["form"]["event"].value() == past_event.pk
    assert page.context["form"]["title"].value() == past_event.title
    response = client.post(
        en("report_create", team.pk),
        form_data(team, event=past_event.pk, date="", township="", place=""),
    )
    assert response.status_code == 302
    report = ActivityReport.objects.get()
    assert report.event == past_event
    assert report.date == timezone.localdate(past_event.starts_at)
    assert report.township == past_event.township and report.place == "码头"


def test_a_report_started_from_an_event_is_filled_in_from_it(client, team, leader, past_event):
    """Type, township, point, day, campaign and the people marked present come from the
    event, so the leader only writes what happened."""
    past_event.meeting_point, past_event.lat, past_event.lon = "码头", 32.55, 111.51
    past_event.save()
    for attendance in ("present", "present", "absent"):
        SignupFactory(event=past_event, attendance=attendance)
    client.force_login(leader)
    form = client.get(en("report_create", team.pk) + f"?event={past_event.pk}").context["form"]
    values = {name: form[name].value() for name in form.fields}
    assert values["event"] == past_event.pk
    assert values["kind"] == "cleanup"
    assert values["township"] == past_event.township_id
    assert values["date"] == timezone.localdate(past_event.starts_at)
    assert (values["place"], values["lat"], values["lon"]) == ("码头", 32.55, 111.51)
    assert values["participants_count"] == 2


def test_a_report_cannot_be_started_for_an_event_before_it_begins(client, team, leader):
    upcoming = EventFactory(team=team, title="下周巡河")
    client.force_login(leader)
    response = client.get(en("report_create", team.pk) + f"?event={upcoming.pk}", follow=True)
    assert response.redirect_chain[-1][0] == en("event_detail", upcoming.pk)
    assert "once the event has started" in messages_of(response)
    assert not ActivityReport.objects.exists()


@pytest.mark.parametrize(
    "status, lands_on", [("draft", "report_edit"), ("submitted", "report_detail")]
)
def test_an_event_with_a_report_leads_to_it_not_to_a_second_one(
    client, team, leader, past_event, status, lands_on
):
    report = make_report(team, leader, event=past_event)
    ActivityReport.objects.filter(pk=report.pk).update(status=status)
    client.force_login(leader)
    response = client.get(en("report_create", team.pk) + f"?event={past_event.pk}", follow=True)
    assert response.redirect_chain[-1][0] == en(lands_on, report.pk)
    assert "already has a report" in messages_of(response)
    assert ActivityReport.objects.count() == 1
    # The event page links the leader to that report, and offers no new one.
    page = text(client.get(en("event_detail", past_event.pk)))
    assert "The event's report" in page and "Write a report" not in page


def test_another_teams_event_is_not_found(client, team, leader):
    other = EventFactory(title="别队的活动")
    client.force_login(leader)
    assert client.get(en("report_create", team.pk) + f"?event={other.pk}").status_code == 404


def test_the_event_page_offers_a_report_only_once_the_event_has_started(
    client, team, leader, past_event
):
    upcoming = EventFactory(team=team, title="下周巡河")
    client.force_login(leader)
    assert "Write a report" in text(client.get(en("event_detail", past_event.pk)))
    assert "Write a report" not in text(client.get(en("event_detail", upcoming.pk)))


def test_the_event_list_offers_only_past_unreported_events(client, team, leader, past_event):
    upcoming = EventFactory(team=team, title="下周巡河")
    cancelled = EventFactory(
        team=team,
        title="已取消",
        starts_at=past_event.starts_at,
        ends_at=past_event.ends_at,
        signup_deadline=past_event.signup_deadline,
    )
    cancelled.status = "cancelled"
    cancelled.save()
    client.force_login(leader)
    choices = list(
        client.get(en("report_create", team.pk)).context["form"].fields["event"].queryset
    )
    assert choices == [past_event]
    assert upcoming not in choices
    make_report(team, leader, event=past_event)
    choices = client.get(en("report_create", team.pk)).context["form"].fields["event"].queryset
    assert list(choices) == []


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"litter_kg": "-5"}, "litter_kg", "A figure cannot be negative."),
        (
            {"litter_kg": "10000", "participants_count": "1"},
            "litter_kg",
            "That is more than 200 per person",
        ),
        ({"title": ""}, "title", "Give the report a title."),
        ({"summary": "  "}, "summary", "Say what the team did."),
        ({"participants_count": "0"}, "participants_count", "at least one"),
        ({"date": ""}, "date", "Enter the date of the activity."),
        ({"date": "2099-01-01"}, "date", "The activity cannot be in the future."),
        ({"date": "01/05/2026"}, "date", "Enter the date as YYYY-MM-DD"),
        ({"township": ""}, "township", "Choose the township"),
        ({"lat": "32.6"}, "lat", "Give both latitude and longitude, or neither."),
        ({"trees": "2.5"}, "trees", "Enter a whole number."),
    ],
)
def test_bad_input_is_shown_on_its_field_and_nothing_is_saved(
    client, team, leader, changes, field, message
):
    client.force_login(leader)
    before = counts()
    response = client.post(
        en("report_create", team.pk), form_data(team, photos=[jpeg()], **changes)
    )
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert counts() == before
    assert "Please correct the fields marked below" in text(response)


def test_thirty_hours_for_a_member_is_refused(client, team, leader, member):
    client.force_login(leader)
    before = counts()
    response = client.post(
        en("report_create", team.pk),
        form_data(team, photos=[jpeg()], **{f"hours_{member.pk}": "30"}),
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors[f"hours_{member.pk}"] == ["No one serves more than 24 hours in a day."]
    assert "No one serves more than 24 hours in a day." in text(response)
    assert counts() == before


def test_hours_beyond_a_members_day_are_refused_by_the_service(client, team, leader, member):
    make_report(
        team, leader, date=timezone.localdate() - datetime.timedelta(days=1), hours={member.pk: 20}
    )
    client.force_login(leader)
    before = counts()
    response = client.post(
        en("report_create", team.pk), form_data(team, **{f"hours_{member.pk}": "6"})
    )
    assert response.status_code == 400
    assert "a day has only 24" in " ".join(response.context["form"].member_errors)
    assert counts() == before


def test_a_report_for_another_teams_event_is_refused(client, team, leader, other_team):
    starts = timezone.localtime() - datetime.timedelta(days=2)
    theirs = EventFactory(
        team=other_team,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        signup_deadline=starts - datetime.timedelta(days=1),
    )
    client.force_login(leader)
    before = counts()
    response = client.post(en("report_create", team.pk), form_data(team, event=theirs.pk))
    assert response.status_code == 400
    assert response.context["form"].errors["event"] == ["Choose one of your team's past events."]
    assert counts() == before


def stored_files() -> list:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def photo_error(client, team, photos) -> str:
    response = client.post(en("report_create", team.pk), form_data(team, photos=photos))
    assert response.status_code == 400
    assert stored_files() == []
    return " ".join(response.context["form"].errors["photos"])


def test_a_file_that_is_not_an_image_is_refused(client, team, leader):
    client.force_login(leader)
    before = counts()
    notes = SimpleUploadedFile("notes.jpg", b"just some notes", content_type="image/jpeg")
    message = photo_error(client, team, [jpeg(), notes])
    assert "“notes.jpg” is not a photo we can read" in message
    assert counts() == before


def test_a_tenth_photo_is_refused(client, team, leader):
    client.force_login(leader)
    before = counts()
    message = photo_error(client, team, [jpeg(f"{n}.jpg") for n in range(10)])
    assert "at most 9 photos" in message
    assert counts() == before


def test_a_tenth_photo_is_refused_when_editing(client, team, leader):
    report = make_report(team, leader, photos=[jpeg(f"{n}.jpg") for n in range(9)])
    client.force_login(leader)
    before = counts()
    response = client.post(en("report_edit", report.pk), form_data(team, photos=[jpeg()]))
    assert response.status_code == 400
    assert "at most 9 photos" in " ".join(response.context["form"].errors["photos"])
    assert counts() == before
    # Removing one makes room for the new one.
    first = report.photos.first()
    response = client.post(
        en("report_edit", report.pk), form_data(team, photos=[jpeg()], remove_photos=[first.pk])
    )
    assert response.status_code == 302
    assert report.photos.count() == 9
    assert not ReportPhoto.objects.filter(pk=first.pk).exists()


def test_a_decompression_bomb_is_refused(client, team, leader):
    buf = io.BytesIO()
    PILImage.new("1", (20000, 20000)).save(buf, "PNG")
    bomb = SimpleUploadedFile("bomb.png", buf.getvalue(), content_type="image/png")
    client.force_login(leader)
    before = counts()
    message = photo_error(client, team, [bomb])
    assert "too many pixels" in message
    assert counts() == before


@override_settings(REPORT_PHOTO_MAX_BYTES=1024 * 1024)
def test_a_photo_over_the_size_limit_is_refused(client, team, leader):
    small = jpeg().read()
    huge = SimpleUploadedFile(
        "huge.jpg", small + b"\0" * (1024 * 1024 + 1), content_type="image/jpeg"
    )
    client.force_login(leader)
    before = counts()
    message = photo_error(client, team, [huge])
    assert "“huge.jpg” is larger than 1.0\xa0MB" in message
    assert counts() == before


def test_an_empty_upload_is_refused(client, team, leader):
    client.force_login(leader)
    before = counts()
    empty = SimpleUploadedFile("empty.jpg", b"", content_type="image/jpeg")
    assert "empty" in photo_error(client, team, [empty])
    assert counts() == before


def test_a_campaign_outside_its_period_is_refused(client, team, leader, home_page_for_campaigns):
    campaign = CampaignPageFactory(
        parent=home_page_for_campaigns,
        start_date=timezone.localdate() - datetime.timedelta(days=10),
    )
    client.force_login(leader)
    before = counts()
    response = client.post(
        en("report_create", team.pk),
        form_data(
            team,
            campaign=campaign.pk,
            date=(timezone.localdate() - datetime.timedelta(days=20)).isoformat(),
        ),
    )
    assert response.status_code == 400
    assert "outside the campaign's period" in " ".join(response.context["form"].errors["campaign"])
    assert counts() == before
    response = client.post(en("report_create", team.pk), form_data(team, campaign=campaign.pk))
    assert response.status_code == 302
    assert ActivityReport.objects.get().campaign.pk == campaign.pk
