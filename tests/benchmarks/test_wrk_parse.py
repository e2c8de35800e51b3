"""Reading wrk's report: the figures docs/performance.md is built from.

The samples are real outputs of Debian's wrk 4.1 against this project's
ceiling and portal under gunicorn.
"""

from pathlib import Path

import pytest

from benchmarks.wrk import WrkError, wrk_parse

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text()


def test_rate_and_latency_percentiles_of_a_clean_run():
    result = wrk_parse(sample("wrk_ceiling.txt"))

    assert result.requests_per_second == 3556.23
    assert result.p50_ms == pytest.approx(0.93)
    assert result.p99_ms == pytest.approx(6.87)
    assert result.requests == 10713
    assert result.failed == 0


def test_latencies_printed_in_seconds_are_read_as_milliseconds():
    result = wrk_parse(sample("wrk_seconds.txt"))

    assert result.p50_ms == pytest.approx(1130)
    assert result.p99_ms == pytest.approx(1460)
    assert result.requests_per_second == 18.88


def test_error_responses_count_as_failed():
    result = wrk_parse(sample("wrk_not_found.txt"))

    assert result.failed == result.requests == 6216


def test_socket_timeouts_count_as_failed():
    result = wrk_parse(sample("wrk_timeouts.txt"))

    assert result.failed == 9
    assert result.requests == 11
    assert result.p99_ms == pytest.approx(812.67)


def test_a_run_without_latency_distribution_is_refused():
    with pytest.raises(WrkError, match="latency distribution"):
        wrk_parse(sample("wrk_no_latency_flag.txt"))


def test_cut_off_output_is_refused():
    cut = sample("wrk_ceiling.txt").split("Requests/sec")[0]

    with pytest.raises(WrkError, match="Requests/sec"):
        wrk_parse(cut)
