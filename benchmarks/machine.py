"""Facts about the machine and software a benchmark ran on, for docs/performance.md."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

from .wrk import wrk_version

ROOT = Path(__file__).resolve().parent.parent


def _git(*arguments: str) -> str:
    result = subprocess.run(
        ["git", *arguments], cwd=ROOT, capture_output=True, text=True, check=False
    )
    return result.stdout.strip()


def _code() -> str:
    commit = _git("log", "-1", "--format=%h %s") or "unknown"
    if len(commit) > 80:
        commit = commit[:79].rsplit(" ", 1)[0] + " …"
    # The document this run writes does not count as a change to the code measured.
    changed = _git("status", "--porcelain", "--", ".", ":!docs/performance.md")
    return f"{commit} (with uncommitted changes)" if changed else commit


def _meminfo() -> str:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return f"{int(line.split()[1]) / 2**20:.0f} GiB memory"
    return "memory unknown"


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def _os_name() -> str:
    for line in Path("/etc/os-release").read_text().splitlines():
        if line.startswith("PRETTY_NAME="):
            return line.split("=", 1)[1].strip('"') + f", Linux {platform.release()}"
    return platform.platform()


def machine_facts(redis_url: str) -> dict:
    from importlib.metadata import version

    import redis

    redis_version = redis.Redis.from_url(redis_url).info("server")["redis_version"]
    packages = ", ".join(f"{name} {version(name)}" for name in ("Django", "wagtail", "gunicorn"))
    return {
        "cpus": len(os.sched_getaffinity(0)),  # what nproc prints
        "cpu": _cpu_model(),
        "memory": _meminfo(),
        "os": _os_name(),
        "software": f"Python {platform.python_version()}, {packages}, {wrk_version()}, "
        f"Redis {redis_version}",
        "commit": _code(),
    }
