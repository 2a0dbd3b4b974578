"""bench/receive.py's raw reception writes what a service reception writes: the same
tables, the same number of rows, the same values but for the fresh ones (ids, numbers,
hashes); so that "service CPU / raw CPU" compares the same work. A table the service
starts to write and the baseline does not fails here."""

from __future__ import annotations

import importlib
import json
import random
import sqlite3
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from counter_app import clock
from counter_app.audit.verify import verify
from counter_app.config import SAMPLE_CATALOG
from counter_app.db import unit_of_work
from counter_app.services import desk
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from tests.conftest import at

BENCH = Path(__file__).resolve().parents[2] / "bench"
NOW = at("2026-03-10T09:15:00+07:00")  # a Tuesday
# Values each reception makes afresh: compared by presence (NULL or not), not by value.
FRESH = {
    "id",
    "dossier_id",
    "code",
    "search_no",
    "desk_seq",
    "last_seq",
    "last_audit_seq",
    "last_audit_hash",
    "hash",
    "prev_hash",
    "count",
    "event_id",
    "position",  # the portal message's: the event's desk_seq, twice (+1)
    "body",  # the portal message's JSON: it names the dossier's code
}


def dump(path: Path) -> dict[str, Counter[tuple[Any, ...]]]:
    conn = sqlite3.connect(path)
    try:
        names = [
            n
            for (n,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        out = {}
        for name in names:
            cursor = conn.execute(f'SELECT * FROM "{name}"')  # noqa: S608
            columns = [d[0] for d in cursor.description]
            out[name] = Counter(tuple(zip(columns, row, strict=True)) for row in cursor)
        return out
    finally:
        conn.close()


def written(before: dict[str, Counter[Any]], after: dict[str, Counter[Any]]) -> dict[str, Any]:
    """Per table: the rows made or changed (an update shows as its new row, so that an
    upsert's first insert and later updates look alike), with the fresh values reduced to
    whether they are set; FTS shadow tables by count only. No row may go."""
    out: dict[str, Any] = {}
    for name in after:
        old = before.get(name, Counter())
        added = after[name] - old
        assert (old - after[name]).total() <= added.total(), f"rows deleted from {name}"
        if not added:
            continue
        if name.startswith("dossier_fts_"):
            out[name] = added.total()
            continue
        out[name] = sorted(repr(_shape(row)) for row in added.elements())
    return out


def _shape(row: tuple[tuple[str, Any], ...]) -> tuple[Any, ...]:
    return tuple((c, v if c not in FRESH or v is None else "<set>") for c, v in row)


@pytest.fixture
def bench_receive(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.syspath_prepend(str(BENCH))
    module = importlib.import_module("receive")
    yield module
    sys.modules.pop("receive", None)


def test_raw_reception_writes_what_the_service_writes(
    engine: Engine, sample_db: Any, bench_receive: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clock, "now", lambda: NOW)
    monkeypatch.setattr(bench_receive, "clock_now", lambda: NOW)
    path = Path(str(engine.url.database))
    data = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    with unit_of_work(sample_db, write=True) as s:
        who = desk.actor(s, "bench.receive", bench_receive.AGENCY_CODE)
        raw = bench_receive.RawReception.for_actor(
            path, s, who, [p["code"] for p in data["procedures"]]
        )
    docs = bench_receive.intake_documents(data, random.Random(5))
    try:
        for doc in docs[:6]:  # several procedures, channels, optional documents
            before = dump(path)
            with unit_of_work(sample_db, write=True) as s:
                intake.receive(s, who, read_intake(doc), NOW)
            service = dump(path)
            raw.step(doc)
            assert written(before, service) == written(service, dump(path)), doc
    finally:
        raw.close()
    with unit_of_work(sample_db) as s:
        assert verify(s).intact  # the raw entries chain as trail.record's do
