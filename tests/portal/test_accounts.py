import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache

from portal.outbox import OutgoingMail

pytestmark = pytest.mark.django_db

PASSWORD = "riverbank-patrol-2026"


def signup(client, email="xiaoshuidi@example.com"):
    return client.post(
        "/accounts/signup/",
        {
            "email": email,
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "小水滴",
            "consent": "on",
        },
    )


def test_signup_page_renders_in_site_layout(client, home):
    response = client.get("/accounts/signup/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in html
    assert 'name="email"' in html


def test_signup_sends_verification_mail_through_the_outbox(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client)
    assert response.status_code == 302
    row = OutgoingMail.objects.get(to="xiaoshuidi@example.com")
    assert row.sent_at is not None
    assert len(mail.outbox) == 1
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_unverified_account_cannot_sign_in_until_confirmed(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signup(client)
    client.logout()
    response = client.post(
        "/accounts/login/", {"login": "xiaoshuidi@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url.startswith("/accounts/confirm-email/")
    assert "_auth_user_id" not in client.session

    link = next(
        line for line in mail.outbox[-1].body.splitlines() if "/accounts/confirm-email/" in line
    )
    confirm_path = "/accounts/" + link.split("/accounts/", 1)[1].strip()
    client.post(confirm_path)
    assert EmailAddress.objects.get(email="xiaoshuidi@example.com").verified
    response = client.post(
        "/accounts/login/", {"login": "xiaoshuidi@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_duplicate_signup_creates_no_second_account_and_reveals_nothing(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signup(client)
    client.logout()
    cache.clear()  # past allauth's one-mail-per-3-minutes limit for this address
    with django_capture_on_commit_callbacks(execute=True):
        response = signup(client)
    # Same answer as a fresh sign-up, so the form cannot be used to probe who
    # has an account; the owner is told by e-mail instead.
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="xiaoshuidi@example.com").count() == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == ["xiaoshuidi@example.com"]


def test_repeated_failed_logins_are_rate_limited(client, home):
    for _ in range(5):
        client.post("/accounts/login/", {"login": "staff@qingshui.example", "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"login": "staff@qingshui.example", "password": "qingshui-staff-2026"}
    )
    # Even the right password is refused while the account is throttled.
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_admin_redirects_to_the_rate_limited_login(client, home):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")


def test_staff_signs_in_through_allauth_and_reaches_the_admin(client, home):
    response = client.post(
        "/accounts/login/?next=/admin/",
        {"login": "staff@qingshui.example", "password": "qingshui-staff-2026", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_english_account_pages_under_en(client, home):
    html = client.get("/en/accounts/login/").content.decode()
    assert 'lang="en"' in html
    assert "Sign In" in html or "Sign in" in html
