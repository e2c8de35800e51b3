"""The rows of docs/performance.md: targets judged, failing pages shown as such."""

from benchmarks.report import page_cells


def page(*, targets, http, status=200, queries=5):
    response = {"status": status, "queries": queries, "bytes_sent": 2_000, "bytes_raw": 9_000}
    return {
        "name": "/events/",
        "path": "/events/",
        "what": "index",
        "targets": targets,
        "staff": False,
        "uncached": {**response, "queries": queries + 20},
        "rendered": response,
        "warm": {**response, "queries": 0},
        "http": http,
    }


def timing(*, rate, ceiling, p99):
    return {
        "status": 200,
        "requests_per_second": rate,
        "ceiling_requests_per_second": ceiling,
        "share_percent": 100 * rate / ceiling,
        "p50_ms": p99 / 2,
        "p99_ms": p99,
        "failed_requests": 0,
    }


def test_a_page_that_errors_shows_its_status_instead_of_figures():
    cells = page_cells(page(targets=["public"], http={"status": 500}, status=500), seed_scale=True)

    assert cells[1] == "HTTP 500"
    assert cells[6:9] == ["25 (HTTP 500)", "5 (HTTP 500)", "0 (HTTP 500)"]
    assert cells[-1] == "no: HTTP 500"


def test_public_page_meets_its_targets_or_says_which_it_misses():
    fast = page(targets=["public"], http=timing(rate=900, ceiling=2_000, p99=40))
    slow = page(targets=["public"], http=timing(rate=20, ceiling=2_000, p99=400), queries=31)

    assert page_cells(fast, seed_scale=True)[-1] == "yes"
    verdict = page_cells(slow, seed_scale=True)[-1]
    assert verdict.startswith("no: ")
    assert "share 1.0%" in verdict
    assert "queries rendered 31" in verdict
    assert "p99 400 ms" in verdict


def test_latency_targets_hold_at_seed_scale_only_except_the_admins():
    slow_feed = page(targets=["fast"], http=timing(rate=50, ceiling=2_000, p99=300))
    slow_admin = page(targets=["admin"], http=timing(rate=5, ceiling=2_000, p99=300))

    assert page_cells(slow_feed, seed_scale=False)[-1] == "–"
    assert page_cells(slow_feed, seed_scale=True)[-1].startswith("no: p99 300 ms")
    assert page_cells(slow_admin, seed_scale=False)[-1].startswith("no: p99 300 ms")


def test_the_map_is_held_to_the_stricter_of_its_latency_targets():
    slow_map = page(targets=["public", "fast"], http=timing(rate=900, ceiling=2_000, p99=80.0))

    assert page_cells(slow_map, seed_scale=True)[-1] == "no: p99 80.0 ms, needs ≤ 50 ms"
    assert page_cells(slow_map, seed_scale=False)[-1] == "yes"
