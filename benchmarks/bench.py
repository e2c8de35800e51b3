"""Benchmark the portal under gunicorn against a bare-Django ceiling; write docs/performance.md.

    python benchmarks/bench.py --redis-url redis://127.0.0.1:6379/9 \\
        --demo postgres://qingshui:qingshui@127.0.0.1:5432/qingshui_bench_demo
    python benchmarks/bench.py --demo URL --scale URL --scale-factors 0.1,1 --redis-url URL
    python benchmarks/bench.py --demo URL --no-load --rounds 2 --duration 3 --redis-url URL

``make bench`` and ``make bench-scale`` run it with the project's defaults. For
each data set: prepare the database (unless ``--no-load``), ask it which URLs
to measure and count their queries and bytes (benchmarks/probe.py), start the
portal and the ceiling under the same gunicorn command line, warm each URL and
time it with wrk in rounds alternating with the ceiling, stop both servers,
then run the other figures (benchmarks/figures.py). The method is written out
in benchmarks/report.py, which renders the document.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.datasets import Dataset, DatasetError, dataset_prepare, datasets_from_args  # noqa: E402
from benchmarks.figures import STEPS  # noqa: E402
from benchmarks.machine import machine_facts  # noqa: E402
from benchmarks.report import document, progress_header, progress_line  # noqa: E402
from benchmarks.servers import (  # noqa: E402
    CEILING_APP,
    PORTAL_APP,
    ServerError,
    http_status,
    port_taken,
    portal_production_env,
    server_start,
)
from benchmarks.wrk import WrkError, wrk_run  # noqa: E402

WARM_REQUESTS = 3
READY_DEADLINE_S = 90
GZIP = {"Accept-Encoding": "gzip"}


def say(message: str) -> None:
    print(message, flush=True)


def production_env(args, dataset: Dataset, workdir: Path, secret: str) -> dict[str, str]:
    """What portal.settings.production needs, pointed at this data set and this run's folders."""
    return portal_production_env(
        database_url=dataset.url, redis_url=args.redis_url, workdir=workdir, secret=secret
    )


