"""PORTAL_BASE_URL: the one public address behind the Site's links, and its checks."""

import pytest
from django.core.management.sql import emit_post_migrate_signal
from django.test import override_settings

from portal.base_url import check_base_url_form, check_base_url_public


@pytest.mark.django_db
def test_after_migrate_the_sitemap_links_to_the_public_address(client, home):
    with override_settings(PORTAL_BASE_URL="https://qingshui.example"):
        # What `migrate` sends once it has run, whether or not anything was migrated.
        emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
        xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://qingshui.example/</loc>" in xml
    assert "<loc>https://qingshui.example/en/</loc>" in xml
    assert "127.0.0.1" not in xml


@pytest.mark.parametrize(
    "base_url",
    ["http://127.0.0.1:8000", "http://qingshui.example", "https://localhost"],
)
def test_check_deploy_warns_about_an_address_that_is_not_public_https(base_url):
    with override_settings(PORTAL_BASE_URL=base_url):
        (warning,) = check_base_url_public(None)
    assert warning.id == "portal.W001"
    assert base_url in warning.msg
    assert "PORTAL_BASE_URL=https://" in warning.hint


def test_check_deploy_is_silent_with_a_public_https_address():
    with override_settings(PORTAL_BASE_URL="https://qingshui.example"):
        assert check_base_url_public(None) == []
        assert check_base_url_form(None) == []


@pytest.mark.parametrize(
    "base_url", ["qingshui.example", "ftp://qingshui.example", "https://qingshui.example/portal"]
)
def test_an_address_links_cannot_be_built_on_is_an_error(base_url):
    with override_settings(PORTAL_BASE_URL=base_url):
        (error,) = check_base_url_form(None)
    assert error.id == "portal.E001"
