"""`make prod`'s stack, started by the same script, seen through nginx.

One stack for the module (about 30 s to collect static files, migrate and load the
demo into a database of its own); the last test stops it the way Ctrl-C does.
"""

import gzip
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings
from psycopg import sql

from .conftest import ROOT, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        shutil.which("nginx") is None,
        reason="needs nginx: apt-get install nginx (scripts/ensure-nginx.sh does it as root)",
    ),
]

PORTS = range(8481, 8490)
SERVICES = ("web", "worker", "beat", "nginx")
# Only this test's stack writes here: flushed before it starts and after it stops.
STACK_REDIS_DB = int(os.environ.get("TEST_STACK_REDIS_DB", "14"))
_direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.skip(f"no free port in {PORTS.start}–{PORTS.stop - 1} for the stack's nginx")


def alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"


@dataclass
class Stack:
    url: str
    folder: Path
    script: subprocess.Popen
    pids: dict

    def get(self, path: str, headers: dict | None = None):
        request = urllib.request.Request(self.url + path, headers=headers or {})  # noqa: S310
        try:
            with _direct.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def log(self, name: str) -> str:
        path = self.folder / "prod" / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""


def _admin_connection():
    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    )


def _redis_flush(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql" or not settings.REDIS_URL:
        pytest.skip("production settings need PostgreSQL and Redis: set DATABASE_URL, REDIS_URL")
    folder = tmp_path_factory.mktemp("stack")
    name = f"qingshui_prod_stack_{os.getpid()}"
    with _admin_connection() as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    redis_url = urlunsplit(urlsplit(settings.REDIS_URL)._replace(path=f"/{STACK_REDIS_DB}"))
    _redis_flush(redis_url)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PORTAL_"))}
    env |= {
        "PROD_PORT": str(port),
        "PROD_DIR": str(folder / "prod"),
        "PROD_ENV_FILE": str(folder / "prod.env"),
        "PROD_DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}"
            f":{db['PORT'] or 5432}/{name}"
        ),
        "PROD_REDIS_URL": redis_url,
        "PYTHON": sys.executable,
    }
    output = (folder / "prod.out").open("w")
    script = subprocess.Popen(
        ["bash", "scripts/prod.sh"],
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # our own Ctrl-C below reaches the script alone
        # As in a terminal: a test run started in the background inherits SIGINT
        # ignored, and a shell cannot trap a signal ignored when it started.
        preexec_fn=_default_sigint,
    )
    running = Stack(url=f"http://127.0.0.1:{port}", folder=folder, script=script, pids={})
    try:
        wait_for(
            lambda: (
                script.poll() is not None or "Qingshui is up" in (folder / "prod.out").read_text()
            ),
            timeout=120,
            what="scripts/prod.sh to report the stack up",
        )
        assert script.poll() is None, (folder / "prod.out").read_text()[-3000:]
        running.pids = {n: int((folder / "prod" / f"{n}.pid").read_text()) for n in SERVICES}
        yield running
    finally:
        if script.poll() is None:
            script.send_signal(signal.SIGINT)
            try:
                script.wait(timeout=60)
            except subprocess.TimeoutExpired:
                script.kill()
        for pid in running.pids.values():  # whatever the script left, by PID
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        output.close()
        _redis_flush(redis_url)
        with _admin_connection() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def test_the_home_page_is_served_in_chinese_through_nginx(stack):
    status, headers, body = stack.get("/")
    assert status == 200
    assert headers["Server"] == "nginx"
    html = body.decode()
    assert '<html class="no-js" lang="zh-Hans">' in html
    assert "清水" in html


def test_pages_are_compressed_when_the_browser_asks(stack):
    status, headers, body = stack.get("/", {"Accept-Encoding": "gzip"})
    assert (status, headers["Content-Encoding"]) == (200, "gzip")
    assert "清水" in gzip.decompress(body).decode()
    assert stack.get("/")[1]["Content-Encoding"] is None


