"""Real service processes for integration tests: a Celery worker against Redis."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]


def _database_url_for_test_db() -> str:
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the worker must share the test database: set DATABASE_URL to PostgreSQL")
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def wait_for(condition, *, timeout: float, what: str):
    """Poll ``condition`` until it returns something truthy or the deadline passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture
def celery_worker_process(transactional_db, tmp_path):
    """Start ``celery worker`` as its own process, sharing the test DB and Redis."""
    yield from celery_processes(tmp_path, beat=False)


@pytest.fixture
def celery_worker_with_beat(transactional_db, tmp_path):
    """A worker and a beat process whose scans run every second."""
    yield from celery_processes(tmp_path, beat=True)


def celery_processes(tmp_path, *, beat: bool, redis_url: str | None = None, extra_env=None):
    redis_url = redis_url or settings.REDIS_URL
    if not redis_url:
        pytest.skip("needs REDIS_URL: the worker and this test talk through Redis")
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir(exist_ok=True)
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": _database_url_for_test_db(),
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_FILE_PATH": str(mail_dir),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "REMINDER_SCAN_SECONDS": "1",
        "OUTBOX_SWEEP_SECONDS": "1",
        **(extra_env or {}),
    }
    log = (tmp_path / "worker.log").open("w")
    celery = [sys.executable, "-m", "celery", "-A", "portal"]
    commands = [
        celery
        + [
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "-n",
            f"test-{os.getpid()}@%h",
        ],
    ]
    if beat:
        commands.append(
            celery
            + ["beat", "--loglevel=INFO", "--schedule", str(tmp_path / "celerybeat-schedule")]
        )

    def start(command):
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        processes.append(process)
        return process

    def start_worker():
        """Start a worker (another one after a test killed the first) and wait for its ping."""
        worker = start(commands[0])
        wait_for(
            lambda: worker.poll() is None and celery_app.control.ping(timeout=0.5),
            timeout=60,
            what="the Celery worker to answer a ping",
        )
        return worker

    processes = []
    was_eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False  # this process now sends through Redis
    try:
        worker = start_worker()
        beat_process = start(commands[1]) if beat else None
        yield {
            "mail_dir": mail_dir,
            "log": tmp_path / "worker.log",
            "worker": worker,
            "beat": beat_process,
            "start_worker": start_worker,
        }
    finally:
        celery_app.conf.task_always_eager = was_eager
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
