"""Helpers shared by the participation tests."""

import datetime
import html
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import ExifTags
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.factories import ServiceRecordFactory, VolunteerFactory
from volunteers.participation.models.hours import ServiceRecord, ServiceRecordChange
from volunteers.participation.models.reports import ActivityReport, ReportPhoto
from volunteers.participation.services.attendance import (
    record_create_for_attendance,
    records_submit,
)
from volunteers.participation.services.reports import report_save

# --- Service records --------------------------------------------------------------------


def history(record):
    return [
        (c.action, c.old_hours, c.new_hours, c.old_status, c.new_status, c.changed_by_id, c.note)
        for c in ServiceRecordChange.objects.filter(record=record).order_by("pk")
    ]


def submit(event, leader, *people, hours="2.5"):
    records = [
        record_create_for_attendance(event=event, user=person, hours=hours, by=leader)
        for person in people
    ]
    records_submit(event=event, by=leader)
    for record in records:
        record.refresh_from_db()
    return records


# --- The admin review queues --------------------------------------------------------------

HOURS = "/admin/volunteers/hours/"
REPORTS = "/admin/volunteers/reports/"
PER_PAGE = 5


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


def ids_on(response) -> list[int]:
    return [int(pk) for pk in re.findall(r'data-object-id="(\d+)"', response.content.decode())]


def listing_rows(page: str) -> str:
    """The rows of the listing's table (the page has other tables)."""
    table = page[page.index('<table class="listing') :]
    return table[table.index("<tbody") : table.index("</tbody>")]


def link(response, which: str) -> str | None:
    match = re.search(rf'data-page="{which}" href="([^"]+)"', response.content.decode())
    return html.unescape(match.group(1)) if match else None


def page_form(page: str, form_id: str) -> str:
    form = page[page.index(f'id="{form_id}"') :]
    return form[: form.index("</form>")]


# --- The report pages ---------------------------------------------------------------------

Image = get_image_model()


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
