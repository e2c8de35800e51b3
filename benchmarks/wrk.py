"""Running wrk and reading what it prints.

wrk (Debian's package) prints a human report; ``wrk_parse`` turns the parts the
benchmark uses (requests per second, the 50 % and 99 % latencies of
``--latency``, failed requests) into numbers, and fails loudly on anything it
does not recognise rather than guessing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import asdict, dataclass

# wrk prints durations with these units (src/units.c).
_TIME_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_DURATION = r"([\d.]+)(us|ms|s|m|h)"


class WrkError(RuntimeError):
    """wrk could not be run, or printed something this module does not understand."""


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    # Responses that were not 2xx/3xx, plus connect/read/write errors and timeouts.
    failed: int

    def as_dict(self) -> dict:
        return asdict(self)


def _milliseconds(value: str, unit: str) -> float:
    return float(value) * _TIME_UNITS_MS[unit]


def _search(pattern: str, text: str, what: str) -> re.Match:
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        raise WrkError(f"wrk's output has no {what}:\n{text}")
    return match


def wrk_parse(text: str) -> WrkResult:
    """The figures of one wrk run (``--latency`` must have been given)."""
    rate = _search(r"^Requests/sec:\s+([\d.]+)", text, "Requests/sec line")
    total = _search(r"^\s*(\d+) requests in ", text, "request count")
    _search(r"^\s*Latency Distribution", text, "latency distribution (run it with --latency)")
    p50 = _search(rf"^\s*50%\s+{_DURATION}\s*$", text, "50% latency")
    p99 = _search(rf"^\s*99%\s+{_DURATION}\s*$", text, "99% latency")
    failed = 0
    non_2xx = re.search(r"^\s*Non-2xx or 3xx responses:\s+(\d+)", text, re.MULTILINE)
    if non_2xx:
        failed += int(non_2xx.group(1))
    sockets = re.search(
        r"^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
        text,
        re.MULTILINE,
    )
    if sockets:
        failed += sum(int(n) for n in sockets.groups())
    return WrkResult(
        requests_per_second=float(rate.group(1)),
        p50_ms=_milliseconds(*p50.groups()),
        p99_ms=_milliseconds(*p99.groups()),
        requests=int(total.group(1)),
        failed=failed,
    )


def wrk_command(
    url: str,
    *,
    seconds: int,
    threads: int,
    connections: int,
    headers: dict[str, str],
    timeout_s: int,
) -> list[str]:
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",  # wrk takes whole seconds only
        f"--timeout={timeout_s}s",
        "--latency",
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    return [*command, url]


def wrk_run(url: str, **options) -> WrkResult:
    """One wrk run against ``url``; options as for ``wrk_command``."""
    if shutil.which("wrk") is None:
        raise WrkError("wrk is not installed (Debian: apt-get install wrk).")
    command = wrk_command(url, **options)
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise WrkError(f"{' '.join(command[:-1])} failed:\n{result.stderr or result.stdout}")
    return wrk_parse(result.stdout)


def wrk_version() -> str:
    if shutil.which("wrk") is None:
        return "not installed"
    # wrk has no --version; its usage text starts with the version and exits non-zero.
    result = subprocess.run(["wrk", "--version"], capture_output=True, text=True, check=False)
    first = (result.stdout or result.stderr).strip().splitlines()
    return first[0].split("Copyright")[0].strip() if first else "unknown"
