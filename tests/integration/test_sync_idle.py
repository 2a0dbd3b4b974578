"""A sync with nothing to do costs the server little (bench/sync.py figure 4: < 2 ms): it
writes nothing there (no transaction to flush every 2 s per desk)."""

from __future__ import annotations

import json

import pytest

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG
from counter_app.sync import engine, server
from tests.integration.test_sync import Desk


@pytest.fixture
def office(pg_url: str) -> str:
    server.install(pg_url)
    server.publish_catalog(pg_url, json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8")),
                           now())  # fmt: skip
    return pg_url


def wal_bytes(admin_url: str) -> int:
    with server.connect(admin_url) as db:
        return int(db.execute("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn").fetchone()[0])


def test_an_idle_sync_writes_nothing_on_the_server(office, tmp_path):
    a = Desk(tmp_path, "Ban 1", office)
    a.receive()
    with a.link() as link:
        for _ in range(3):  # what there was to push, the reserve of numbers
            engine.sync_once(a.sessions, link, now)
        before = wal_bytes(office)
        for _ in range(20):
            assert engine.sync_once(a.sessions, link, now).pushed == 0
        written = wal_bytes(office) - before
    assert written < 1024  # a write per sync was ~150 bytes of WAL and a flush
