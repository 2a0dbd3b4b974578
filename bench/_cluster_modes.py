"""The Patroni cluster of tests/cluster.py as the push figure's machinery wants a server
(`create_database`, `cpu_s`), and its replication switched between synchronous and
asynchronous through Patroni's REST API, each switch checked on the leader itself
(`synchronous_standby_names`, `pg_stat_replication`) before anything is measured."""

from __future__ import annotations

import json
import time
import urllib.request
from typing import Any

from _sync_office import postgres_cpu_s

from counter_app.sync import server
from tests.cluster import ClusterUnavailable, PatroniCluster, wait_for

SWITCH_TIMEOUT_S = 60


class LeaderServer:
    """The cluster's leader, standing in for bench/_sync_office.BenchServer: databases are
    made through it, its PostgreSQL's CPU is the server's; the standbys' CPU is kept
    apart (on this one machine they share the cores with the leader and the desks)."""

    def __init__(self, cluster: PatroniCluster) -> None:
        leader = cluster.leader()
        if leader is None:
            raise ClusterUnavailable(f"Không có nút chính: {cluster.members()}")
        self.cluster, self.node = cluster, leader
        self.standbys = [n for n in cluster.nodes if n is not leader]

    def admin(self, database: str = "postgres") -> str:
        return self.cluster.url(self.node, database)

    def create_database(self, name: str) -> str:
        with server.connect(self.admin(), autocommit=True) as db:
            db.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        return self.admin(name)

    def cpu_s(self) -> float:
        return postgres_cpu_s(self.node.data)

    def standby_cpu_s(self) -> float:
        return sum(postgres_cpu_s(n.data) for n in self.standbys)

    def still_leader(self) -> bool:
        return self.node.role() == "leader"

    def settings(self) -> dict[str, str]:
        names = ("server_version", "fsync", "synchronous_commit", "full_page_writes")
        with server.connect(self.admin()) as db:
            return {n: str(db.execute(f"SHOW {n}").fetchone()[0]) for n in names}

    def replication(self) -> dict[str, Any]:
        """What the leader says now: its synchronous_standby_names and each standby's
        state, sync_state and WAL bytes not yet flushed there."""
        with server.connect(self.admin()) as db:
            names = str(db.execute("SHOW synchronous_standby_names").fetchone()[0])
            rows = db.execute(
                "SELECT application_name, state, sync_state, "
                "coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), flush_lsn), 0)::bigint "
                "FROM pg_stat_replication ORDER BY application_name"
            ).fetchall()
        return {
            "names": names,
            "standbys": [
                {"name": r[0], "state": r[1], "sync": r[2], "behind": int(r[3])} for r in rows
            ],
        }

    def in_mode(self, synchronous: bool) -> dict[str, Any] | None:
        """The replication as it is, if it is the mode asked for with every standby
        streaming: synchronous, a standby named and in `sync` state; asynchronous, no
        standby named and none in `sync` (nor `quorum`/`potential`) state. Else None."""
        now = self.replication()
        standbys = now["standbys"]
        streaming = len(standbys) == len(self.standbys) and all(
            s["state"] == "streaming" for s in standbys
        )
        if not streaming:
            return None
        if synchronous:
            ok = now["names"] != "" and any(s["sync"] == "sync" for s in standbys)
        else:
            ok = now["names"] == "" and all(s["sync"] == "async" for s in standbys)
        return now if ok else None

    def switch(self, synchronous: bool) -> dict[str, Any]:
        """Patroni's dynamic configuration changed (PATCH /config), then waited for until
        the leader applies it; returns the replication found and the seconds it took."""
        started = time.perf_counter()
        body = json.dumps({"synchronous_mode": synchronous}).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.node.api}/config",
            data=body,
            method="PATCH",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            if json.load(answer).get("synchronous_mode") is not synchronous:
                raise ClusterUnavailable("Patroni không nhận synchronous_mode mới")
        mode = "đồng bộ" if synchronous else "không đồng bộ"
        found = wait_for(
            f"nút chính chuyển sang sao chép {mode}",
            lambda: self.in_mode(synchronous),
            SWITCH_TIMEOUT_S,
        )
        return {**found, "seconds": time.perf_counter() - started}
