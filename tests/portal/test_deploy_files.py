"""The deploy/ configuration agrees with the settings it has to match."""

import importlib.util
import re
from pathlib import Path

import pytest
from django.conf import settings

from volunteers.participation.models.reports import MAX_PHOTOS

ROOT = Path(__file__).resolve().parents[2]
NGINX_SITE = ROOT / "deploy" / "nginx" / "qingshui.conf"
UNITS = {1: 1, "k": 1024, "m": 1024**2, "g": 1024**3}

# deploy/ is not a package: its renderer is a script operators run by path.
_spec = importlib.util.spec_from_file_location("deploy_render", ROOT / "deploy" / "render.py")
_module = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_module)
render = _module.render


def nginx_body_limit() -> int:
    number, unit = re.search(
        r"^\s*client_max_body_size (\d+)([kmg]?);", NGINX_SITE.read_text(), re.M
    ).groups()
    return int(number) * UNITS[unit or 1]


def test_nginx_admits_a_report_with_every_photo_at_full_size():
    largest_report = MAX_PHOTOS * settings.REPORT_PHOTO_MAX_BYTES
    assert nginx_body_limit() > largest_report
    assert nginx_body_limit() > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE


def test_nginx_refuses_what_no_form_would_take():
    # Much more than the largest report would tie up a gunicorn worker for nothing.
    assert nginx_body_limit() <= MAX_PHOTOS * settings.REPORT_PHOTO_MAX_BYTES + 16 * 1024**2


def test_rendering_fills_the_placeholders_and_leaves_nginx_variables_alone():
    values = {
        "QINGSHUI_LISTEN": "80",
        "QINGSHUI_SERVER_NAME": "qingshui.example",
        "QINGSHUI_UPSTREAM": "unix:/run/qingshui/gunicorn.sock",
        "QINGSHUI_STATIC_ROOT": "/srv/qingshui/staticfiles",
        "QINGSHUI_MEDIA_ROOT": "/srv/qingshui/media",
    }
    conf = render(NGINX_SITE.read_text(), values)
    assert not re.search(r"\$\{QINGSHUI_[A-Z0-9_]+\}", conf)
    assert "alias /srv/qingshui/staticfiles/;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf


def test_a_placeholder_without_a_value_is_an_error():
    with pytest.raises(SystemExit, match="QINGSHUI_MEDIA_ROOT"):
        render("alias ${QINGSHUI_MEDIA_ROOT}/;", {})
