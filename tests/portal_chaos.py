"""The chaos test's harness (tests/integration/test_portal_chaos.py): a desk's outbox
drained by sender processes against the stand-in gateway (tests/portal_gateway.py) while
the gateway fails at random, goes down (connections refused) and comes back on the same
port, and the senders are killed with SIGKILL at random points (some right after the
gateway accepted a message, before its answer) and sometimes started two at once; until
nothing is left that may be sent. Then what the gateway accepted is compared with the
outbox (`Outcome.violations`).

Seeded: one seed gives the same planned and drawn faults and the same decisions to kill
and to start; where a kill lands in a sender's work depends on the machine's speed, which
the invariants do not."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.portal_gateway import StandInGateway

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {  # what is started as a sender, after `python`
    "real": ["-m", "counter_app", "--db", "{url}", "portal", "send"],
    "by-text": ["-m", "tests.portal_control", "--db", "{url}", "by-text"],
    "settle-first": ["-m", "tests.portal_control", "--db", "{url}", "settle-first"],
}
# Each kind early (whichever sender asks), then at random. No refusal: a refused message
# is kept failed by design, and this test wants every message through.
PLAN = ["5xx", None, "unknown", "drop", None, "expire", "html", None, "notjson", "huge"]
PLAN += ["slow", None, "drop", None, "5xx"]
CHAOS = {"5xx": 0.04, "drop": 0.04, "expire": 0.02, "unknown": 0.02}
CHAOS |= {"slow": 0.01, "html": 0.01, "notjson": 0.01, "huge": 0.01}
ENV = {  # short, so that the test takes seconds: lease = 5 time-outs = 4 s
    "COUNTER_APP_PORTAL_TIMEOUT": "0.8",
    "COUNTER_APP_PORTAL_BACKOFF": "0.1",
    "COUNTER_APP_PORTAL_LEASE": "1",
}
SLOW_S = 1.6  # a "slow" answer comes after the client's time-out
DOWN_S = 1.5  # the gateway stays down at least this long, and until a pass was refused
KILLS, KILLS_AFTER_ACCEPT = 5, 3
SAFETY_S = 300.0  # a safety net against a hang, not a speed assertion


@dataclass
class Outcome:
    seed: int
    sender: str
    dossiers: int = 0
    messages: int = 0
    attempts: int = 0  # claims counted in the outbox
    requests: int = 0  # requests the gateway saw (logins included)
    starts: int = 0
    two_at_once: int = 0
    kills: int = 0
    kills_after_accept: int = 0
    refused_passes: int = 0  # senders that stopped on connection refused (exit 1)
    faults: Counter[str] = field(default_factory=Counter)
    absorbed: int = 0  # repeats of an accepted message_id, taken as success
    seconds: float = 0.0
    timed_out: bool = False
    unexpected: list[str] = field(default_factory=list)  # exits neither 0, 1 nor killed
    lost: list[str] = field(default_factory=list)  # local messages never accepted
    twice: list[str] = field(default_factory=list)  # accepted more than once
    foreign: list[str] = field(default_factory=list)  # accepted, not in the outbox
    unsent: Counter[str] = field(default_factory=Counter)  # local states other than sent
    out_of_order: list[str] = field(default_factory=list)  # dossier codes
    wrong_status: list[str] = field(default_factory=list)  # dossier codes

    def violations(self) -> list[str]:
        found = [
            f"{name}: {value}"
            for name in ("lost", "twice", "foreign", "out_of_order", "wrong_status")
            if (value := getattr(self, name))
        ]
        if self.unsent:
            found.append(f"not sent: {dict(self.unsent)}")
        if self.timed_out:
            found.append(f"still pending after the safety time-out of {SAFETY_S:g} s")
        if self.unexpected:
            found.append(f"unexpected exits: {self.unexpected}")
        return found

    def report(self) -> str:
        faults = ", ".join(f"{k} {v}" for k, v in sorted(self.faults.items()))
        return (
            f"chaos seed {self.seed}, sender {self.sender}: {self.dossiers} dossiers, "
            f"{self.messages} messages, {self.attempts} attempts in the outbox, "
            f"{self.requests} requests at the gateway; senders started {self.starts} "
            f"({self.two_at_once} times two at once), killed {self.kills} "
            f"({self.kills_after_accept} right after an acceptance), "
            f"{self.refused_passes} passes refused while the gateway was down; "
            f"faults: {faults}; duplicates absorbed by the gateway {self.absorbed}; "
            f"lost {len(self.lost)}, out of order {len(self.out_of_order)}, "
            f"wrong status {len(self.wrong_status)}, not sent {sum(self.unsent.values())}; "
            f"{self.seconds:.1f} s"
        )


class Chaos:
    def __init__(
        self, gateway: StandInGateway, db: Path, folder: Path, env: dict[str, str], seed: int
    ) -> None:
        self.gw, self.db, self.folder, self.seed = gateway, db, folder, seed
        self.env = os.environ | ENV | env
        self.lock = threading.Lock()
        self.running: list[tuple[subprocess.Popen[bytes], Path]] = []
        self.killed: set[int] = set()
        self.replace = 0  # senders killed, not replaced yet
        self.kill_random = random.Random(seed * 7 + 1)  # drawn in the gateway's threads

    def run(self, sender: str, expected: dict[str, list[int]]) -> Outcome:
        out = Outcome(self.seed, sender)
        self.out, self.sender = out, sender
        rng = random.Random(self.seed)
        self.gw.slow_seconds = SLOW_S
        self.gw.plan, self.gw.chaos = list(PLAN), dict(CHAOS)
        self.gw.random.seed(self.seed * 3 + 2)
        self.gw.on_accept = self._after_accept
        total = self._count("SELECT count(*) FROM portal_messages")
        started = time.monotonic()
        went_down = 0.0
        next_kill = rng.randint(5, 40)
        self._start(2)
        while True:
            self._reap()
            if not went_down and len(self.gw.accepted) >= total // 3:
                self.gw.down()
                went_down = time.monotonic()
            down = self.gw.server is None
            if down and time.monotonic() - went_down >= DOWN_S and out.refused_passes:
                self.gw.up()  # the same port
            if not down and self.running and out.kills < KILLS and self.gw.requests >= next_kill:
                self._kill(rng.choice(self.running)[0])
                next_kill = self.gw.requests + rng.randint(5, 60)
            if self.replace and not down:  # a killed sender's successor, as a timer starts one
                self._start(self.replace)
                self.replace = 0
            if not self.running:
                if not self._remaining():
                    break
                self._start(2 if rng.random() < 0.3 else 1)
            if time.monotonic() - started > SAFETY_S:
                out.timed_out = True
                break
            time.sleep(0.02)
        self.gw.on_accept = None
        for proc, _ in self.running:
            proc.kill()
        self._reap()
        out.seconds = time.monotonic() - started
        self._compare(expected)
        return out

    def _start(self, n: int) -> None:
        """n senders at the same instant."""
        args = [a.format(url=f"sqlite:///{self.db}") for a in COMMANDS[self.sender]]
        with self.lock:
            for _ in range(n):
                self.out.starts += 1
                err = self.folder / f"sender-{self.out.starts}.err"
                with err.open("wb") as stderr:
                    proc = subprocess.Popen(
                        [sys.executable, *args],
                        cwd=ROOT,
                        env=self.env,
                        stdin=subprocess.DEVNULL,
                        stdout=subprocess.DEVNULL,
                        stderr=stderr,
                    )
                self.running.append((proc, err))
        self.out.two_at_once += n == 2

    def _kill(self, proc: subprocess.Popen[bytes]) -> None:
        with self.lock:
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                self.killed.add(proc.pid)
                self.out.kills += 1
                self.replace += 1

    def _after_accept(self, body: dict[str, Any]) -> None:
        """In the gateway's thread, after it accepted a message and before it answers."""
        with self.lock:
            chosen = self.kill_random.random() < 0.04 and self.running
            if not chosen or self.out.kills_after_accept >= KILLS_AFTER_ACCEPT:
                return
            proc = self.kill_random.choice(self.running)[0]
            self.out.kills_after_accept += 1
        self._kill(proc)

    def _reap(self) -> None:
        with self.lock:
            done = [(p, e) for p, e in self.running if p.poll() is not None]
            self.running = [(p, e) for p, e in self.running if p.returncode is None]
        for proc, err in done:
            text = err.read_text(encoding="utf-8", errors="replace").strip()
            if proc.returncode == 0 or proc.pid in self.killed:
                continue
            if proc.returncode == 1 and text.startswith("error: Không kết nối được cổng"):
                self.out.refused_passes += 1
            else:
                self.out.unexpected.append(f"exit {proc.returncode}: {text[-300:]}")

    def _count(self, sql: str) -> int:
        with sqlite3.connect(self.db, timeout=30) as db:
            return int(db.execute(sql).fetchone()[0])

    def _remaining(self) -> int:
        """Pending messages: what a sender would still send (a refused one holds nothing
        back)."""
        return self._count("SELECT count(*) FROM portal_messages WHERE state = 'pending'")

    def _compare(self, expected: dict[str, list[int]]) -> None:
        """Each local message accepted once, each dossier's in its order, each dossier
        object with the status the dossier had at its event, every local message sent."""
        out, gw = self.out, self.gw
        with sqlite3.connect(self.db, timeout=30) as db:
            rows = db.execute(
                "SELECT id, code, service, state, attempts FROM portal_messages ORDER BY position"
            ).fetchall()
        local = [(str(uuid.UUID(bytes=i)), code, kind, st, n) for i, code, kind, st, n in rows]
        out.dossiers, out.messages = len({r[1] for r in local}), len(local)
        out.attempts, out.requests = sum(r[4] for r in local), gw.requests
        out.faults, out.absorbed = Counter(gw.faults), sum(gw.repeated.values())
        times = Counter(body["message_id"] for body in gw.accepted)
        ids = {r[0] for r in local}
        out.lost = sorted(i for i in ids if not times[i])
        out.twice = sorted(i for i in ids if times[i] > 1)
        out.foreign = sorted(i for i in times if i not in ids)
        out.unsent = Counter(r[3] for r in local if r[3] != "sent")
        status_of: dict[str, int] = {}  # a dossier object's id -> the status at its event
        for code, statuses in expected.items():
            objects = [r[0] for r in local if r[1] == code and r[2] == "DongBoHoSoMC"]
            if len(objects) != len(statuses):
                out.wrong_status.append(code)
            status_of |= dict(zip(objects, statuses, strict=False))
            accepted = [b["message_id"] for b in gw.accepted if b["data"][0]["MaHoSo"] == code]
            if accepted != [r[0] for r in local if r[1] == code and times[r[0]]]:
                out.out_of_order.append(code)
        for body in gw.accepted:
            mid, code = body["message_id"], body["data"][0]["MaHoSo"]
            if mid in status_of and body["data"][0]["TrangThaiHoSo"] != status_of[mid]:
                out.wrong_status.append(code)
