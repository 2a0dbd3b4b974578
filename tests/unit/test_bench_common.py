"""bench/_common's sampling and verdict rules (issue 19): interleaved rounds with the order
rotated, p95 only from 20 samples, no verdict on nothing measured or an empty scope."""

import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from _common import interleave, percentile, summary_ms, verdict  # noqa: E402


def test_interleave_rotates_the_order_and_keeps_n_per_side():
    calls = []
    found = interleave({k: (lambda i, k=k: calls.append((i, k))) for k in "ABC"}, 3, warm=1)
    assert calls == [
        (-1, "C"),
        (-1, "A"),
        (-1, "B"),
        (0, "A"),
        (0, "B"),
        (0, "C"),
        (1, "B"),
        (1, "C"),
        (1, "A"),
        (2, "C"),
        (2, "A"),
        (2, "B"),
    ]
    assert {k: len(v) for k, v in found.items()} == {"A": 3, "B": 3, "C": 3}


def test_a_work_may_give_its_own_time():
    assert interleave({"child": lambda i: 0.25 + i}, 2, warm=0) == {"child": [0.25, 1.25]}


def test_p95_needs_20_samples():
    assert math.isnan(summary_ms([0.001] * 19)["p95"])
    assert summary_ms([i / 1000 for i in range(1, 21)])["p95"] == 19
    assert percentile(list(range(1, 101)), 99) == 99


def test_verdicts_refused_and_given():
    assert verdict("x", 1, 3, n=0)[-1] == "no verdict: nothing measured"
    assert verdict("x", 1, 3, n=20, scope=0)[-1] == "no verdict: empty scope"
    assert verdict("x", float("nan"), 3, n=5)[-1] == "no verdict: too few samples"
    assert verdict("x", 1, 3, n=20, scope=10) == ["x", 20, 1, "< 3 ms", "met"]
    assert verdict("rate", 150, 200, "/s", at_least=True, n=9)[-1] == "MISSED"
