"""One desk of the sync fault test, as a process of its own (so that it can be killed with
SIGKILL at any moment): it receives citizens, acts on the dossiers it knows, goes offline
for a while now and then, and syncs; a share of its pushes lose their answer after the
server committed. It runs until killed, or until the stop file appears.

    python -m tests.integration.sync_worker DB SEED STOPFILE [--lost P] [--naive] [--slow S]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

from sqlalchemy import select

from counter_app.clock import now
from counter_app.db import make_engine, session_factory, unit_of_work
from counter_app.errors import CounterError
from counter_app.models import Dossier
from counter_app.services import desk
from counter_app.services.dossiers import lifecycle
from counter_app.services.dossiers.workflow import Action, allowed_actions
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from counter_app.sync import engine, numbers, state
from counter_app.sync.link import Link, Offline

DOCS = [
    {"name": "Tờ khai đăng ký khai sinh theo mẫu", "count": 1},
    {
        "name": "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng hoặc giấy "
        "cam đoan về việc sinh",
        "count": 1,
    },
]


class FaultyLink(Link):
    """A line that loses answers after the server committed, holds its push transaction
    open a while (a slow link: commits land late, out of order), and, for the negative
    control, reads the feed by a bare position (no snapshot filter)."""

    def __init__(
        self,
        url: str,
        rng: random.Random,
        lost: float,
        slow: float,
        naive: bool,
        acked: tuple[int, int] | None = None,
    ) -> None:
        super().__init__(url)
        self.rng, self.lost, self.slow, self.naive = rng, lost, slow, naive
        self.acked = acked  # negative control: resend from what this desk saw acknowledged
        self.tally: Path | None = None  # a file that grows by one byte per lost answer

    def hello(self) -> dict[str, Any]:
        answer = super().hello()
        if self.acked is not None:
            answer["events_upto"], answer["audit_upto"] = self.acked
        return answer

    def push(self, batch: dict[str, Any]) -> dict[str, Any]:
        if self.slow:
            db = self._connection()
            try:
                with db.transaction():
                    answer = dict(
                        db.execute(
                            "SELECT counter.push(%s::jsonb)", (json.dumps(batch),)
                        ).fetchone()[0]
                    )
                    time.sleep(self.rng.random() * self.slow)
            except Exception as error:
                self.close()
                raise Offline(str(error)) from None
        else:
            answer = super().push(batch)
        if self.rng.random() < self.lost:
            if self.tally is not None:  # counted for the run's verdict (this process may die)
                with self.tally.open("a") as tally:
                    tally.write("x")
            raise Offline("the answer was lost on the way back")
        return answer

    def pull(self, cursors: dict[str, Any], max_rows: int) -> dict[str, Any]:
        if not self.naive:
            return super().pull(cursors, max_rows)
        return dict(
            self._call("SELECT counter.pull_naive(%s::jsonb, %s)", json.dumps(cursors), max_rows)
        )


def act_once(
    sessions: Any, url: str, rng: random.Random, online: bool, receive: bool = False
) -> None:
    with unit_of_work(sessions) as session:
        codes = [
            c
            for c, s in session.execute(select(Dossier.code, Dossier.status))
            if allowed_actions(s)
        ]
    if receive or not codes or rng.random() < 0.4:
        number, at = (numbers.source(None), now())
        if online:
            from counter_app.sync.reception import prepare

            number, at = prepare(url, now())
        doc = {
            "procedure": "1.001193",
            "applicant": {"name": f"Người {rng.randrange(10**6)}"},
            "documents": DOCS,
            "channel": "direct",
        }
        with unit_of_work(sessions, write=True) as session:
            intake.receive(
                session, desk.actor(session, "motcua", None), read_intake(doc), at, number
            )
        return
    code = rng.choice(codes)
    with unit_of_work(sessions, write=True) as session:
        dossier = lifecycle.load(session, code)
        choices = allowed_actions(dossier.status)
        action = rng.choice(choices)
        who, at = desk.actor(session, "motcua", None), now()
        calls = {
            Action.HANDOFF: lambda: lifecycle.handoff(
                session, who, [code], rng.choice(["TP-HT", "VH-XH"]), None, at
            ),
            Action.SUPPLEMENT: lambda: lifecycle.supplement(session, who, code, "Giấy", None, at),
            Action.SUPPLIED: lambda: lifecycle.supplied(session, who, code, at),
            Action.RESULT: lambda: lifecycle.result(session, who, code, "approved", None, at),
            Action.RETURN: lambda: lifecycle.return_result(
                session, who, code, receiver="A", now=at
            ),
        }
        if action in calls:
            calls[action]()
        elif action in (Action.WITHDRAW, Action.STOP) and rng.random() < 0.3:
            lifecycle.close(session, who, code, action, "Lý do", at)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("seed", type=int)
    parser.add_argument("stop")
    parser.add_argument("--lost", type=float, default=0.15)
    parser.add_argument("--slow", type=float, default=0.0)
    parser.add_argument("--naive", action="store_true")
    parser.add_argument("--no-dedupe", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    url = f"sqlite:///{args.db}"
    sessions = session_factory(make_engine(url, busy_timeout_s=10))
    server = str(state.load_url(url))
    offline_until = 0.0
    while not Path(args.stop).exists():
        online = time.monotonic() >= offline_until
        if online and rng.random() < 0.03:
            offline_until = time.monotonic() + rng.uniform(1, 4)  # the network goes away
        with suppress(CounterError):  # refused (no number left offline…): as at a desk
            act_once(sessions, url, rng, online)
        if online and rng.random() < 0.5:
            acked = None
            if args.no_dedupe:
                with unit_of_work(sessions) as session:
                    acked = (
                        state.get(session, "events_upto", 0),
                        state.get(session, "audit_upto", 0),
                    )
            link = FaultyLink(server, rng, args.lost, args.slow, args.naive, acked)
            link.tally = Path(args.db + ".lost")
            try:
                engine.sync_once(sessions, link, now)
            except CounterError:
                pass  # offline, a lost answer: the next sync sends it again
            finally:
                link.close()
        time.sleep(rng.uniform(0.01, 0.08))


if __name__ == "__main__":
    main()
