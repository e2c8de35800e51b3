"""Certificate pages: the owner downloads, anyone verifies, nobody sees more than the PDF shows."""

import pytest
from django.urls import reverse

from tests.factories import VolunteerFactory
from tests.volunteers.recognition.helpers import CERTIFICATE_MARKS
from volunteers.participation.services.hours import record_adjust

pytestmark = CERTIFICATE_MARKS


def test_a_volunteer_gets_and_downloads_their_certificate(
    client, volunteer_with_hours, django_capture_on_commit_callbacks
):
    client.force_login(volunteer_with_hours)
    page = client.get("/en/me/certificate/")
    assert b"Get my certificate" in page.content

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/me/certificate/")
    assert response.status_code == 302
    page = client.get("/en/me/certificate/")
    certificate = volunteer_with_hours.certificates.get()
    assert certificate.code.encode() in page.content
    assert b"Download the PDF" in page.content

    pdf = client.get(reverse("volunteers:certificate_download", args=[certificate.code]))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert "attachment" in pdf["Content-Disposition"]
    assert pdf["Cache-Control"] == "private, no-store"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_pending_certificate_page_refreshes_itself(client, volunteer_with_hours):
    client.force_login(volunteer_with_hours)
    client.post("/en/me/certificate/")  # the task waits for the commit, which never comes here
    page = client.get("/en/me/certificate/")
    assert b"being prepared" in page.content
    assert b'http-equiv="refresh"' in page.content


def test_someone_elses_certificate_cannot_be_downloaded(client, volunteer_with_hours, issue):
    certificate = issue(volunteer_with_hours, "zh-hans")
    url = reverse("volunteers:certificate_download", args=[certificate.code])
    assert client.get(url).status_code == 302  # anonymous: log in first
    client.force_login(VolunteerFactory().user)
    assert client.get(url).status_code == 404


def test_without_approved_hours_there_is_nothing_to_certify(client, volunteer):
    client.force_login(volunteer)
    page = client.get("/en/me/certificate/")
    assert b"once staff have approved your first service hours" in page.content
    response = client.post("/en/me/certificate/", follow=True)
    assert b"no approved service hours yet" in response.content
    assert not volunteer.certificates.exists()


def test_the_verification_page_shows_only_what_the_certificate_shows(
    client, volunteer_with_hours, issue
):
    profile = volunteer_with_hours.volunteer
    certificate = issue(volunteer_with_hours, "zh-hans")

    page = client.get(f"/en/verify/{certificate.code}/")

    assert page.status_code == 200
    text = page.content.decode()
    assert "Genuine" in text and "张*丰" in text and "5.5" in text
    for private in (
        profile.real_name,
        profile.phone,
        volunteer_with_hours.email,
        profile.display_name,
    ):
        assert private not in text
    assert page["X-Robots-Tag"] == "noindex"


def test_a_superseded_certificate_says_so(client, volunteer_with_hours, staff, issue):
    first = issue(volunteer_with_hours, "zh-hans")
    record_adjust(
        record=volunteer_with_hours.service_records.first(), hours="1", reason="更正", by=staff
    )
    second = issue(volunteer_with_hours, "zh-hans")

    old = client.get(f"/en/verify/{first.code}/").content.decode()
    new = client.get(f"/en/verify/{second.code}/").content.decode()
    assert "Superseded" in old and "Genuine" not in old
    assert "Genuine" in new


def test_codes_typed_loosely_lead_to_the_certificate(client, volunteer_with_hours, issue):
    certificate = issue(volunteer_with_hours, "zh-hans")
    response = client.get("/en/verify/", {"code": certificate.code.lower().replace("-", " ")})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/verify/{certificate.code}/")
    lower = client.get(f"/en/verify/{certificate.code.lower()}/")
    assert lower.status_code == 302


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/en/verify/7K3M-Q9TZ-2HXD/", 404, "No certificate has this code"),
        ("/en/verify/not-a-code/", 404, "is not a verification code"),
        ("/en/verify/%3Cscript%3E/", 404, "is not a verification code"),
        ("/en/verify/?code=abc", 400, "is not a verification code"),
    ],
)
def test_unknown_or_malformed_codes_get_a_clear_message(client, db, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert message in response.content.decode()
    assert "<script>" not in response.content.decode()
