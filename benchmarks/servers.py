"""Starting and stopping the gunicorns the benchmark measures, and asking them for a page.

The portal and the ceiling are started with one command line (``gunicorn_command``)
that differs only in the WSGI application, so what separates their figures is
the application and nothing else.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORTAL_APP = "portal.wsgi:application"
CEILING_APP = "benchmarks.ceiling:application"


def portal_production_env(
    *, database_url: str, redis_url: str, workdir: Path, secret: str
) -> dict[str, str]:
    """The environment of a portal process with production settings on 127.0.0.1:
    this database and Redis, folders under ``workdir``, plain HTTP (no TLS proxy)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secret,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": str(workdir / "static"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "WARNING",
    }


class ServerError(RuntimeError):
    """A server did not start, or something else already listens on its port."""


def gunicorn_command(app: str, *, port: int, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        # gunicorn's default control socket is one path per user: two servers would share it.
        "--no-control-socket",
        "--log-level",
        "warning",
    ]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is reported as its own status, not followed


_opener = urllib.request.build_opener(_NoRedirect)


def http_status(url: str, *, headers: dict[str, str] | None = None, timeout: float = 60) -> int:
    """The status code of one GET (body read to the end); 0 if nothing answered."""
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - 127.0.0.1 only
    try:
        with _opener.open(request, timeout=timeout) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0


def port_taken(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(1)
        return probe.connect_ex(("127.0.0.1", port)) == 0


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, path: str, *, deadline_s: float) -> None:
        """Poll ``path`` until it answers 200, the process dies or the deadline passes."""
        give_up = time.monotonic() + deadline_s
        while time.monotonic() < give_up:
            if self.process.poll() is not None:
                raise ServerError(f"{self.name} exited at start:\n{self.log.read_text()[-3000:]}")
            if http_status(self.base_url + path, timeout=5) == 200:
                return
            time.sleep(0.2)  # polling interval, not a wait for readiness
        raise ServerError(f"{self.name} did not answer {path} within {deadline_s:g} s")

    def stop(self) -> None:
        """SIGTERM to the gunicorn master we started (it stops its workers), then SIGKILL."""
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # its own session: master and workers
            self.process.wait(timeout=10)


def server_start(name: str, app: str, *, port: int, workers: int, env: dict, log: Path) -> Server:
    if port_taken(port):
        raise ServerError(f"something already listens on 127.0.0.1:{port}; choose another port")
    with log.open("ab") as handle:
        process = subprocess.Popen(
            gunicorn_command(app, port=port, workers=workers),
            cwd=ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C in the terminal reaches bench.py, which stops us
        )
    return Server(name=name, port=port, process=process, log=log)
