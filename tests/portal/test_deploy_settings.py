"""Production settings: `check --deploy` clean, secure cookies, and a clear
start-up error when a required variable is missing."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "x" * 20 + "-production-like-secret-with-enough-entropy-9f8e7d6c5b4a",
    "ALLOWED_HOSTS": "qingshui.example",
    "DATABASE_URL": "postgres://qingshui:secret@127.0.0.1:5432/qingshui",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@127.0.0.1:587",
    "PORTAL_BASE_URL": "https://qingshui.example",
}


def manage(*args, env_overrides=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_", "REDIS_"))}
    env.update(PRODUCTION_ENV)
    env.update(env_overrides or {})
    env = {k: v for k, v in env.items() if v is not None}  # None: leave the variable unset
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_the_public_address_is_left_unset():
    result = manage("check", "--deploy", env_overrides={"PORTAL_BASE_URL": None})
    assert "portal.W001" in result.stderr
    assert "PORTAL_BASE_URL is 'http://127.0.0.1:8000'" in result.stderr
    assert "HINT: Set PORTAL_BASE_URL to the portal's public https address" in result.stderr


def test_production_without_redis_fails_with_a_clear_message():
    result = manage("check", env_overrides={"REDIS_URL": ""})
    assert result.returncode != 0
    assert "REDIS_URL must be set in production" in result.stderr


def test_collectstatic_writes_hashed_and_compressed_files(tmp_path):
    result = manage(
        "collectstatic", "--noinput", env_overrides={"STATIC_ROOT": str(tmp_path / "static")}
    )
    assert result.returncode == 0, result.stderr
    css = list((tmp_path / "static" / "css").glob("site.*.css"))
    assert css, "whitenoise's manifest storage should write a hashed site.css"
    assert (tmp_path / "static" / "css" / f"{css[0].name}.gz").exists()
