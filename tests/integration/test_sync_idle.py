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


def written_rows(admin_url: str) -> list[tuple]:
    """The row versions an idle sync could have written: every desk's row and the server's
    metadata, with the transaction that wrote each (xmin), and the rows of the streams.
    (The cluster's WAL position is no measure: autovacuum and other databases move it.)"""
    with server.connect(admin_url) as db:
        return db.execute(
            "SELECT 'desk', id::text, xmin::text, last_seen_at::text FROM counter.desks "
            "UNION ALL SELECT 'meta', key, xmin::text, value FROM counter.meta "
            "UNION ALL SELECT 'events', count(*)::text, '', '' FROM counter.events "
            "UNION ALL SELECT 'audit', count(*)::text, '', '' FROM counter.audit_entries "
            "ORDER BY 1, 2").fetchall()  # fmt: skip


def test_an_idle_sync_writes_nothing_on_the_server(office, tmp_path):
    a = Desk(tmp_path, "Ban 1", office)
    a.receive()
    with a.link() as link:
        for _ in range(3):  # what there was to push, the reserve of numbers
            engine.sync_once(a.sessions, link, now)
        before = written_rows(office)
        for _ in range(20):
            assert engine.sync_once(a.sessions, link, now).pushed == 0
        after = written_rows(office)
    assert after == before  # hello wrote the desk's last_seen_at at every sync
