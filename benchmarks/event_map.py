"""Size and build time of the events map for 100, 2,000 and 10,000 events.

    .venv/bin/python benchmarks/event_map.py

Builds the same map the /events/map/ page caches (rows of [lat, lon, kind, id]
around Shiyan, the reservoir outline, clustering) and reports the bytes the page
embeds and the build time (best of five). The database query is not included:
it is one ``values_list`` and the rendered map is cached per filter.
"""

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.urls import set_urlconf  # noqa: E402

from volunteers.events.maps import build_event_map  # noqa: E402

SIZES = [100, 2_000, 10_000]


def rows(n: int, seed: int = 7) -> list[list]:
    rng = random.Random(seed)

    def point():
        return round(rng.uniform(31.5, 33.3), 5), round(rng.uniform(109.5, 111.6), 5)

    return [[*point(), rng.randrange(7), pk] for pk in range(1, n + 1)]


def main() -> None:
    set_urlconf(None)
    print(f"{'events':>8} {'page bytes':>11} {'build s':>8}")
    for n in SIZES:
        data = rows(n)
        timings = []
        for _ in range(5):
            start = time.perf_counter()
            rendered = build_event_map(data)
            timings.append(time.perf_counter() - start)
        size = sum(len(part.encode()) for part in (rendered.header, rendered.html, rendered.script))
        print(f"{n:>8,} {size:>11,} {min(timings):>8.3f}")


if __name__ == "__main__":
    main()
