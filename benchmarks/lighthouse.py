"""Lighthouse 12 (tools/standards) on Debian's Chromium against a running stack, mobile
and desktop, on the key public pages; writes docs/lighthouse.md.

    make prod &                      # nginx → gunicorn, production settings, demo data
    .venv/bin/python benchmarks/lighthouse.py http://127.0.0.1:8480

Each page and form factor is run once; the table gives the four category scores.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "tools" / "standards" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run"


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


def run(url: str, form_factor: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={CHROME_FLAGS}",
            f"--only-categories={','.join(CATEGORIES)}",
        ]
        if form_factor == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
        subprocess.run(command, check=True, env=env, timeout=240)
        report = json.loads(out.read_text())
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def main(base: str) -> None:
    rows = []
    for name, path in pages(base).items():
        for form_factor in ("mobile", "desktop"):
            scores = run(base + path, form_factor)
            rows.append((name, path, form_factor, scores))
            print(name, form_factor, scores, flush=True)
    lines = [
        "# Lighthouse",
        "",
        "Lighthouse 12 (`tools/standards`) on Debian's Chromium, headless, against `make prod`",
        "(nginx with gzip → gunicorn, production settings, the demo site), one run per page and",
        "form factor: `benchmarks/lighthouse.py`.",
        "",
        "| Page | Path | Form factor | Performance | Accessibility | Best practices | SEO |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for name, path, form_factor, s in rows:
        lines.append(
            f"| {name} | `{path}` | {form_factor} | "
            + " | ".join(str(s[c]) for c in CATEGORIES)
            + " |"
        )
    (ROOT / "docs" / "lighthouse.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8480")
