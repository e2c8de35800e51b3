"""Content-Security-Policy and Permissions-Policy on public pages, cached pages and the admin."""

import base64
import gzip
import hashlib
import re

import pytest
from django.test import Client

from portal.maps.providers import PROVIDERS, provider_tiles, tile_origins
from portal.security.csp import nonce_placeholder, nonces_to_hashes
from tests.factories import EventFactory, TeamFactory, VolunteerFactory

CSP = "Content-Security-Policy"
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>")
INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)
DATA_BLOCK = re.compile(r'type="application/(?:ld\+)?json"')


def directives(response) -> dict[str, list[str]]:
    policy = response[CSP]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def header_nonce(response) -> str:
    nonces = [v for v in directives(response)["script-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1, response[CSP]
    return nonces[0][len("'nonce-") : -1]


def inline_script_nonces(html: str) -> list[str]:
    """The nonce of every inline script that runs (data blocks such as JSON-LD do not)."""
    nonces = []
    for attrs in SCRIPT_TAG.findall(html):
        if "src=" in attrs or DATA_BLOCK.search(attrs):
            continue
        found = re.search(r'nonce="([^"]*)"', attrs)
        nonces.append(found[1] if found else "")
    return nonces


@pytest.fixture
def events(home):
    team = TeamFactory(leader=VolunteerFactory().user)
    return [EventFactory(team=team, title=f"库区巡河 {n}") for n in range(3)]


def test_public_pages_get_a_strict_policy_and_the_permissions_policy(client, home):
    response = client.get("/")
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["script-src"] + policy["style-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == policy["form-action"] == policy["connect-src"] == ["'self'"]
    # The map tiles of the configured provider (OpenStreetMap by default) may load.
    assert policy["img-src"] == ["'self'", "data:", "blob:", "https://tile.openstreetmap.org"]

    features = dict(item.split("=") for item in response["Permissions-Policy"].split(", "))
    assert features["geolocation"] == features["camera"] == "(self)"
    assert features["microphone"] == features["payment"] == features["usb"] == "()"


def test_static_files_carry_the_permissions_policy_too(client):
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert "geolocation=(self)" in response["Permissions-Policy"]


def inline_scripts(html: str) -> list[tuple[str, str]]:
    """(attributes, text) of every inline script that runs."""
    return [
        (attrs, text)
        for attrs, text in INLINE_SCRIPT.findall(html)
        if "src=" not in attrs and not DATA_BLOCK.search(attrs)
    ]


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("url", ["/events/map/", "/en/events/"])
def test_a_cached_page_allows_its_own_scripts_by_hash_and_keeps_its_etag(events, url):
    bodies = set()
    for expected in ("miss", "hit", "hit"):
        response = Client().get(url)
        assert response["X-Page-Cache"] == expected
        html = response.content.decode()
        scripts = inline_scripts(html)
        allowed = directives(response)["script-src"]
        assert scripts and all(sha256_source(text) in allowed for _, text in scripts)
        assert not any("nonce=" in attrs for attrs, _ in scripts)
        assert nonce_placeholder() not in html
        assert not any(source.startswith("'nonce-") for source in allowed)
        bodies.add(html)
        etag = response["ETag"]
    # Every visitor, the first included, gets the same page, so a browser may revalidate.
    assert len(bodies) == 1
    again = Client().get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    # The 304 refreshes the kept headers: its policy still allows the kept page's scripts.
    assert all(sha256_source(text) in directives(again)["script-src"] for _, text in scripts)


@pytest.mark.parametrize("url", ["/events/map/", "/events/"])
def test_a_cached_page_is_compressed_once_and_sent_as_stored(events, url, monkeypatch):
    from django.middleware import gzip as gzip_middleware

    compressions = []
    real_compress = gzip_middleware.compress_string

    def counted(*args, **kwargs):
        compressions.append(1)
        return real_compress(*args, **kwargs)

    monkeypatch.setattr(gzip_middleware, "compress_string", counted)
    for expected in ("miss", "hit", "hit"):
        response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert response["X-Page-Cache"] == expected
        assert response["Content-Encoding"] == "gzip"
        html = gzip.decompress(response.content).decode()
        allowed = directives(response)["script-src"]
        assert all(sha256_source(text) in allowed for _, text in inline_scripts(html))
    # By GZipMiddleware for the first visitor; the hits are sent as stored.
    assert len(compressions) == 1


def test_only_scripts_the_portal_wrote_are_allowed_by_hash():
    ours = f'<script nonce="{nonce_placeholder()}">go()</script>'
    injected = '<script nonce="guessed">steal()</script><script>steal()</script>'
    content, additions = nonces_to_hashes((ours + injected).encode())
    assert additions == {"script-src": [sha256_source("go()")]}
    assert content.decode() == "<script>go()</script>" + injected


def test_a_page_without_inline_scripts_keeps_its_etag(client, home):
    client.get("/en/")
    response = client.get("/en/")
    assert response["X-Page-Cache"] == "hit" and response.has_header("ETag")
    assert inline_script_nonces(response.content.decode()) == []


def test_a_signed_in_volunteer_gets_a_nonce_of_their_own(client, events):
    client.force_login(VolunteerFactory().user)
    response = client.get("/events/map/")
    assert "X-Page-Cache" not in response
    assert set(inline_script_nonces(response.content.decode())) == {header_nonce(response)}


def test_the_map_page_sets_no_style_attribute_the_policy_would_refuse(client, events):
    html = client.get("/events/map/").content.decode()
    assert 'class="folium-map qs-map"' in html
    assert re.search(r"\sstyle=", html) is None
    assert "<style" not in html


def test_the_admin_allows_wagtails_inline_scripts_and_its_preview_frames(
    client, home, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.com", "x"))
    admin = client.get("/admin/")
    assert admin.status_code == 200
    policy = directives(admin)
    assert policy["script-src"] == policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    # The same person on a public page gets the public policy.
    assert "'unsafe-inline'" not in directives(client.get("/events/map/"))["script-src"]


@pytest.mark.parametrize("name", PROVIDERS)
def test_every_tile_host_of_a_provider_is_allowed_for_images(name):
    tiles = provider_tiles(name, key="k", english_labels=False)
    origins = tile_origins(name)
    for url in filter(None, (tiles.url, tiles.labels_url)):
        for sub in tiles.subdomains or [""]:
            host = url.replace("{s}", sub).split("/")[2]
            assert f"https://{host}" in origins