def test_hashed_static_files_come_from_disk_cached_for_a_year(stack):
    html = stack.get("/")[2].decode()
    css = re.search(r"/static/css/site\.[0-9a-f]{12}\.css", html).group()
    status, headers, body = stack.get(css, {"Accept-Encoding": "gzip"})
    assert status == 200
    # whitenoise would say "max-age=315360000, public, immutable": this is nginx's.
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Encoding"] == "gzip"  # the .gz collectstatic wrote
    assert stack.get("/static/css/site.css")[1]["Cache-Control"] == "public, max-age=3600"


def test_the_reservoir_outline_every_map_draws_is_one_cached_static_file(stack):
    """The events map loads the outline from a hashed static file, GeoJSON by its type,
    compressed and kept for a year, instead of carrying it in every page."""
    html = stack.get("/events/map/")[2].decode()
    outline = re.search(r"/static/maps/danjiangkou_water\.[0-9a-f]{12}\.geojson", html).group()
    status, headers, body = stack.get(outline, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Type"] == "application/geo+json"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert json.loads(gzip.decompress(body))["features"][0]["geometry"]["coordinates"]
    assert '"coordinates"' not in html


def test_the_service_worker_and_manifest_name_the_hashed_static_files(stack):
    """With collected, hashed static files the app's offline shell still lists real files."""
    status, headers, body = stack.get("/sw.js")
    assert status == 200 and headers["Service-Worker-Allowed"] == "/"
    shell = re.findall(r'"(/static/[^"]+)"', body.decode())
    assert any(re.search(r"/static/css/site\.[0-9a-f]{12}\.css", path) for path in shell)
    for path in shell:
        assert stack.get(path)[0] == 200, path
    manifest = json.loads(stack.get("/manifest.webmanifest")[2])
    for icon in manifest["icons"]:
        assert stack.get(icon["src"])[0] == 200, icon["src"]


def test_the_app_sees_the_scheme_and_host_nginx_saw(stack):
    # A visitor's own X-Forwarded-Proto is replaced: http stays http.
    html = stack.get("/", {"X-Forwarded-Proto": "https"})[2].decode()
    assert f'<link rel="canonical" href="{stack.url}/">' in html


def test_feed_links_use_the_portal_base_url(stack):
    status, _headers, body = stack.get("/news/feed/")
    assert status == 200
    links = re.findall(r"<link>([^<]+)</link>", body.decode())
    assert links and all(link.startswith(stack.url + "/news/") for link in links)


def test_signing_in_over_plain_http_reaches_the_form_check(stack):
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor()
    )
    with opener.open(stack.url + "/accounts/login/", timeout=30) as response:
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode())
    form = f"csrfmiddlewaretoken={token.group(1)}&login=nobody%40example.com&password=wrong"
    request = urllib.request.Request(  # noqa: S310 - 127.0.0.1
        stack.url + "/accounts/login/",
        data=form.encode(),
        headers={"Origin": stack.url, "Referer": stack.url + "/accounts/login/"},
    )
    # Not 403: the CSRF cookie came back over http and the app could tell the client address.
    with opener.open(request, timeout=30) as response:
        assert response.status == 200
        assert "您提供的电子邮件地址和/或密码不正确" in response.read().decode()


def test_an_oversize_upload_is_refused_by_nginx_with_a_page_that_says_why(stack):
    connection = http.client.HTTPConnection("127.0.0.1", urlsplit(stack.url).port, timeout=30)
    try:
        # Only the headers: nginx answers from Content-Length, before any body is sent.
        connection.putrequest("POST", "/teams/1/reports/new/")
        connection.putheader("Content-Type", "multipart/form-data; boundary=x")
        connection.putheader("Content-Length", str(200 * 1024 * 1024))
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 413
        assert "上传的内容太大" in response.read().decode()
    finally:
        connection.close()
    assert "client intended to send too large body" in stack.log("nginx-error")


def test_ctrl_c_stops_every_process_the_stack_started(stack):
    assert all(alive(pid) for pid in stack.pids.values())
    stack.script.send_signal(signal.SIGINT)
    stack.script.wait(timeout=60)
    still = {name: pid for name, pid in stack.pids.items() if alive(pid)}
    assert not still, f"still running after Ctrl-C: {still}"
    assert not list((stack.folder / "prod").glob("*.pid"))
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", urlsplit(stack.url).port)) != 0
