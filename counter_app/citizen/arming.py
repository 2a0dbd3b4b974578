"""Arming: the officer invites the citizen in front of the counter to rate the visit just
made, and the citizen's screen takes one rating of that visit, within a minute.

Explicit, never guessed: a rating belongs to the dossier and visit the officer armed
(peers attach it to "the officer's latest dossier of the last ten minutes", which
misattributes). At most one visit is armed at a time (arming another replaces it); the
arming ends when a rating is taken, when the officer's desk locks, or after WINDOW_S
seconds. No Qt: the desk's windows drive it, a test drives its clock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.citizen import ratings
from counter_app.citizen.criteria import criteria_of, score_of, visit_of
from counter_app.errors import RefusedInput
from counter_app.models import Dossier, ProcedureVersion
from counter_app.services.codes.codes import normalise_code, unknown_dossier

WINDOW_S = 60.0
NOTHING_ARMED = "Chưa có hồ sơ nào được mời đánh giá."


class NotArmed(RefusedInput):
    """Nothing armed (never, or the minute passed, or the rating was taken)."""


@dataclass(frozen=True)
class Showing:
    """What the citizen's screen may show of a dossier: it faces the hall, so its code,
    procedure and appointment, and nothing that names or reaches a person."""

    code: str
    procedure: str
    due_at: datetime | None
    visit: str  # reception | return


@dataclass(frozen=True)
class Armed:
    showing: Showing
    actor: Actor  # the officer of the visit, at this desk
    counter: int | None
    until: float  # on the arming's clock


def showing(session: Session, code: str, visit: str) -> Showing:
    row = session.execute(
        select(Dossier.code, ProcedureVersion.name, Dossier.due_at)
        .join(ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id)
        .where(Dossier.code == normalise_code(code))
    ).first()
    if row is None:
        raise unknown_dossier(session, code)
    return Showing(row[0], row[1], row[2], visit_of(visit))


class Arming:
    def __init__(
        self, clock: Callable[[], float] = time.monotonic, window_s: float = WINDOW_S
    ) -> None:
        self._clock, self.window_s = clock, window_s
        self._armed: Armed | None = None
        self._lock = threading.Lock()  # the GUI arms, a worker submits

    def arm(
        self, session: Session, actor: Actor, code: str, visit: str, counter: int | None
    ) -> Armed:
        """Invite a rating of `visit` of the dossier (worker thread: it reads the database).
        Refused: a visit already rated, a return not made."""
        shown = showing(session, code, visit)
        dossier = session.scalars(select(Dossier).where(Dossier.code == shown.code)).one()
        ratings.check_visit(session, dossier, shown.visit)
        armed = Armed(shown, actor, ratings.counter_of(counter), self._clock() + self.window_s)
        with self._lock:
            self._armed = armed
        return armed

    def current(self) -> Armed | None:
        """What is armed now; None once the minute has passed (the arming is then gone)."""
        with self._lock:
            if self._armed is not None and self._clock() >= self._armed.until:
                self._armed = None
            return self._armed

    def disarm(self) -> None:
        with self._lock:
            self._armed = None

    def take(self) -> Armed:
        """The armed visit, consumed: a second submission finds nothing armed."""
        with self._lock:
            armed = self._armed
            self._armed = None
        if armed is None or self._clock() >= armed.until:
            raise NotArmed(NOTHING_ARMED)
        return armed

    def submit(
        self, session: Session, score: int, criteria: tuple[str, ...] | list[str], now: datetime
    ) -> ratings.RatingView:
        """The citizen's rating of the armed visit, recorded in the caller's unit of work;
        the arming is consumed (even if the rating is then refused: the officer invites
        again). Nothing armed: NotArmed, nothing written."""
        score, chosen = score_of(score), criteria_of(list(criteria))
        armed = self.take()
        s = armed.showing
        return ratings.rate(
            session, armed.actor, s.code, s.visit, score, chosen, armed.counter, now
        )
