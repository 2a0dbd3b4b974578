"""The province's cluster (docs/province-cluster.md), its smallest honest version: Patroni with
one etcd member and two PostgreSQL nodes in synchronous mode (tests/cluster.py). Two desks on
the multi-host URL (`target_session_attrs=read-write`) receive dossiers and sync in a loop;
the leader is killed (SIGKILL, its Patroni and its PostgreSQL) mid-way; the desks go on, the
replica is promoted, and then nothing is lost, doubled or numbered twice."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG
from counter_app.db import unit_of_work
from counter_app.models import Dossier, Event
from counter_app.services import desk as desks
from counter_app.sync import server, state
from tests.cluster import ClusterUnavailable, PatroniCluster, wait_for
from tests.integration.test_sync import Desk

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("processes")]

DATABASE = "motcua"
ROUND_PAUSE_S = 0.2  # between a desk's rounds: the pace of the work, never an assertion
AFTER_KILL = 3  # successful pushes of each desk after the kill before the test stops them


@pytest.fixture
def cluster() -> Iterator[PatroniCluster]:
    cluster = PatroniCluster(nodes=2)
    try:
        cluster.start()
    except ClusterUnavailable as error:
        logs = cluster.logs()
        cluster.stop()
        pytest.fail(f"{error}\n{logs}")
    try:
        yield cluster
    finally:
        cluster.stop()


class Worker(threading.Thread):
    """A desk at work: a reception, then a sync, again and again; every outcome noted with
    its time (monotonic) and, after a push, what the server acknowledged (events_upto)."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(daemon=True)
        self.desk = desk
        self.stop = threading.Event()
        self.acked: list[tuple[float, int, int]] = []  # (when, pushed, events_upto)
        self.failures: list[tuple[float, str]] = []
        self.received = 0
        self.longest = 0.0  # the longest sync round, failed or not (s)

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                self.desk.receive(f"Người {self.desk.name} {self.received}")
                self.received += 1
            except Exception as error:  # no number now (offline, no reserve): noted
                self.failures.append((time.monotonic(), f"tiếp nhận: {error}"))
            started = time.monotonic()
            try:
                result = self.desk.sync()
                self.acked.append((time.monotonic(), result.pushed, self.events_upto()))
            except Exception as error:  # Offline during the failover: noted, next round
                self.failures.append((time.monotonic(), f"đồng bộ: {error}"))
            self.longest = max(self.longest, time.monotonic() - started)
            self.stop.wait(ROUND_PAUSE_S)

    def events_upto(self) -> int:
        with unit_of_work(self.desk.sessions) as session:
            return int(state.get(session, "events_upto", 0))

    def pushes_after(self, moment: float) -> int:
        return sum(1 for at, pushed, _ in list(self.acked) if at > moment and pushed)

    def acknowledged_before(self, moment: float) -> int:
        return max((upto for at, _, upto in list(self.acked) if at < moment), default=0)


def local_events(d: Desk) -> tuple[str, list[int]]:
    with unit_of_work(d.sessions) as session:
        here = desks.local_desk(session).id
        seqs = session.scalars(select(Event.desk_seq).where(Event.desk_id == here)).all()
        return str(here), sorted(seqs)


def codes(d: Desk) -> set[str]:
    with unit_of_work(d.sessions) as session:
        return set(session.scalars(select(Dossier.code)))


def test_a_failover_during_pushes_loses_doubles_and_renumbers_nothing(
    cluster: PatroniCluster, tmp_path: Path
) -> None:
    first = cluster.leader()
    assert first is not None
    with psycopg.connect(cluster.url(first, "postgres"), autocommit=True) as db:
        db.execute(f"CREATE DATABASE {DATABASE} TEMPLATE template0 ENCODING 'UTF8'")
    on_leader = cluster.url(first, DATABASE)  # server init through the leader
    server.install(on_leader)
    server.publish_catalog(on_leader, json.loads(SAMPLE_CATALOG.read_text("utf-8")), now())
    admin = cluster.admin_url(DATABASE)
    joined = [
        Desk(tmp_path, name, admin, cluster.hosts(), "?target_session_attrs=read-write")
        for name in ("Ban 1", "Ban 2")
    ]
    workers = [Worker(d) for d in joined]
    for w in workers:
        w.start()
    try:
        wait_for("mỗi bàn đẩy được vài lần", lambda: all(w.pushes_after(0) >= 3 for w in workers))
        standby = cluster.synchronous_standby()  # a commit waited for it, up to the kill
        assert standby in {n.name for n in cluster.nodes} - {first.name}
        killed_at, killed_wall = time.monotonic(), datetime.now(UTC)
        old = cluster.kill_leader()
        new = wait_for("bản sao được nâng thành nút chính", cluster.leader, 120)
        promoted = time.monotonic() - killed_at
        wait_for(
            "mỗi bàn đẩy lại được sau khi đổi nút chính",
            lambda: all(w.pushes_after(killed_at) >= AFTER_KILL for w in workers),
            180,
        )
    finally:
        for w in workers:
            w.stop.set()
        for w in workers:
            w.join(timeout=120)
    assert not any(w.is_alive() for w in workers)
    assert new is not old and cluster.members()[old.name] is None

    for _ in range(10):  # a last sync of both (a commit shows once no older one runs)
        for d in joined:
            d.sync()
        if codes(joined[0]) == codes(joined[1]):
            break
    with psycopg.connect(cluster.url(new, DATABASE)) as db:
        for d, w in zip(joined, workers, strict=True):
            here, seqs = local_events(d)
            rows = db.execute(
                "SELECT desk_seq, received_at FROM counter.events WHERE desk_id = %s "
                "ORDER BY desk_seq",
                (here,),
            ).fetchall()
            on_server = [r[0] for r in rows]
            assert on_server == seqs == list(range(1, len(seqs) + 1)), d.name  # once, in order
            acked = w.acknowledged_before(killed_at)
            # synchronous mode: every event acknowledged before the kill was on the replica
            # already (received before the kill, not pushed again after it)
            assert acked >= 1 and all(at < killed_wall for s, at in rows if s <= acked), d.name
        doubled = db.execute(
            "SELECT code FROM counter.dossiers GROUP BY code HAVING count(*) > 1"
        ).fetchall()
        on_cluster = {r[0] for r in db.execute("SELECT code FROM counter.dossiers")}
    assert doubled == []
    assert codes(joined[0]) == codes(joined[1]) == on_cluster
    assert len(on_cluster) == sum(w.received for w in workers)

    report(workers, killed_at, promoted)


def report(workers: list[Worker], killed_at: float, promoted: float) -> None:
    """What a desk saw, printed (pytest -s) and never asserted: it depends on the machine."""
    print(f"\nnút chính mới sau {promoted:.1f} s")
    for w in workers:
        back = min(at for at, pushed, _ in w.acked if at > killed_at and pushed) - killed_at
        failed = [why for at, why in w.failures if at > killed_at]
        syncs = [why for why in failed if why.startswith("đồng bộ")]
        print(
            f"{w.desk.name}: đẩy lại được sau {back:.1f} s; {len(syncs)} lần đồng bộ lỗi, "
            f"{len(failed) - len(syncs)} lần tiếp nhận lỗi; vòng đồng bộ dài nhất "
            f"{w.longest:.1f} s"
        )
        for why in sorted({why[:150] for why in failed}):  # what the officer was told
            print(f"  - {why}")


def test_without_patroni_or_etcd_the_test_says_how_to_get_them() -> None:
    from tests.cluster import _tool

    with pytest.raises(ClusterUnavailable, match=r"bash scripts/setup\.sh --test"):
        _tool("patroni-not-installed")
