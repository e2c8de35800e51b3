"""Account mail reads as the portal's own: its name, no host, nobody's made-up username."""

import re

import pytest
from django.contrib.auth import get_user_model

from portal.outbox import OutgoingMail

pytestmark = pytest.mark.django_db

PASSWORD = "riverbank-patrol-2026"


def signup(client, prefix=""):
    return client.post(
        f"{prefix}/accounts/signup/",
        {
            "email": "xiaoshuidi@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "display_name": "小水滴",
            "consent": "on",
        },
    )


def test_the_confirmation_mail_names_the_site_in_chinese(client, home):
    signup(client)
    mail = OutgoingMail.objects.get(to="xiaoshuidi@example.com")
    username = get_user_model().objects.get(email="xiaoshuidi@example.com").username
    assert mail.subject == "确认你在清水的电子邮箱"
    for body in (mail.text_body, mail.html_body):
        assert "清水" in body and username not in body
        assert "127.0.0.1" not in body.split("http")[0]  # no host where the site's name belongs
        assert re.search(r"http://testserver/accounts/confirm-email/[^/\s]+/", body)
    assert mail.text_body.startswith("您好，")
    assert '<html lang="zh-Hans">' in mail.html_body


def test_the_confirmation_mail_follows_the_language_of_the_page(client, home):
    signup(client, prefix="/en")
    mail = OutgoingMail.objects.get(to="xiaoshuidi@example.com")
    assert mail.subject == "Confirm your e-mail address for Qingshui"
    assert "/en/accounts/confirm-email/" in mail.text_body
    assert re.search(r"\nQingshui · http\S+/en/$", mail.text_body.rstrip())


def test_the_password_reset_mail_is_the_portals_own(client, home):
    signup(client)
    client.post("/accounts/password/reset/", {"email": "xiaoshuidi@example.com"})
    mail = OutgoingMail.objects.filter(to="xiaoshuidi@example.com").latest("created_at")
    assert mail.subject == "重设你的清水密码"
    assert "/accounts/password/reset/key/" in mail.text_body and mail.html_body
    assert "[" not in mail.subject
