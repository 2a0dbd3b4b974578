"""A sync with nothing to do costs the server little (bench/sync.py figure 4: < 2 ms): it
writes nothing there (no transaction to flush every 2 s per desk)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG
from counter_app.sync import engine, server, state
from counter_app.sync import link as link_module
from counter_app.sync.link import Link
from tests.integration.test_sync import Desk


@pytest.fixture
def office(pg_url: str) -> str:
    server.install(pg_url)
    server.publish_catalog(pg_url, json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8")), now())
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
            "ORDER BY 1, 2"
        ).fetchall()


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


class CountingLink(Link):
    """A desk's Link that counts its calls by the function called."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.calls: Counter[str] = Counter()

    def _call(self, sql: str, *args: Any) -> Any:
        self.calls[sql.split("counter.", 1)[1].split("(", 1)[0]] += 1
        return super()._call(sql, *args)


def test_an_idle_sync_on_a_kept_connection_is_one_call(office, tmp_path, monkeypatch):
    """The GUI syncs every 2 s on one connection: with nothing to send, a sync only pulls;
    a reception, a new connection or a minute gone brings the hello (and the push) back."""
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    link = CountingLink(str(state.load_url(a.url)))
    with link:
        for _ in range(2):  # the reserve of numbers topped up
            engine.sync_once(a.sessions, link, now)
        link.calls.clear()
        for _ in range(10):
            engine.sync_once(a.sessions, link, now)
        assert link.calls == Counter(pull=10)

        code = a.receive()  # something to send: hello, push, pull
        link.calls.clear()
        assert engine.sync_once(a.sessions, link, now).pushed == 1
        assert link.calls["hello"] == 1 and link.calls["push"] == 1

        theirs = b.receive("Trần Thị Bình")  # another desk's work still arrives by the pull
        b.sync()
        link.calls.clear()
        assert engine.sync_once(a.sessions, link, now).pulled > 0
        assert link.calls["hello"] == 0
        assert {code, theirs} <= set(a.picture())

        monkeypatch.setattr(link_module, "HELLO_EVERY_S", 0)  # a minute later
        link.calls.clear()
        engine.sync_once(a.sessions, link, now)
        assert link.calls["hello"] == 1
    monkeypatch.undo()
    link.calls.clear()
    with link:  # the connection was closed: a new one says hello first
        engine.sync_once(a.sessions, link, now)
    assert link.calls["hello"] == 1
