"""PostgreSQL restarted under a running gunicorn with production settings: while it is down
readiness says so (503) and the liveness probe still answers; the first requests after it
is back succeed, on the connections the workers kept (CONN_HEALTH_CHECKS)."""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from benchmarks.servers import http_status, portal_production_env, server_start

from .conftest import ROOT, wait_for
from .test_faults import free_port

PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(PG_BIN is None, reason="needs Debian's PostgreSQL server binaries"),
    pytest.mark.skipif(not settings.REDIS_URL, reason="production settings need REDIS_URL"),
]


class OwnPostgres:
    """A PostgreSQL cluster of this test's own, in a temporary folder, stopped by its PID."""

    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="qingshui-pg-"))
        self.port = free_port()
        server = f"postgres://qingshui@127.0.0.1:{self.port}"
        self.url, self.maintenance_url = f"{server}/qingshui", f"{server}/postgres"
        self.process = None

    def _run_as_postgres(self, command):
        # PostgreSQL refuses to run as root; setpriv execs, so the PID is the server's own.
        if os.geteuid() == 0:
            return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", *command]
        return command

    def create(self):
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        subprocess.run(
            self._run_as_postgres(
                [str(PG_BIN / "initdb"), "-D", str(self.dir / "data"), "-U", "qingshui",
                 "--auth=trust", "-E", "UTF8", "--no-sync"]
            ),
            check=True,
            capture_output=True,
        )  # fmt: skip
        self.start()
        with psycopg.connect(self.maintenance_url, autocommit=True) as conn:
            conn.execute("CREATE DATABASE qingshui")

    def start(self):
        self.process = subprocess.Popen(
            self._run_as_postgres(
                [str(PG_BIN / "postgres"), "-D", str(self.dir / "data"), "-p", str(self.port),
                 "-k", str(self.dir), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self._answers, timeout=30, what="PostgreSQL to accept connections")

    def _answers(self) -> bool:
        try:
            with psycopg.connect(self.maintenance_url, connect_timeout=1):
                return True
        except psycopg.OperationalError:
            return False

    def stop(self):
        self.process.send_signal(signal.SIGINT)  # "fast" shutdown: clients are disconnected
        self.process.wait(timeout=30)

    def remove(self):
        if self.process is not None and self.process.poll() is None:
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def own_postgres():
    server = OwnPostgres()
    try:
        server.create()
        yield server
    finally:
        server.remove()


@pytest.fixture
def production_web(own_postgres, tmp_path):
    env = portal_production_env(
        database_url=own_postgres.url,
        redis_url=settings.REDIS_URL,
        workdir=tmp_path,
        secret=secrets.token_urlsafe(40),
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    server = server_start(
        "portal", "portal.wsgi", port=free_port(), workers=1, env=env, log=tmp_path / "web.log"
    )
    try:
        server.wait_ready("/healthz", deadline_s=60)
        yield server
    finally:
        server.stop()


def test_requests_succeed_again_as_soon_as_postgresql_is_back(own_postgres, production_web):
    base = production_web.base_url
    assert http_status(f"{base}/readyz") == 200
    assert http_status(f"{base}/api/events.geojson") == 200  # the worker now holds a connection

    own_postgres.stop()
    assert http_status(f"{base}/readyz", timeout=10) == 503
    assert http_status(f"{base}/healthz", timeout=10) == 200

    own_postgres.start()
    # The very next requests, on the connection the worker kept from before the restart.
    assert http_status(f"{base}/api/events.geojson") == 200
    assert http_status(f"{base}/readyz") == 200
