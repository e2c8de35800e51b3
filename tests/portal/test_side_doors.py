"""Wagtail's own account pages lead to allauth's: one login and one reset, rate-limited,
and never a session for an account whose e-mail is not verified."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from wagtail.models import PageViewRestriction

from portal.outbox import OutgoingMail
from tests.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

PASSWORD = "riverbank-patrol-2026"
STAFF = "staff@qingshui.example"  # the demo's staff account


@pytest.fixture
def unverified():
    user = VolunteerFactory(user__email="new@example.com", user__password=PASSWORD).user
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    return user


@pytest.fixture
def members_only_page(home):
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    return home


def test_a_members_only_page_sends_visitors_to_the_allauth_login(client, members_only_page):
    response = client.get(members_only_page.url)
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_wagtails_page_login_leads_to_allauth_and_keeps_the_way_back(client, home, prefix):
    response = client.get(f"{prefix}/_util/login/", {"next": "/cases/"})
    assert response.status_code == 302
    assert response.url == f"{prefix}/accounts/login/?next=%2Fcases%2F"


def test_wagtails_page_login_never_sends_visitors_to_another_site(client, home):
    response = client.get("/_util/login/", {"next": "https://evil.example/"})
    assert response.url == "/accounts/login/"


def test_a_password_posted_to_wagtails_page_login_signs_no_one_in(client, unverified):
    for _ in range(40):
        response = client.post(
            "/_util/login/", {"username": "new@example.com", "password": PASSWORD}
        )
        assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_unverified_account_gets_no_session_through_any_login(client, home, unverified):
    for url in ("/accounts/login/", "/admin/login/", "/_util/login/"):
        client.post(
            url, {"login": "new@example.com", "username": "new@example.com", "password": PASSWORD}
        )
        assert "_auth_user_id" not in client.session, url


@pytest.mark.parametrize(
    "path",
    ["/admin/password_reset/", "/admin/password_reset/done/", "/admin/password_reset/confirm/x/y/"],
)
def test_the_admin_password_reset_leads_to_allauths(client, home, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == "/accounts/password/reset/"


def test_a_reset_posted_to_the_admin_sends_no_mail(client, home):
    for _ in range(12):
        client.post("/admin/password_reset/", {"email": STAFF})
    assert mail.outbox == []
    assert not OutgoingMail.objects.exists()


def test_password_resets_are_limited_per_address(client, home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(12):
            client.post("/accounts/password/reset/", {"email": STAFF})
    sent = OutgoingMail.objects.filter(to=STAFF, kind__contains="password_reset")
    assert 1 <= sent.count() <= 5
    assert len(mail.outbox) == sent.count()


def test_the_admin_account_page_changes_passwords_on_allauths_page(admin_client):
    html = admin_client.get("/admin/account/").content.decode()
    assert 'href="/accounts/password/change/"' in html
    assert admin_client.get("/admin/account/change_password/").status_code == 404


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/login/?next=/admin/"])
def test_a_signed_in_volunteer_at_the_admin_gets_a_page_saying_so_not_a_loop(client, path):
    volunteer = VolunteerFactory().user
    client.force_login(volunteer)
    response = client.get(path)
    assert response.status_code == 403
    page = response.content.decode()
    assert "管理后台仅供门户工作人员使用" in page
    assert 'href="/me/"' in page
    assert "/accounts/login/" not in page  # no "sign in" offered to someone signed in
