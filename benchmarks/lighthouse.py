"""Lighthouse 12 (tools/standards) on Debian's Chromium against a running stack, mobile
and desktop, on the key public pages; writes docs/lighthouse.md.

    make prod &                      # nginx → gunicorn, production settings, demo data
    .venv/bin/python benchmarks/lighthouse.py http://127.0.0.1:8480

Each page and form factor is run once; the table gives the four category scores and the
audits that lost points. This machine has no internet, so the map tiles' hosts are answered
by a local stand-in (a blank tile of the provider's size over TLS, Chromium pointed at it by
--host-resolver-rules): otherwise every unreachable tile would be a console error no visitor
sees. The provider is the stack's, read from MAP_TILE_PROVIDER as the stack reads it.
"""

import http.server
import io
import json
import os
import re
import ssl
import subprocess
import sys
import tempfile
import threading
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "tools" / "standards" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run"
sys.path.insert(0, str(ROOT))

from portal.maps.providers import provider_tiles, tile_origins  # noqa: E402


def blank_tile(pixels: int) -> bytes:
    from PIL import Image  # noqa: PLC0415 - only this stand-in needs it

    buffer = io.BytesIO()
    Image.new("RGB", (pixels, pixels), "#e9eef0").save(buffer, format="PNG")
    return buffer.getvalue()


def tile_stand_in(tmp: Path, pixels: int) -> int:
    """A TLS server on 127.0.0.1 answering every tile request with a blank tile."""
    key, cert = tmp / "key.pem", tmp / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=tiles", "-keyout", key, "-out", cert],
        check=True, capture_output=True,
    )  # fmt: skip
    tile = blank_tile(pixels)

    class Tiles(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(tile)))
            self.send_header("Cache-Control", "max-age=86400")
            self.end_headers()
            self.wfile.write(tile)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    server.handle_error = lambda request, address: None  # Chromium hangs up mid-tile
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server.server_address[1]


def env_file_value(name: str) -> str:
    """``name`` from make prod's settings file (var/prod.env), if it sets it."""
    path = Path(os.environ.get("PROD_ENV_FILE", ROOT / "var" / "prod.env"))
    if path.exists():
        for line in path.read_text().splitlines():
            if line.startswith(f"{name}="):
                return line.split("=", 1)[1].strip().strip("'\"")
    return ""


def first_link(base: str, listing: str, pattern: str) -> str:
    html = urllib.request.urlopen(base + listing, timeout=30).read().decode()  # noqa: S310
    return re.search(pattern, html)[1]


def pages(base: str) -> dict[str, str]:
    return {
        "home": "/",
        "a case study": first_link(
            base, "/cases/", r'class="card__title"><a href="(/cases/[^"]+/)"'
        ),
        "/events/": "/events/",
        "an event": first_link(base, "/events/", r'href="(/events/\d+/)"'),
        "/events/map/": "/events/map/",
        "/impact/": "/impact/",
    }


def run(
    url: str, form_factor: str, flags: str, attempts: int = 3
) -> tuple[dict[str, int], list[str]]:
    """The four scores and the audits that lost points; a run Chromium could not trace
    (Lighthouse's NO_NAVSTART, now and then under load) is tried again."""
    for attempt in range(attempts):
        try:
            return _run(url, form_factor, flags)
        except subprocess.CalledProcessError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def _run(url: str, form_factor: str, flags: str) -> tuple[dict[str, int], list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={flags}",
            f"--only-categories={','.join(CATEGORIES)}",
        ]
        if form_factor == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
        subprocess.run(command, check=True, env=env, timeout=240)
        report = json.loads(out.read_text())
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    lost = sorted(
        {
            ref["id"]
            for c in CATEGORIES
            for ref in report["categories"][c]["auditRefs"]
            if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
        }
    )
    return scores, lost


def main(base: str) -> None:
    provider = os.environ.get("MAP_TILE_PROVIDER") or env_file_value("MAP_TILE_PROVIDER") or "osm"
    tiles = provider_tiles(provider, key="", english_labels=False)
    port = tile_stand_in(Path(tempfile.mkdtemp()), tiles.image_pixels)
    rules = ",".join(
        f"MAP {origin.split('://')[1]} 127.0.0.1:{port}" for origin in tile_origins(provider)
    )
    flags = f"{CHROME_FLAGS} --ignore-certificate-errors --host-resolver-rules='{rules}'"
    rows = []
    for name, path in pages(base).items():
        for form_factor in ("mobile", "desktop"):
            scores, lost = run(base + path, form_factor, flags)
            rows.append((name, path, form_factor, scores, lost))
            print(name, form_factor, scores, lost, flush=True)
    lines = [
        "# Lighthouse",
        "",
        "Lighthouse 12 (`tools/standards`) on Debian's Chromium, headless, against `make prod`",
        "(nginx with gzip → gunicorn, production settings, the demo site), one run per page and",
        f"form factor: `benchmarks/lighthouse.py`. Map tiles: `{provider}`"
        f" ({tiles.image_pixels} px images).",
        "",
        "| Page | Path | Form factor | Perf. | A11y | Best pr. | SEO | Audits short of marks |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, path, form_factor, scores, lost in rows:
        figures = " | ".join(str(scores[c]) for c in CATEGORIES)
        lost_text = ", ".join(f"`{audit}`" for audit in lost) or "—"
        lines.append(f"| {name} | `{path}` | {form_factor} | {figures} | {lost_text} |")
    (ROOT / "docs" / "lighthouse.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8480")
