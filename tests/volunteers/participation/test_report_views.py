"""Activity reports as leaders and visitors use them: the form, the report page, a team's list."""

import datetime
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone, translation
from PIL import ExifTags
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventFactory,
    MembershipFactory,
    TeamFactory,
    VolunteerFactory,
)
from tests.utils import en, messages_of, text
from volunteers.participation.models.hours import RecordStatus, ServiceRecord
from volunteers.participation.models.reports import ActivityReport, ReportPhoto
from volunteers.participation.services.reports import (
    report_approve,
    report_return,
    report_save,
    report_submit,
)

pytestmark = pytest.mark.django_db

Image = get_image_model()


@pytest.fixture(autouse=True)
def _media_and_english(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    with translation.override("en"):
        yield


def jpeg(name="river.jpg", *, size=(64, 48), colour="steelblue", gps=False) -> SimpleUploadedFile:
    image = PILImage.new("RGB", size, colour)
    buf = io.BytesIO()
    if gps:
        exif = PILImage.Exif()
        exif[ExifTags.Base.Make] = "RiverPhone"
        exif[ExifTags.Base.Model] = "RP-1"
        gps_ifd = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps_ifd[ExifTags.GPS.GPSLatitudeRef] = "N"
        gps_ifd[ExifTags.GPS.GPSLatitude] = (32.0, 39.0, 4.5)
        gps_ifd[ExifTags.GPS.GPSLongitudeRef] = "E"
        gps_ifd[ExifTags.GPS.GPSLongitude] = (111.0, 1.0, 27.6)
        image.save(buf, "JPEG", exif=exif)
    else:
        image.save(buf, "JPEG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def counts() -> tuple[int, int, int, int]:
    return (
        ActivityReport.objects.count(),
        ReportPhoto.objects.count(),
        Image.objects.count(),
        ServiceRecord.objects.count(),
    )


@pytest.fixture
def member(team, make_volunteer):
    user = make_volunteer(display_name="河畔小水滴", real_name="李秀英", phone="13912345678")
    MembershipFactory(team=team, user=user)
    return user


@pytest.fixture
def other_team(make_volunteer):
    return TeamFactory(leader=make_volunteer(display_name="别队队长"))


@pytest.fixture
def past_event(team):
    starts = timezone.localtime() - datetime.timedelta(days=3)
    return EventFactory(
        team=team,
        title="丹江口库岸清漂",
        kind="cleanup",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=3),
        signup_deadline=starts - datetime.timedelta(days=1),
        meeting_point="码头",
    )


def form_data(team, **changes) -> dict:
    data = {
        "title": "库岸清漂",
        "date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "kind": "cleanup",
        "township": team.township_id,
        "place": "石鼓码头",
        "summary": "沿库岸捡拾垃圾，分类装袋后交给镇环卫站。",
        "participants_count": "8",
        "litter_kg": "45.5",
        "river_km": "2",
        "action": "save",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def make_report(team, leader, **changes):
    data = {
        "title": "巡河报告",
        "date": timezone.localdate() - datetime.timedelta(days=2),
        "kind": "patrol",
        "township": team.township,
        "summary": "巡查河道，记录排污口。",
        "participants": 5,
        "river_km": "6.5",
        "litter_kg": "12",
    }
    photos = changes.pop("photos", ())
    participants = changes.pop("hours", None)
    data.update(changes)
    return report_save(
        team=team, by=leader, data=data, participants=participants, new_photos=photos
    )


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


@pytest.fixture
def home_page_for_campaigns(home):
    """A campaigns index in English: the form offers campaigns in the page's language."""
    from portal.models import HomePage

    return CampaignIndexPageFactory(parent=HomePage.objects.get(locale__language_code="en"))


# --- Who may write reports ----------------------------------------------------------------


def test_only_leaders_and_staff_may_write_reports(client, team, leader, member, staff, other_team):
    url = en("report_create", team.pk)
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(member)
    assert client.get(url).status_code == 403
    before = counts()
    assert client.post(url, form_data(team, photos=[jpeg()])).status_code == 403
    assert counts() == before
    client.force_login(other_team.memberships.get().user)
    assert client.post(url, form_data(team)).status_code == 403
    assert counts() == before
    co_leader = VolunteerFactory().user
    MembershipFactory(team=team, user=co_leader, role="co_leader")
    client.force_login(co_leader)
    assert client.get(url).status_code == 200
    client.force_login(staff)
    assert client.post(url, form_data(team)).status_code == 302
    assert ActivityReport.objects.get().created_by == staff


def test_unknown_ids_are_404(client, leader, team):
    client.force_login(leader)
    assert client.get(en("report_create", 999999)).status_code == 404
    assert client.get(en("report_edit", 999999)).status_code == 404
    assert client.post(en("report_submit", 999999)).status_code == 404
    assert client.get(en("report_detail", 999999)).status_code == 404
    assert client.get(en("team_reports", 999999)).status_code == 404
    huge = "9" * 25
    assert client.get(f"/en/reports/{huge}/").status_code == 404
    assert client.get(f"/en/reports/{huge}/edit/").status_code == 404
    assert client.get(f"/en/teams/{huge}/reports/new/").status_code == 404
    page = client.get(en("report_create", team.pk) + f"?event={huge}")
    assert page.status_code == 200 and page.context["form"]["event"].value() is None


def test_others_may_not_edit_or_submit(client, team, leader, member, other_team):
    report = make_report(team, leader)
    for user in (member, other_team.memberships.get().user):
        client.force_login(user)
        assert client.get(en("report_edit", report.pk)).status_code == 403
        assert client.post(en("report_edit", report.pk), form_data(team)).status_code == 403
        assert client.post(en("report_submit", report.pk)).status_code == 403
    report.refresh_from_db()
    assert report.status == "draft" and report.title == "巡河报告"


# --- Editing and submitting -----------------------------------------------------------------


def test_editing_shows_the_report_and_saves_changes(client, team, leader, member):
    report = make_report(team, leader, photos=[jpeg()], hours={member.pk: "2"})
    client.force_login(leader)
    page = client.get(en("report_edit", report.pk))
    form = page.context["form"]
    assert form["title"].value() == "巡河报告"
    assert str(form[f"hours_{member.pk}"].value()) == "2"
    assert 'name="remove_photos"' in text(page)
    response = client.post(
        en("report_edit", report.pk),
        form_data(team, title="改过的标题", **{f"hours_{member.pk}": ""}),
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title == "改过的标题"
    assert ServiceRecord.objects.get(report=report).status == RecordStatus.WITHDRAWN


def test_a_submitted_report_cannot_be_edited(client, team, leader):
    report = make_report(team, leader)
    report_submit(report=report, by=leader)
    client.force_login(leader)
    response = client.get(en("report_edit", report.pk))
    assert response.status_code == 302
    assert response["Location"] == en("report_detail", report.pk)
    assert "with staff for review" in messages_of(client.get(response["Location"]))
    client.post(en("report_edit", report.pk), form_data(team, title="偷偷改"))
    report.refresh_from_db()
    assert report.title == "巡河报告"


def test_a_returned_report_shows_the_reason_and_can_be_sent_again(client, team, leader, staff):
    report = make_report(team, leader)
    report_submit(report=report, by=leader)
    report_return(report=report, reason="请补充现场照片。", by=staff)
    client.force_login(leader)
    page = client.get(en("report_edit", report.pk))
    assert page.status_code == 200
    body = text(page)
    assert "Staff returned this report." in body and "请补充现场照片。" in body
    assert "请补充现场照片。" in text(client.get(en("report_detail", report.pk)))
    response = client.post(
        en("report_edit", report.pk), form_data(team, photos=[jpeg()], action="submit")
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.reject_reason == ""


def test_the_submit_button_sends_a_draft(client, team, leader):
    report = make_report(team, leader)
    client.force_login(leader)
    response = client.post(en("report_submit", report.pk))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    again = client.post(en("report_submit", report.pk), follow=True)
    assert "submitted already" in messages_of(again)
    assert client.get(en("report_submit", report.pk)).status_code == 405


def test_a_team_awaiting_approval_saves_drafts_but_cannot_submit(client, leader):
    team = TeamFactory(leader=leader, status="pending")
    client.force_login(leader)
    page = client.get(en("report_create", team.pk))
    assert "Save and submit for review" not in text(page)
    response = client.post(en("report_create", team.pk), form_data(team, action="submit"))
    report = ActivityReport.objects.get()
    assert report.status == "draft"
    assert "was not sent" in messages_of(client.get(response["Location"]))


# --- The report page ------------------------------------------------------------------------


def test_drafts_and_reports_under_review_are_not_public(client, team, leader, member, staff):
    report = make_report(team, leader)
    url = en("report_detail", report.pk)
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 404
    client.force_login(leader)
    page = client.get(url)
    assert page.status_code == 200 and "Draft." in text(page)
    assert en("report_edit", report.pk) in text(page)
    report_submit(report=report, by=leader)
    client.logout()
    assert client.get(url).status_code == 404
    client.force_login(staff)
    assert "Awaiting review." in text(client.get(url))


def test_an_approved_report_is_public_without_names(client, team, leader, member, staff):
    report = make_report(
        team,
        leader,
        photos=[jpeg("a.jpg"), jpeg("b.jpg")],
        hours={member.pk: "3"},
        households=0,
        samples=4,
        lat=32.65,
        lon=111.02,
    )
    ReportPhoto.objects.filter(report=report, sort_order=0).update(caption="清理后的库岸")
    report_submit(report=report, by=leader)
    report_approve(report=report, by=staff)
    response = client.get(en("report_detail", report.pk))
    assert response.status_code == 200
    body = text(response)
    assert "巡河报告" in body and team.name in body
    assert "3 approved volunteer hours" in body
    assert "5 people took part" in body
    # Figures: only the ones given.
    figures = [f.name for f in response.context["figures"]]
    assert figures == ["litter_kg", "river_km", "samples"]
    # Photos: lazy thumbnails linking to the large rendition; alt = caption or title.
    assert body.count('loading="lazy"') == 2
    assert 'alt="清理后的库岸"' in body and 'alt="巡河报告"' in body
    assert ".format-webp" in body or ".webp" in body
    assert 'property="og:image"' in body
    assert "data-report-map" in body
    # No personal data of the volunteers.
    for private in ("河畔小水滴", "李秀英", "13912345678", member.email, "库区老张"):
        assert private not in body
    assert "Draft." not in body and en("report_edit", report.pk) not in body


def test_the_report_page_links_its_event_and_campaign(
    client, team, leader, staff, past_event, home_page_for_campaigns
):
    campaign = CampaignPageFactory(parent=home_page_for_campaigns, title="清漂专项行动")
    report = make_report(team, leader, event=past_event, campaign=campaign)
    report_submit(report=report, by=leader)
    report_approve(report=report, by=staff)
    body = text(client.get(en("report_detail", report.pk)))
    assert en("event_detail", past_event.pk) in body
    assert "清漂专项行动" in body


# --- A team's reports -------------------------------------------------------------------------


def test_the_team_list_shows_approved_reports_and_leaders_drafts(client, team, leader, staff):
    approved = make_report(team, leader, title="已批准的报告", photos=[jpeg()])
    report_submit(report=approved, by=leader)
    report_approve(report=approved, by=staff)
    make_report(team, leader, title="草稿报告")
    url = en("team_reports", team.pk)
    public = text(client.get(url))
    assert "已批准的报告" in public and "草稿报告" not in public
    assert "Write a report" not in public
    client.force_login(leader)
    page = client.get(url)
    assert [r.title for r in page.context["own_reports"]] == ["草稿报告"]
    assert "Your drafts and reports under review" in text(page)
    assert "Write a report" in text(page)


def test_the_team_list_paginates_and_has_an_empty_state(client, team, leader, staff):
    client.force_login(leader)
    empty = client.get(en("team_reports", team.pk))
    assert "No approved activity reports yet." in text(empty)
    assert en("report_create", team.pk) in text(empty)
    for n in range(13):
        report = make_report(
            team, leader, title=f"报告{n}", date=timezone.localdate() - datetime.timedelta(days=n)
        )
        report_submit(report=report, by=leader)
        report_approve(report=report, by=staff)
    client.logout()
    first = client.get(en("team_reports", team.pk))
    assert len(first.context["reports"].object_list) == 12
    second = client.get(en("team_reports", team.pk) + "?page=2")
    assert [r.title for r in second.context["reports"].object_list] == ["报告12"]


def test_the_reports_of_an_unapproved_team_are_hidden(client, leader, make_volunteer):
    team = TeamFactory(leader=leader, status="pending")
    assert client.get(en("team_reports", team.pk)).status_code == 404
    client.force_login(leader)
    assert client.get(en("team_reports", team.pk)).status_code == 200


@pytest.mark.parametrize("event", ["²", "٣", "9" * 40, "-3", "abc"])
def test_an_odd_event_in_the_query_string_is_ignored(client, team, leader, event):
    client.force_login(leader)
    response = client.get(en("report_create", team.pk), {"event": event})
    assert response.status_code == 200
