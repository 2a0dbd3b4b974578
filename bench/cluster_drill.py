"""The failover drill (issue 24): docs/province-cluster.md's cluster stood up on this machine,
three etcd members and three PostgreSQL nodes under Patroni (synchronous_mode, pg_rewind;
tests/cluster.py, tests/cluster_faults.py), `server init` through the leader, desks joined
with the multi-host URL (`target_session_attrs=read-write`), each working and syncing in the
background as the desk window does (bench/_drill_desks.py). Phases:

  warm-up     the desks work;
  kill        the leader's Patroni, postmaster and backends SIGKILLed, a failover, then the
              old leader started again: it rejoins as a replica (pg_rewind when needed);
  switchover  a planned switchover to the synchronous standby (Patroni's REST API);
  fence       the leader's processes stopped (SIGSTOP, a machine cut from the network), a
              failover, SIGCONT: the old leader must come back as a replica, never lead.

After each: the desks stopped, their last syncs until converged, and the invariants checked
(bench/_drill_checks.py). Figures per phase: promotion time, fault to each desk's first
successful push (p50, max), longest sync round, receptions refused for want of reserve
numbers, what the desks were told. Exit 1 when an invariant broke, 2 when the cluster did not
come up. Everything under one temporary directory, removed at the end (Ctrl+C included).

    /work/main/.venv/bin/python bench/cluster_drill.py [--desks 10] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import AGENCY_CODE, REPO, environment, fmt, scope, table

sys.path.insert(0, str(REPO))

import psycopg  # noqa: E402
from _drill_checks import check, converge, leaders_at_once  # noqa: E402
from _drill_desks import DrillDesk, Record  # noqa: E402

from counter_app.clock import now  # noqa: E402
from counter_app.config import SAMPLE_CATALOG  # noqa: E402
from counter_app.sync import server  # noqa: E402
from tests.cluster import ClusterUnavailable, wait_for  # noqa: E402
from tests.cluster_faults import DrillCluster  # noqa: E402

DATABASE = "motcua"
BACK_TIMEOUT_S = 300  # every desk pushing again after a fault, at the latest


class Phase:
    def __init__(self, name: str) -> None:
        self.name = name
        self.fault_at = 0.0  # monotonic; 0 for the warm-up
        self.promoted_s = float("nan")
        self.notes: list[str] = []
        self.faults: list[str] = []
        self.records: dict[str, Record] = {}
        self.load = (0.0, 0.0, 0.0)
        self.converge_rounds = 0


class Drill:
    def __init__(self, desks: int, quick: bool) -> None:
        self.n_desks, self.quick = desks, quick
        self.work_s = 6.0 if quick else 20.0  # the desks' work before a fault, and after
        self.cluster = DrillCluster(nodes=3, etcd_members=3)
        self.desks: list[DrillDesk] = []
        self.acks: dict[str, list[Any]] = {}
        self.phases: list[Phase] = []
        self.counts = Counter[str]()

    def setup(self) -> None:
        c = self.cluster
        started = time.monotonic()
        c.start()
        leader = c.leader()
        assert leader is not None
        with psycopg.connect(c.url(leader, "postgres"), autocommit=True) as db:
            db.execute(f"CREATE DATABASE {DATABASE} TEMPLATE template0 ENCODING 'UTF8'")
        on_leader = c.url(leader, DATABASE)  # server init through the leader
        server.install(on_leader)
        server.publish_catalog(on_leader, json.loads(SAMPLE_CATALOG.read_text("utf-8")), now())
        folder = c.root / "desks"
        folder.mkdir()
        self.desks = [
            DrillDesk(folder, f"Ban {i + 1}", c.admin_url(DATABASE), c.hosts(), AGENCY_CODE)
            for i in range(self.n_desks)
        ]
        self.counts["desks"] = len(self.desks)
        version = subprocess.run([c.patroni, "--version"], capture_output=True, text=True)
        print(f"{version.stdout.strip()} ({c.patroni}), etcd3 API, synchronous_mode on")
        print(
            f"cluster up in {time.monotonic() - started:.0f} s: 3 etcd, nodes "
            f"{', '.join(f'{n.name}:{n.port}' for n in c.nodes)}, leader {leader.name}, "
            f"synchronous standby {c.synchronous_standby()}; {len(self.desks)} desks joined",
            flush=True,
        )

    # -- one phase ------------------------------------------------------------------------
    def run_phase(self, name: str, fault: Callable[[Phase], None] | None) -> Phase:
        phase = Phase(name)
        for d in self.desks:
            d.record = Record()
            d.start()
        try:
            time.sleep(self.work_s)
            if fault is not None:
                phase.fault_at = time.monotonic()
                fault(phase)
                self._wait_pushes(phase)
                time.sleep(self.work_s / 2)
        finally:
            phase.load = os.getloadavg()
            stuck = [d.name for d in self.desks if not d.halt()]
        if stuck:
            phase.faults.append(f"bàn không dừng được: {', '.join(stuck)}")
        phase.records = {d.id: d.record for d in self.desks}
        for d in self.desks:
            self.acks.setdefault(d.id, []).extend(
                (r.wall, r.upto) for r in d.record.rounds if not r.told and r.upto
            )
            phase.faults += [f"{d.name}: {e}" for e in sorted(set(d.record.errors))]
        phase.converge_rounds = converge(self.desks)
        phase.faults += check(self.cluster.admin_url(DATABASE), self.desks, self.acks)
        self.phases.append(phase)
        self.print_phase(phase)
        return phase

    def _wait_pushes(self, phase: Phase) -> None:
        """Until every desk has pushed since the fault; one that never does is a fault, and
        the phase goes on to its checks."""
        try:
            wait_for(
                "mỗi bàn đẩy được lên máy chủ sau sự cố",
                lambda: all(first_push(d.record, phase.fault_at) for d in self.desks),
                BACK_TIMEOUT_S,
            )
        except ClusterUnavailable:
            never = [d.name for d in self.desks if not first_push(d.record, phase.fault_at)]
            phase.faults.append(f"sau {BACK_TIMEOUT_S} s vẫn chưa đẩy được: {', '.join(never)}")

    def kill(self, phase: Phase) -> None:
        old = self.cluster.kill_leader()
        self.counts["kills"] += 1
        new = wait_for("bản sao được nâng thành nút chính", self.cluster.leader, 120)
        phase.promoted_s = time.monotonic() - phase.fault_at
        phase.notes.append(f"{old.name} killed, {new.name} promoted")
        self._wait_pushes(phase)
        back = self.cluster.restart(old)  # while the desks work on
        self.counts["rejoins"] += 1
        phase.notes.append(
            f"{old.name} restarted: streaming again after {back.seconds:.1f} s, "
            f"pg_rewind {back.rewind}"
        )

    def switchover(self, phase: Phase) -> None:
        old, new, took = self.cluster.switchover()
        self.counts["switchovers"] += 1
        phase.promoted_s = took
        phase.notes.append(f"{old.name} -> {new.name}; {old.name} streaming again as a replica")

    def fence(self, phase: Phase) -> None:
        fenced = self.cluster.fence_leader()
        self.counts["fences"] += 1
        self.counts["rejoins"] += 1
        phase.promoted_s = fenced.promoted_s
        if fenced.leader_after != fenced.new:
            phase.faults.append(
                f"sau SIGCONT, {fenced.leader_after} là nút chính chứ không phải {fenced.new} "
                f"(nút được nâng lúc {fenced.old} bị cô lập đã bị hạ xuống)"
            )
        phase.notes.append(
            f"{fenced.old} stopped, {fenced.new} promoted; after SIGCONT the cluster settled "
            f"in {fenced.rejoined_s:.1f} s with {fenced.leader_after} leading, {fenced.old} "
            f"pg_rewind {fenced.rewind}; two nodes said they led at once: "
            f"{leaders_at_once(fenced.leaders_seen)}"
        )

    # -- what is printed ------------------------------------------------------------------
    def print_phase(self, p: Phase) -> None:
        records = list(p.records.values())
        rounds = [r for rec in records for r in rec.rounds]
        told = Counter(_plain(r.told) for r in rounds if r.told)
        told.update(_plain(why) for rec in records for _, why in rec.refused)
        print(f"\n== {p.name}: {'; '.join(p.notes) or 'no fault'}", flush=True)
        for message, n in told.most_common():
            print(f"   told {n}x: {message}")
        print(f"   converged after {p.converge_rounds} round(s) of last syncs; load {p.load}")
        for fault in p.faults:
            print(f"   FAULT: {fault}")

    def summary(self) -> int:
        rows = []
        for p in self.phases:
            recs = list(p.records.values())
            back = sorted(t for r in recs if (t := first_push(r, p.fault_at)) is not None)
            longest = max((r.end - r.start for rec in recs for r in rec.rounds), default=0.0)
            failed = sum(1 for rec in recs for r in rec.rounds if r.told)
            rows.append(
                [
                    p.name,
                    p.promoted_s,
                    _pct(back, 50) if p.fault_at else float("nan"),
                    back[-1] if back and p.fault_at else float("nan"),
                    longest,
                    max((t for rec in recs for t in rec.receptions), default=0.0),
                    sum(len(rec.rounds) for rec in recs),
                    failed,
                    sum(len(rec.refused) for rec in recs),
                    len(p.faults),
                    f"{p.load[0]:.1f}",
                ]
            )
        headers = [
            "phase",
            "promoted s",
            "push back p50 s",
            "push back max s",
            "longest sync s",
            "longest reception s",
            "syncs",
            "failed",
            "refused",
            "faults",
            "load 1m",
        ]
        print("\n" + table(headers, rows, "per phase (push back: fault to a desk's first push)"))
        faults = sum(len(p.faults) for p in self.phases)
        with psycopg.connect(self.cluster.admin_url(DATABASE), connect_timeout=10) as db:
            for table_name in ("events", "dossiers"):
                row = db.execute(f"SELECT count(*) FROM counter.{table_name}").fetchone()
                self.counts[table_name] = int(row[0]) if row else 0
        self.counts["invariant faults"] = faults
        order = ["kills", "switchovers", "fences", "rejoins", "desks", "events", "dossiers"]
        print(", ".join(f"{k} {fmt(self.counts[k])}" for k in [*order, "invariant faults"]))
        print("verdict: " + ("every invariant held" if faults == 0 else f"{faults} FAULT(S)"))
        return 1 if faults else 0


def first_push(record: Record, fault_at: float) -> float | None:
    """Seconds from the fault to the desk's first sync that started after it and pushed."""
    found = [r.end for r in record.rounds if r.start > fault_at and not r.told and r.pushed]
    return min(found) - fault_at if found else None


