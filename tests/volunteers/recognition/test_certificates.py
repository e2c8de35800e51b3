"""Hours certificates: the PDF's content, one current certificate, superseding, codes."""

import io
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import translation
from pypdf import PdfReader

from portal.errors import ServiceError
from tests.volunteers.recognition.helpers import CERTIFICATE_MARKS
from volunteers.participation.services.hours import record_adjust
from volunteers.recognition.models.certificates import Certificate
from volunteers.recognition.services.certificates import (
    certificate_current,
    certificate_for_code,
    certificate_is_stale,
    certificate_request,
    code_normalise,
)

pytestmark = CERTIFICATE_MARKS


def pdf_text(certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_pdf_lists_the_hours_under_chinese_headings(volunteer_with_hours, team, issue):
    certificate = issue(volunteer_with_hours, "zh-hans")

    assert certificate.status == "ready"
    assert (certificate.total_hours, certificate.activities) == (Decimal("5.50"), 2)
    text = pdf_text(certificate)
    for expected in (
        "志愿服务证明",
        "张三丰",
        "5.5",
        "3.5",
        "日期",
        "活动",
        "时长",
        "合计",
        certificate.code,
        settings.CERTIFICATE_ISSUER,
        team.name,
    ):
        assert expected in text, expected
    assert f"/verify/{certificate.code}/" in text


def test_an_english_certificate_keeps_the_chinese_title(volunteer_with_hours, issue):
    certificate = issue(volunteer_with_hours, "en")
    text = pdf_text(certificate)
    assert "志愿服务证明" in text and "approved service hours" in text
    assert f"/en/verify/{certificate.code}/" in text


def test_the_verification_address_on_the_certificate_is_the_public_one(
    volunteer_with_hours, issue, settings
):
    settings.PORTAL_BASE_URL = "https://qingshui.example"
    certificate = issue(volunteer_with_hours, "zh-hans")
    assert f"https://qingshui.example/verify/{certificate.code}/" in pdf_text(certificate)


def test_the_same_hours_give_the_same_certificate(volunteer_with_hours):
    first = certificate_request(user=volunteer_with_hours, language="zh-hans")
    again = certificate_request(user=volunteer_with_hours, language="zh-hans")
    assert again.pk == first.pk
    assert Certificate.objects.count() == 1


def test_changed_hours_supersede_the_old_certificate(volunteer_with_hours, staff, issue):
    first = issue(volunteer_with_hours, "zh-hans")
    record = volunteer_with_hours.service_records.first()
    record_adjust(record=record, hours="1", reason="签退时间有误", by=staff)
    assert certificate_is_stale(first)

    second = issue(volunteer_with_hours, "zh-hans")

    first.refresh_from_db()
    assert first.status == "superseded" and first.superseded_at is not None
    assert second.code != first.code and second.status == "ready"
    assert certificate_current(user=volunteer_with_hours) == second
    # The old code still verifies, as superseded, with what it showed.
    found, problem = certificate_for_code(first.code)
    assert (found, problem) == (first, None)
    assert found.total_hours == Decimal("5.50")


def test_no_approved_hours_means_no_certificate(volunteer):
    with translation.override("en"), pytest.raises(ServiceError, match="no approved service hours"):
        certificate_request(user=volunteer)
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("7k3m-q9tz-2hxd", "7K3M-Q9TZ-2HXD"),
        (" 7K3M Q9TZ 2HXD ", "7K3M-Q9TZ-2HXD"),
        ("7K3MQ9TZ2HXD", "7K3M-Q9TZ-2HXD"),
        ("OK3M-Q9TZ-2HXD", "0K3M-Q9TZ-2HXD"),  # O typed for zero
        ("7K3M-Q9TZ", None),
        ("7K3M-Q9TZ-2HXU", None),  # U is not in the alphabet
        ("../../etc/passwd", None),
        ("", None),
        ("7K3M-Q9TZ-2HXD" * 50, None),
    ],
)
def test_codes_are_normalised_or_refused(typed, expected):
    assert code_normalise(typed) == expected


def test_unknown_and_malformed_codes_are_told_apart(db):
    assert certificate_for_code("nonsense") == (None, "malformed")
    assert certificate_for_code("7K3M-Q9TZ-2HXD") == (None, "unknown")


def test_markup_in_titles_stays_text_in_the_pdf(volunteer_with_hours, issue):
    record = volunteer_with_hours.service_records.first()
    record.event.title = '清漂<br>巡河 <img src="/etc/passwd"/> <b>'
    record.event.save()

    certificate = issue(volunteer_with_hours, "zh-hans")

    assert certificate.status == "ready"
    assert '清漂<br>巡河 <img src="/etc/passwd"/>' in pdf_text(certificate)


def test_a_certificate_that_cannot_be_drawn_fails_and_can_be_asked_for_again(
    volunteer_with_hours, issue, settings
):
    from volunteers.recognition.certificate_pdf import font_register
    from volunteers.recognition.services.certificates import certificate_last_failed

    font_register.cache_clear()
    settings.CERTIFICATE_FONT = "/nonexistent/font.ttc"
    try:
        broken = issue(volunteer_with_hours, "zh-hans")
    finally:
        font_register.cache_clear()
    assert broken.status == "failed"
    assert certificate_last_failed(user=volunteer_with_hours)

    settings.CERTIFICATE_FONT = _font_path()
    fresh = issue(volunteer_with_hours, "zh-hans")
    assert fresh.status == "ready" and fresh.code != broken.code
    assert not certificate_last_failed(user=volunteer_with_hours)


def _font_path():
    from portal.settings.base import CERTIFICATE_FONT

    return CERTIFICATE_FONT


def test_deleting_the_account_withdraws_its_certificates(volunteer_with_hours, issue):
    from volunteers.accounts.services import account_delete

    certificate = issue(volunteer_with_hours, "zh-hans")
    storage, name = certificate.pdf.storage, certificate.pdf.name
    assert storage.exists(name)

    account_delete(user=volunteer_with_hours)

    certificate.refresh_from_db()
    assert certificate.status == "superseded"
    assert certificate.name == "" and not certificate.pdf
    assert not storage.exists(name)
