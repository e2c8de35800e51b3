"""Helpers shared by the browser journeys."""

import io

from allauth.account.models import EmailAddress
from PIL import Image

from tests.factories import VolunteerFactory

PASSWORD = "riverbank-patrol-2026"


def person(email, name, **extra):
    user = VolunteerFactory(
        display_name=name, user__email=email, user__password=PASSWORD, **extra
    ).user
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def sign_in(page, url, email):
    page.goto(f"{url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main button[type=submit]").click()


def _blank_tile() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), "#e9eef0").save(buffer, format="PNG")
    return buffer.getvalue()


# Served for every tile request: the test machine has no internet.
BLANK_TILE = _blank_tile()