def _pct(values: list[float], p: float) -> float:
    from _common import percentile

    return percentile(values, p)


PINNED = "/opt/patroni/bin/patroni"  # the Patroni scripts/setup.sh --test pins for the drill


def _plain(told: str) -> str:
    """A message as the officer read it, ports and numbers of seconds folded."""
    return re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:P", told)[:220]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--desks", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="shorter phases (6 s of work)")
    args = parser.parse_args()
    if Path(PINNED).exists():  # scripts/setup.sh --test: Patroni >= 3.0.3 for the fence
        os.environ.setdefault("COUNTER_APP_PATRONI", PINNED)
    print(environment())
    print(f"Patroni: {os.environ.get('COUNTER_APP_PATRONI', 'Debian (patroni on PATH)')}")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stopped: still clean up
    try:
        drill = Drill(args.desks, args.quick)
    except ClusterUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    scope(
        f"{args.desks} desks, 3 etcd, 3 PostgreSQL nodes under Patroni, "
        f"phases of {drill.work_s:g} s of work"
    )
    try:
        try:
            drill.setup()
        except ClusterUnavailable as error:
            print(f"error: {error}\n{drill.cluster.logs()}", file=sys.stderr)
            return 2
        drill.run_phase("warm-up", None)
        drill.run_phase("kill", drill.kill)
        drill.run_phase("switchover", drill.switchover)
        drill.run_phase("fence", drill.fence)
        return drill.summary()
    except ClusterUnavailable as error:
        print(f"error: {error}\n{drill.cluster.logs()}", file=sys.stderr)
        return 2
    finally:
        for d in drill.desks:
            d.stop.set()
            d.dispose()
        drill.cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