def run_json(script: str, *arguments: str, env: dict) -> dict:
    """Run one of the benchmark's Django scripts and read the JSON object it prints last."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        # The exception's own line says what went wrong; the traceback above it says where.
        last = (result.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise RuntimeError(f"{script} {' '.join(arguments)} failed: {last}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def collect_static(env: dict) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"collectstatic failed:\n{result.stderr[-4000:]}")


def time_page(args, page: dict, *, portal: str, ceiling: str, cookie: str | None) -> dict:
    """Warm one URL, then wrk rounds alternating ceiling and page; medians of the rounds."""
    headers = dict(GZIP)
    if page["staff"] and cookie:
        headers["Cookie"] = cookie
    url = portal + page["path"]
    status = 0
    for _ in range(WARM_REQUESTS):
        status = http_status(url, headers=headers)
    if status != 200:
        return {"status": status}  # timing an error page would measure the error
    # Staff are a handful of people, not a crowd: their pages are timed with one
    # connection per worker, so the latency is the page's own, not time spent queueing.
    connections = min(args.connections, args.workers) if page["staff"] else args.connections
    options = {
        "seconds": args.duration,
        "threads": min(args.threads, connections),
        "connections": connections,
        "timeout_s": args.timeout,
    }
    pages, ceilings = [], []
    try:
        for _ in range(args.rounds):
            ceilings.append(wrk_run(ceiling + "/", headers=GZIP, **options))
            pages.append(wrk_run(url, headers=headers, **options))
    except WrkError as error:
        return {"status": status, "error": f"wrk failed: {str(error).splitlines()[0]}"}
    rate = statistics.median(r.requests_per_second for r in pages)
    ceiling_rate = statistics.median(r.requests_per_second for r in ceilings)
    return {
        "status": status,
        "requests_per_second": rate,
        "ceiling_requests_per_second": ceiling_rate,
        "share_percent": 100 * rate / ceiling_rate if ceiling_rate else 0.0,
        "p50_ms": statistics.median(r.p50_ms for r in pages),
        "p99_ms": statistics.median(r.p99_ms for r in pages),
        "failed_requests": sum(r.failed for r in pages),
        "rounds": [r.as_dict() for r in pages],
        "ceiling_rounds": [r.as_dict() for r in ceilings],
    }


def measure_pages(args, dataset: Dataset, probe: dict, env: dict, workdir: Path) -> None:
    with ExitStack() as servers:
        started = []
        for name, app, port in (
            ("portal", PORTAL_APP, args.port),
            ("ceiling", CEILING_APP, args.ceiling_port),
        ):
            server = server_start(
                name, app, port=port, workers=args.workers, env=env, log=workdir / f"{name}.log"
            )
            servers.callback(server.stop)
            started.append(server)
        portal, ceiling = started
        portal.wait_ready("/healthz", deadline_s=READY_DEADLINE_S)
        ceiling.wait_ready("/", deadline_s=READY_DEADLINE_S)
        for _ in range(WARM_REQUESTS):
            http_status(ceiling.base_url + "/")
        say(progress_header())
        for page in probe["pages"]:
            page["http"] = time_page(
                args,
                page,
                portal=portal.base_url,
                ceiling=ceiling.base_url,
                cookie=probe["cookie"],
            )
            say(progress_line(page, seed_scale=dataset.seed_scale))


def measure_figures(args, dataset: Dataset, env: dict) -> dict:
    figures = {}
    for step in args.steps:
        say(f"{dataset.label}: {STEPS[step][0]} …")
        try:
            figures[step] = run_json("figures.py", step, env=env)
        except RuntimeError as error:
            figures[step] = {"error": str(error).strip().splitlines()[-1]}
        result = figures[step]
        say(
            f"  {result.get('error') or result['check']}"
            + ("" if "error" in result else f" ({result['seconds']:.2f} s)")
        )
    return figures


def measure(args, dataset: Dataset, workdir: Path, secret: str) -> dict:
    env = production_env(args, dataset, workdir, secret)
    say(f"{dataset.label}: counting queries and bytes in-process …")
    probe = run_json("probe.py", env=env)
    measure_pages(args, dataset, probe, env, workdir)
    return {
        "label": dataset.label,
        "title": dataset.title,
        "database": dataset.public_url,
        "seed_scale": dataset.seed_scale,
        "factor": dataset.factor,
        "probe": probe,
        "figures": measure_figures(args, dataset, env),
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", metavar="URL", help="the demo site's PostgreSQL database")
    parser.add_argument("--scale", metavar="URL", help="a database for the seed-scale data set")
    parser.add_argument(
        "--scale-factors",
        type=lambda text: [float(f) for f in text.split(",")],
        default=[0.1, 1.0],
        help="sizes of the seed to load into --scale, in order (default 0.1,1)",
    )
    parser.add_argument(
        "--no-load",
        action="store_true",
        help="measure the databases as they are (no migrate, load_demo or load_scale)",
    )
    parser.add_argument(
        "--redis-url", default=os.environ.get("REDIS_URL"), help="emptied during the run"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=5, help="seconds per wrk run")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--timeout", type=int, default=30, help="wrk's request timeout, s")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers each")
    parser.add_argument("--port", type=int, default=8311, help="the portal's port")
    parser.add_argument("--ceiling-port", type=int, default=8312, help="the ceiling's port")
    parser.add_argument(
        "--steps",
        type=lambda text: [s for s in text.split(",") if s],
        default=list(STEPS),
        help=f"other figures to measure, of {','.join(STEPS)} (empty: none)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--json", type=Path, help="also write every figure of the run here")
    args = parser.parse_args(argv)
    if not (args.demo or args.scale):
        parser.error("give --demo URL and/or --scale URL")
    if not args.redis_url:
        parser.error("give --redis-url (production settings need Redis)")
    unknown = set(args.steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    if args.rounds < 1 or args.duration <= 0:
        parser.error("--rounds and --duration must be positive")
    return args


def _stop_on_sigterm(signum, frame):
    raise KeyboardInterrupt  # unwinds through the ExitStacks that stop the servers


def main(argv=None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    # Also when started in the background, where a shell may have set Ctrl-C to be ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    notes: list[str] = []

    def note(message: str) -> None:
        notes.append(message)
        say(message)

    secret = secrets.token_urlsafe(50)
    results = []
    for port in (args.port, args.ceiling_port):
        if port_taken(port):
            say(f"something already listens on 127.0.0.1:{port}; see --port and --ceiling-port")
            return 1
    try:
        import redis

        machine = machine_facts(args.redis_url)
    except redis.RedisError as error:
        say(f"Redis at {args.redis_url} does not answer: {error}")
        return 1
    try:
        datasets = datasets_from_args(args, say=note)
        if not datasets:
            say("nothing to measure; docs/performance.md left as it was")
            return 1
        with tempfile.TemporaryDirectory(prefix="qingshui-bench-") as tmp:
            workdir = Path(tmp)
            static_ready = False
            for dataset in datasets:
                dataset_prepare(dataset, say=say)
                if not static_ready:
                    say("collecting static files …")
                    collect_static(production_env(args, dataset, workdir, secret))
                    static_ready = True
                results.append(measure(args, dataset, workdir, secret))
    except (DatasetError, ServerError, RuntimeError) as error:
        say(f"benchmark stopped: {error}")
        return 1
    except KeyboardInterrupt:
        say("benchmark interrupted; the servers it started are stopped")
        return 130
    run = {
        "finished": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine,
        "settings": {
            key: getattr(args, key)
            for key in ("rounds", "duration", "threads", "connections", "workers")
        },
        "notes": notes,
        "datasets": results,
    }
    args.out.write_text(document(run), encoding="utf-8")
    say(f"wrote {args.out}")
    if args.json:
        args.json.write_text(json.dumps(run, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
