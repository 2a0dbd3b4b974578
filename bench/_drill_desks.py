"""The desks of the cluster drill (bench/cluster_drill.py): each its own SQLite file, joined
with the multi-host URL docs/province-cluster.md recommends, with two threads as the desk
window has: the officer's work (receptions, handovers to a unit, results back, returns),
and the sync in the background on the schedule of counter_app/ui/desk/sync_runner.py
(every 2 s online, a sync at once after the officer records something, backing off when it
fails while a TCP probe each second looks whether the server is back)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from counter_app.clock import now
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.messages import for_people
from counter_app.models import Dossier, Event
from counter_app.services import desk as desk_service
from counter_app.services.dossiers import lifecycle
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from counter_app.sync import engine, reception, server, state
from counter_app.sync.join import join
from counter_app.sync.link import Link
from counter_app.sync.numbers import NoNumberLeft
from counter_app.sync.probe import reachable

ONLINE_S, MAX_BACKOFF_S, PROBE_S = 2.0, 60.0, 1.0  # sync_runner.py: ONLINE_MS, MAX_BACKOFF_MS…
STEP_PAUSE_S = 0.5  # between two of the officer's actions: a busy desk, never asserted on
DOCS = [
    {"name": "Tờ khai đăng ký khai sinh theo mẫu", "count": 1},
    {
        "name": "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng hoặc giấy "
        "cam đoan về việc sinh",
        "count": 1,
    },
]


@dataclass
class Round:
    """One sync round: its start and end (monotonic), its end in wall time, and either what
    it did (pushed, the server's events_upto after it) or what the officer was told."""

    start: float
    end: float
    wall: datetime
    pushed: int = 0
    upto: int = 0
    told: str = ""


@dataclass
class Record:
    rounds: list[Round] = field(default_factory=list)
    receptions: list[float] = field(default_factory=list)  # seconds each, numbered or not
    refused: list[tuple[float, str]] = field(default_factory=list)  # (when, told)
    done: int = 0  # the officer's actions recorded
    errors: list[str] = field(default_factory=list)  # an action that failed otherwise


class DrillDesk:
    """A desk PC: its SQLite file, joined with its own role on the cluster's hosts."""

    def __init__(self, folder: Path, name: str, admin: str, hosts: str, agency: str) -> None:
        self.name = name
        self.url = f"sqlite:///{folder / (name.replace(' ', '_') + '.db')}"
        self.engine = make_engine(self.url, busy_timeout_s=30)
        migrate(self.engine)
        self.sessions = session_factory(self.engine)
        with unit_of_work(self.sessions, write=True) as session:
            self.id = str(desk_service.local_desk(session).id)
        given = server.add_desk(admin, name, agency, hosts) + "?target_session_attrs=read-write"
        join(self.sessions, self.url, given)
        self.server_url = str(state.load_url(self.url))
        self.record = Record()
        self.pipeline: list[tuple[str, str]] = []  # (code, next step) of dossiers at work
        self.stop = threading.Event()
        self.soon = threading.Event()
        self._threads: list[threading.Thread] = []
        self.sync()  # the catalog, before any work

    def sync(self) -> engine.Result:
        with Link(self.server_url) as link:
            return engine.sync_once(self.sessions, link, now)

    # -- the officer ------------------------------------------------------------------
    def step(self) -> None:
        """The next action of the desk: the oldest dossier's next step, else a reception."""
        if len(self.pipeline) < 3:
            self.receive()
            return
        code, step = self.pipeline.pop(0)
        with unit_of_work(self.sessions, write=True) as session:
            who, at = desk_service.actor(session, "motcua", None), now()
            if step == "handoff":
                lifecycle.handoff(session, who, [code], "TP-HT", None, at)
                self.pipeline.append((code, "result"))
            elif step == "result":
                lifecycle.result(session, who, code, "approved", None, at)
                self.pipeline.append((code, "return"))
            else:
                lifecycle.return_result(session, who, code, receiver="Người nhận", now=at)
        self.record.done += 1

    def receive(self) -> None:
        started = time.monotonic()
        try:  # a number leased now (online), or the day's reserve (offline), as the desk
            number, at = reception.prepare(self.url, now())
            with unit_of_work(self.sessions, write=True) as session:
                who = desk_service.actor(session, "motcua", None)
                doc = read_intake(
                    {
                        "procedure": "1.001193",
                        "applicant": {"name": f"Công dân {self.record.done}"},
                        "documents": DOCS,
                        "channel": "direct",
                    }
                )
                code = intake.receive(session, who, doc, at, number).code
        except NoNumberLeft as error:  # offline with no reserve left: refused, as designed
            self.record.refused.append((time.monotonic(), for_people(error)))
            return
        finally:
            self.record.receptions.append(time.monotonic() - started)
        self.pipeline.append((code, "handoff"))
        self.record.done += 1

    def _work(self) -> None:
        while not self.stop.is_set():
            try:
                self.step()
            except Exception as error:  # never expected: counted as a fault by the drill
                self.record.errors.append(f"{type(error).__name__}: {for_people(error)}")
            self.soon.set()  # SyncRunner.soon(): push what was just recorded
            self.stop.wait(STEP_PAUSE_S)

    # -- the background sync ----------------------------------------------------------
    def _sync_loop(self) -> None:
        link: Link | None = None
        delay, down = ONLINE_S, False
        while not self.stop.is_set():
            started = time.monotonic()
            link = link or Link(self.server_url)
            try:
                result = engine.sync_once(self.sessions, link, now)
                with unit_of_work(self.sessions) as session:
                    upto = int(state.get(session, "events_upto", 0))
                self.record.rounds.append(
                    Round(started, time.monotonic(), datetime.now(UTC), result.pushed, upto)
                )
                delay, down = ONLINE_S, False
            except Exception as error:  # offline for this round: the officer is told
                told = for_people(error)
                ended = time.monotonic()
                self.record.rounds.append(Round(started, ended, datetime.now(UTC), told=told))
                down = down or delay == ONLINE_S
                delay = min(delay * 2, MAX_BACKOFF_S)
            next_at = time.monotonic() + delay
            while not self.stop.is_set() and time.monotonic() < next_at:
                if delay == ONLINE_S:  # online: wake early when the officer records
                    if self.soon.wait(max(0.0, next_at - time.monotonic())):
                        self.soon.clear()
                        break
                    continue
                self.stop.wait(min(PROBE_S, max(0.0, next_at - time.monotonic())))
                up = reachable(self.server_url)  # offline: the probe, as the window's
                if up is False:
                    down = True
                elif up and down:
                    down = False
                    link.close()  # its connection died with the server
                    break
        if link is not None:
            link.close()

    def start(self) -> None:
        self.stop.clear()
        self._threads = [
            threading.Thread(target=self._work, daemon=True, name=f"{self.name} work"),
            threading.Thread(target=self._sync_loop, daemon=True, name=f"{self.name} sync"),
        ]
        for t in self._threads:
            t.start()

    def halt(self, timeout: float = 90) -> bool:
        """Stop both threads; False if one is still inside a call after `timeout`."""
        self.stop.set()
        self.soon.set()
        for t in self._threads:
            t.join(timeout)
        return not any(t.is_alive() for t in self._threads)

    # -- what the desk holds ------------------------------------------------------------
    def own_seqs(self) -> list[int]:
        with unit_of_work(self.sessions) as session:
            return sorted(
                session.scalars(select(Event.desk_seq).where(Event.desk_id == self.id)).all()
            )

    def dossiers(self) -> dict[str, tuple[str, str]]:
        """id -> (code, status) of every dossier the desk holds."""
        with unit_of_work(self.sessions) as session:
            return {str(d.id): (d.code, d.status) for d in session.scalars(select(Dossier))}

    def pending(self) -> int:
        with unit_of_work(self.sessions) as session:
            upto = int(state.get(session, "events_upto", 0))
        seqs = self.own_seqs()
        return sum(1 for s in seqs if s > upto)

    def dispose(self) -> None:
        self.engine.dispose()
