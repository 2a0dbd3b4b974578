"""Disk per dossier as a desk writes it (issue 19, point 8: at most 2 GiB per million
dossiers, not vacuumed), on a sample seeded by bench/seed.py: 6,000 dossiers over 100
working days, so that most have lived their whole life (received, handed over, resolved,
returned) as in a desk's long history. Counted: the pages of the tables and indexes that
grow with the dossiers (dbstat), not the catalog's nor the file's fixed pages. Sizes, not
times: the same on any machine. A small sample's B-trees are a little less full than a
million's: at schema 0010 the sample gave 2.14 GiB per million where 1,000,000 gave 2.1.

Seeded `--without-wave`: this guards the compact storage of the dossier tables (0009-0011)
only. What a desk writes beside them since 0012 (portal outbox, audit trail, prints, fees:
bench/_seed_wave.py) takes several times as much and misses the 2 GiB by far (README's
table); this test does not hide that, it keeps the dossier tables from growing back."""

from __future__ import annotations

import sqlite3

import pytest

from tests.integration.test_bench import run

GROWING = (
    "dossiers",
    "dossier_documents",
    "events",
    "report_dossiers",
    "report_pauses",
    "report_steps",
    "report_counts",
    "dossier_fts",
)
BOUND = 2.0 * 2**30  # bytes per million dossiers


@pytest.mark.slow
def test_a_million_dossiers_take_at_most_2_gib_as_written(tmp_path):
    db = tmp_path / "sample.db"
    run("seed.py", "--db", str(db), "--dossiers", "6000", "--per-day", "60", "--without-wave")
    with sqlite3.connect(db) as conn:
        names = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE "
                + " OR ".join(["tbl_name = ? OR name LIKE ?"] * len(GROWING)),
                [v for t in GROWING for v in (t, f"{t}_%")],
            )
        ]
        size = conn.execute(
            f"SELECT sum(pgsize) FROM dbstat WHERE name IN ({', '.join('?' * len(names))})",
            names,
        ).fetchone()[0]
        dossiers = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
        events = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    assert dossiers == 6000 and events > 3.5 * dossiers  # a long history, as seeded
    assert {"events", "ix_events_dossier_id", "dossier_fts_data"} <= set(names)
    per_million = size / dossiers * 1_000_000
    assert per_million <= BOUND, f"{per_million / 2**30:.3f} GiB per million dossiers"
