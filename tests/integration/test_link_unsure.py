"""A commit that waits for a synchronous standby that never answers (a leader frozen, then
let go after another node was promoted: the cluster drill): the desk cancels the call after
its CALL_TIMEOUT_S, and PostgreSQL then answers as if done, with only a warning, though no
standby has the commit. The desk must not take that answer (a number leased so went to two
desks in the drill): it is offline for the round and sends again."""

from __future__ import annotations

import psycopg
import pytest

from counter_app.sync import link as links


def test_an_answer_after_the_desk_gave_up_is_never_taken(new_pg_server, monkeypatch):
    server = new_pg_server(durable=True)
    url = server.create_database().replace("+psycopg", "")
    with psycopg.connect(url, autocommit=True) as db:  # a standby that will never come
        db.execute("CREATE TABLE leased (n int)")
        db.execute("ALTER SYSTEM SET synchronous_standby_names = 'nobody'")
    server.restart()  # read at start: no wait for a reload to reach the checkpointer
    monkeypatch.setattr(links, "CALL_TIMEOUT_S", 1)
    line = links.Link(url)
    try:
        with pytest.raises(links.Offline, match="chưa chắc đã được lưu"):
            line._call("INSERT INTO leased VALUES (503) RETURNING n")  # its commit waits
    finally:
        line.close()
