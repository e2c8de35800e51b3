"""The hours certificate as an institution reads it: the issue date in Beijing time, the
volunteer's number, "第 N 页 共 M 页" with the code and a QR code on every page, and the
seal and signatory staff set."""

import datetime
import io
import re
import shutil
import subprocess
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader
from wagtail.models import Site

from portal.models import SiteSettings
from tests.factories import ImageFactory, ServiceRecordFactory
from tests.volunteers.recognition.helpers import CERTIFICATE_MARKS
from volunteers.participation.services.rollups import rollups_rebuild
from volunteers.recognition.certificate_pdf import CertificateLine, certificate_pdf

pytestmark = CERTIFICATE_MARKS

# 01:30 on 7 December in Shiyan is still 6 December in UTC.
AFTER_MIDNIGHT_IN_SHIYAN = datetime.datetime(2026, 12, 6, 17, 30, tzinfo=datetime.UTC)


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_of(certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def test_the_issue_date_is_the_day_in_beijing_across_utc_midnight(
    client, volunteer_with_hours, issue
):
    real_now = timezone.now
    with mock.patch("django.utils.timezone.now", return_value=AFTER_MIDNIGHT_IN_SHIYAN):
        certificate = issue(volunteer_with_hours, "zh-hans")
    assert timezone.now is real_now
    text = "\n".join(pages_text(pdf_of(certificate)))
    assert "出具日期：2026-12-07" in text.replace(" ", "")
    assert "2026-12-06" not in text
    # The verify page states the same date.
    html = client.get(f"/verify/{certificate.code}/").content.decode()
    assert re.search(r"<dt>出具日期</dt><dd>2026-12-07</dd>", html)
    assert certificate.volunteer_number in html


def test_every_page_carries_its_number_the_code_and_the_volunteer(volunteer_with_hours, issue):
    certificate = issue(volunteer_with_hours, "zh-hans")
    lines = [
        CertificateLine(
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=n),
            activity=f"库区清漂第 {n} 次",
            team="柳陂镇护水队",
            hours=Decimal(2),
        )
        for n in range(90)
    ]
    pages = pages_text(
        certificate_pdf(
            certificate=certificate, lines=lines, verify_url="https://qs.example/verify/X/"
        )
    )
    assert len(pages) >= 3
    for n, text in enumerate(pages, start=1):
        flat = text.replace(" ", "")
        assert f"第{n}页共{len(pages)}页" in flat
        assert certificate.code in text and certificate.volunteer_number in text


def test_the_seal_and_signatory_staff_set_are_on_the_certificate(volunteer_with_hours, issue):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.certificate_seal = ImageFactory()
    site_settings.certificate_signatory = "负责人：王明"
    site_settings.save()
    certificate = issue(volunteer_with_hours, "zh-hans")
    reader = PdfReader(io.BytesIO(pdf_of(certificate)))
    assert "负责人：王明" in reader.pages[-1].extract_text()
    assert len(reader.pages[-1].images) == 1


def test_without_a_seal_the_certificate_still_reads_right(volunteer_with_hours, issue):
    certificate = issue(volunteer_with_hours, "zh-hans")
    reader = PdfReader(io.BytesIO(pdf_of(certificate)))
    assert certificate.status == "ready" and len(reader.pages[-1].images) == 0


def test_hours_entered_by_staff_say_where_the_service_was(volunteer_with_hours, team, issue):
    ServiceRecordFactory(
        volunteer=volunteer_with_hours, team=team, hours=4, status="approved", source="manual"
    )
    rollups_rebuild()
    text = "\n".join(pages_text(pdf_of(issue(volunteer_with_hours, "zh-hans"))))
    assert f"在{team.township.name}参加志愿服务" in text.replace(" ", "")
    assert "工作人员" not in text


def test_page_one_renders_with_its_qr_code_in_the_corner(volunteer_with_hours, issue, tmp_path):
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("needs pdftoppm (poppler-utils): run scripts/ensure-fonts.sh")
    (tmp_path / "c.pdf").write_bytes(pdf_of(issue(volunteer_with_hours, "zh-hans")))
    subprocess.run([pdftoppm, "-png", "-r", "72", "-f", "1", "-l", "1", "-singlefile",
                    tmp_path / "c.pdf", tmp_path / "page"], check=True)  # fmt: skip
    page = Image.open(tmp_path / "page.png").convert("L")
    assert page.size in {(595, 842), (596, 842)}  # A4 at 72 dpi, rounded either way
    # The footer's QR code, bottom right, is about half dark modules; the margin is white.
    corner = page.crop((505, 789, 543, 827)).get_flattened_data()  # 14 mm square, 5 mm up
    assert 0.25 < sum(1 for v in corner if v < 128) / len(corner) < 0.75
    margin = page.crop((0, 0, 40, 40)).get_flattened_data()
    assert min(margin) > 240
