"""The hours certificate as an institution reads it: the issue date in Beijing time, the
volunteer's number, "第 N 页 共 M 页" with the code and a QR code on every page, and the
seal and signatory staff set."""

import datetime
import io
import re
from decimal import Decimal
from unittest import mock

from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Site

from portal.models import SiteSettings
from tests.factories import ImageFactory
from tests.volunteers.recognition.helpers import CERTIFICATE_MARKS
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
