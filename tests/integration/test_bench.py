"""The benchmarks still run against the current schema and services (small sizes: this
checks that they work, not their figures)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def run(script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCH / script), *args], capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.mark.slow
def test_benchmarks_run_on_a_small_seeded_database(tmp_path, demo_year_url):
    db = str(tmp_path / "small.db")
    assert "dossiers" in run("seed.py", "--db", db, "--dossiers", "3000", "--per-day", "300")
    assert "ratio service/raw" in run("lookup.py", "--db", db, "--n", "50", "--cold", "1")
    assert "find_ids p95" in run("search.py", "--db", db, "--n", "14", "--cold", "1")
    assert "a page of recent dossiers' facts" in run(
        "facts.py", "--db", db, "--n", "2", "--page", "10"
    )
    assert "warm: scan to dossier shown: max" in run(
        "scan.py", "--db", db, "--n", "5", "--cold", "1"
    )
    figures = run("report.py", "--db", db, "--n", "1", "--pg", "auto")
    assert "Biểu 06, PostgreSQL" in figures and "dashboard first paint" in figures
    assert "report digitisation, a year, p95" in run(
        "digitisation_report.py", "--db", db, "--n", "1"
    )
    assert "receptions/s" in run("receive.py", "--db", db, "--seconds", "1")
    assert "receipt A4, new code / bare canvas" in run("printing.py", "--n", "5")
    assert "linearity" in run(
        "register.py",
        "--lines",
        "50",
        "100",
        "200",
        "--runs",
        "1",
        "--dir",
        str(tmp_path / "register"),
    )
    assert "shown in the main window" in run("worklist.py", "--rows", "300")
    demo = demo_year_url.removeprefix("sqlite:///")  # what it makes with init --demo
    assert "first list: 2 hồ sơ" in run("startup.py", "--db", demo, "--n", "1", "--today", "2")
    assert "week offline caught up" in run("sync.py", "--quick")
    assert "tickets called twice" in run("queue_calls.py", "--quick")
    assert "shown after F12, max" in run("call.py", "--local", "--n", "3")
    assert "backup / sqlite3 .backup" in run(
        "backup.py", "--db", db, "--runs", "1", "--restores", "1"
    )


@pytest.mark.slow
def test_the_portal_bench_runs_at_small_sizes(tmp_path):
    figures = run(
        "portal.py",
        *("--messages", "160", "--receptions", "25", "--dossiers", "500"),
        *("--n", "2", "--cold", "1", "--status-dir", str(tmp_path)),
    )
    for line in ("drain 160 messages", "outbox on / off", "status --from a year ago"):
        assert line in figures


@pytest.mark.slow
def test_the_statement_bench_runs_at_small_sizes():
    figures = run("statement.py", "--lines", "300", "--expected", "300", "--n", "2")
    assert "270 matched of the 270 built to match" in figures
    assert "CSV read + match / csv module alone, p50" in figures
    assert "XLSX read + match, 300 lines, p95 ms" in figures


@pytest.mark.slow
def test_the_fee_benches_run_at_small_sizes():
    assert "payment / reception at p50" in run("fee_payment.py", "--n", "3")
    assert "receipt / bare canvas at p50" in run("fee_receipt.py", "--n", "3")
