"""The faults of the drill (bench/cluster_drill.py) on a tests/cluster.py cluster: a killed
node brought back (`restart`, pg_rewind), a planned switchover, and a fenced leader (its
processes stopped with SIGSTOP, as a machine cut from the network, then let go again).

Only PIDs this cluster started, or read from a node's postmaster.pid, are ever signalled.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from tests.cluster import (
    ClusterUnavailable,
    Node,
    PatroniCluster,
    _children,
    _kill,
    wait_for,
)

REJOIN_TIMEOUT_S = 240  # crash recovery, pg_rewind and streaming again, on a loaded machine


@dataclass
class Rejoined:
    """How a node came back: seconds from its start to streaming, and what its log says of
    pg_rewind ('ran', 'not needed', 'failed: …')."""

    node: str
    seconds: float
    rewind: str


@dataclass
class Fenced:
    """A fenced leader: when another was promoted, how long after it was let go the cluster
    settled (one leader, every other node streaming), the leaders seen meanwhile (never
    two), and the leader then: the promoted node, never the fenced one."""

    old: str
    new: str
    promoted_s: float
    rejoined_s: float
    rewind: str
    leaders_seen: list[list[str]] = field(default_factory=list)
    leader_after: str = ""  # the leader once all settled: `new`, never `old`


class DrillCluster(PatroniCluster):
    """PatroniCluster with `restart`, `switchover` and `fence_leader`."""

    def restart(self, node: Node) -> Rejoined:
        """Start a killed node's Patroni again: it rejoins as a replica (pg_rewind when its
        timeline went past the new leader's), and streams from the leader again."""
        if node.process is not None and node.process.poll() is None:
            raise ClusterUnavailable(f"Nút {node.name} vẫn đang chạy, không khởi động lại.")
        log = node.dir / "patroni.log"
        before = log.stat().st_size if log.exists() else 0
        started = time.monotonic()
        node.process = self._spawn([self.patroni, str(node.dir / "node.yml")], log)
        node.killed = False
        self._wait_streaming(node)
        return Rejoined(node.name, time.monotonic() - started, rewind_in(log, before))

    def _wait_streaming(self, node: Node) -> None:
        wait_for(
            f"nút {node.name} nhận WAL lại như một bản sao",
            lambda: node.role() == "replica" and node.name in self.streaming(),
            REJOIN_TIMEOUT_S,
        )

    def switchover(self, candidate: Node | None = None) -> tuple[Node, Node, float]:
        """A planned switchover through the leader's REST API (as `patronictl switchover
        --force` does). In synchronous mode Patroni takes only the synchronous standby as
        candidate: that one by default. Returns (old, new, seconds until the new leader)."""
        old = self.leader()
        if old is None:
            raise ClusterUnavailable(f"Không có nút chính để chuyển: {self.members()}")
        if candidate is None:
            name = self.synchronous_standby()
            candidate = next(n for n in self.nodes if n.name == name)
        body = json.dumps({"leader": old.name, "candidate": candidate.name}).encode()
        started = time.monotonic()
        request = urllib.request.Request(
            f"http://127.0.0.1:{old.api}/switchover", data=body, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                answer.read()
        except urllib.error.HTTPError as error:
            raise ClusterUnavailable(
                f"Patroni từ chối chuyển nút chính: {error.read().decode(errors='replace')}"
            ) from None
        wait_for("nút được chọn thành nút chính", lambda: self.leader() is candidate, 120)
        new = candidate
        took = time.monotonic() - started
        self._wait_streaming(old)
        return old, new, took

    def processes(self, node: Node) -> list[int]:
        """The node's Patroni, its postmaster and the postmaster's children."""
        postmaster = node.postmaster_pid()
        found = [node.process.pid] if node.process is not None else []
        if postmaster:
            found += [postmaster, *_children(postmaster)]
        return found

    def fence_leader(self, hold_s: float = 3.0) -> Fenced:
        """SIGSTOP the leader's processes (a machine paused, a frozen VM: its ports still
        take TCP connections that nothing answers, where a machine cut from the network
        would not answer at all), wait for another node to be promoted, hold `hold_s` more,
        SIGCONT them, and wait until one leader has every other node streaming from it: the
        old leader should be a replica then (Patroni 3.0.2's etcd3 lets it take the leader
        key back: `leader_after` says which). The leaders seen are sampled all along: the
        woken one says it leads for a moment, until its Patroni demotes it."""
        old = self.leader()
        if old is None:
            raise ClusterUnavailable(f"Không có nút chính để cô lập: {self.members()}")
        stopped = self.processes(old)
        log = old.dir / "patroni.log"
        before = log.stat().st_size
        started = time.monotonic()
        seen: list[list[str]] = []
        for pid in stopped:
            _signal(pid, signal.SIGSTOP)
        try:
            new = wait_for("một nút khác được nâng thành nút chính", self._other(old, seen), 120)
            promoted = time.monotonic() - started
            end = time.monotonic() + hold_s
            while time.monotonic() < end:
                seen.append(self._leaders())
                time.sleep(0.2)
        finally:
            for pid in stopped:  # Patroni first: it may demote before PostgreSQL answers
                _signal(pid, signal.SIGCONT)
        let_go = time.monotonic()
        leader = wait_for("cụm ổn định lại sau khi thả nút bị cô lập", self._settled(seen), 240)
        return Fenced(
            old.name,
            new.name,
            promoted,
            time.monotonic() - let_go,
            rewind_in(log, before),
            seen,
            leader.name,
        )

    def _settled(self, seen: list[list[str]]):  # type: ignore[no-untyped-def]
        """One leader, every other node streaming from it: that leader, else None."""

        def check() -> Node | None:
            seen.append(self._leaders())
            leader = self.leader()
            others = {n.name for n in self.nodes if n is not leader}
            return leader if leader and set(self.streaming()) == others else None

        return check

    def _other(self, old: Node, seen: list[list[str]]):  # type: ignore[no-untyped-def]
        def check() -> Node | None:
            leaders = self._leaders()
            seen.append(leaders)
            found = [n for n in self.nodes if n.name in leaders and n is not old]
            return found[0] if found else None

        return check

    def _leaders(self) -> list[str]:
        """Every node that says it is the leader now (a stopped Patroni says nothing)."""
        return [n.name for n in self.nodes if not n.killed and _quick_role(n) == "leader"]

    def stop(self) -> None:
        for node in self.nodes:  # a node left stopped would never stop
            for pid in self.processes(node):
                _signal(pid, signal.SIGCONT)
        super().stop()


def _quick_role(node: Node) -> str | None:
    try:
        status = node.status()
    except Exception:  # down, stopped (timed out), or not up yet
        return None
    return "leader" if status.get("role") in ("master", "primary") else status.get("role")


def rewind_in(log: os.PathLike[str] | str, offset: int) -> str:
    """What the node's Patroni log says of pg_rewind after `offset`."""
    with open(log, "rb") as f:
        f.seek(offset)
        text = f.read().decode(errors="replace")
    if "running pg_rewind" not in text:
        return "not needed"
    if "pg_rewind exit code=0" in text:
        return "ran"
    return "failed: " + text.rsplit("pg_rewind exit code=", 1)[-1][:40].split("\n")[0]


def _signal(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


__all__ = ["DrillCluster", "Fenced", "Rejoined", "_kill"]
