"""Demo data: the sample catalog and a year of a commune's work, in every state.

Everything goes through the same services as real work (codes, appointments, events, the
report facts), each action with the clock set to its simulated moment, day after day in
the order things happen. About five citizens a working day; civil status and certified
copies dominate; most results come back early or on time, some late; a few dossiers are
paused for a supplement, extended, withdrawn, stopped or refused, a few still open and
overdue, so that the worklists, the reports and the dashboard show a real picture.
"""

from __future__ import annotations

import heapq
import itertools
import json
import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.calendar import WorkingCalendar
from counter_app.models import Agency, Dossier, ProcedureVersion, Unit
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.services.demo.demo_people import fake_applicant, reason
from counter_app.services.dossiers import lifecycle
from counter_app.services.dossiers.workflow import Action
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import Intake, ReceivedDocument

YEAR_DAYS = 365
PER_DAY = 5  # citizens a working day, on average (a small commune)
# Civil status and certified copies are most of a commune's counter (weights by code).
WEIGHTS = {
    "2.000815": 30,
    "1.001193": 14,
    "2.000884": 12,
    "1.000656": 5,
    "1.000894": 5,
    "2.000635": 6,
    "1.004873": 8,
    "1.001022": 3,
    "1.001612": 3,
}
Work = Callable[[datetime], object]


class Simulation:
    """Actions planned at future moments, carried out in time order through the services."""

    def __init__(self, session: Session, who: Actor, now: datetime, seed: int) -> None:
        self.session, self.who, self.now = session, who, now
        self.rng = random.Random(seed)
        self.agency = session.get_one(Agency, who.agency_id)
        self.calendar: WorkingCalendar = desk.working_calendar(session, self.agency)
        self.pending: list[tuple[datetime, int, Work]] = []
        self.order = itertools.count()

    def later(self, when: datetime, work: Work) -> None:
        if when < self.now:  # the life of the dossier is cut at "now"
            heapq.heappush(self.pending, (when, next(self.order), work))

    def run_until(self, moment: datetime) -> None:
        while self.pending and self.pending[0][0] <= moment:
            when, _, work = heapq.heappop(self.pending)
            work(when)

    def working_time(self, day: date, earliest: time = time(7, 35)) -> datetime:
        """A moment in the working hours of `day`, not before `earliest`."""
        minutes: list[int] = []
        for start, end in self.calendar.hours.periods:
            lo = max(start.hour * 60 + start.minute, earliest.hour * 60 + earliest.minute)
            minutes += range(lo, end.hour * 60 + end.minute - 5)
        minute = self.rng.choice(minutes or [16 * 60 + 50])
        return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=self.now.tzinfo)

    def days_after(self, moment: datetime, days: int) -> date:
        day = moment.date()
        for _ in range(days):
            day = self.calendar.next_working_day(day)
        return day


def load(
    session: Session,
    catalog_path: Path,
    now: datetime,
    officer: str,
    days: int = YEAR_DAYS,
    seed: int = 2026,
) -> int:
    """Import the sample catalog and `days` of demo work up to yesterday; 0 when the
    database already has dossiers."""
    if session.scalar(select(func.count()).select_from(Dossier)):
        return 0
    data = json.loads(catalog_path.read_text(encoding="utf-8"))
    earliest = min(date.fromisoformat(p["effective_from"]) for p in data["procedures"])
    first = max(now.date() - timedelta(days=days), earliest)
    catalog.import_catalog(session, data, datetime.combine(first, time(7), tzinfo=now.tzinfo))
    who = desk.actor(session, officer, data["agency"]["code"])
    sim = Simulation(session, who, now, seed)
    choices = _procedures(sim, first)
    count, day = 0, first
    while day < now.date():
        if sim.calendar.is_working_day(day):
            for at in _arrivals(sim, day):
                sim.run_until(at)
                _receive(sim, choices, at)
                count += 1
        day += timedelta(days=1)
    # Work planned for today stays planned: the desk opens on yesterday's dossiers still to
    # hand over, whatever the hour the demo was loaded (and the same picture at any hour).
    sim.run_until(datetime.combine(now.date(), time(0), tzinfo=now.tzinfo))
    return count


def _procedures(sim: Simulation, day: date) -> list[tuple[str, ProcedureVersion]]:
    """The procedures to draw from, each as often as its weight."""
    summaries = catalog.procedures_in_force(sim.session, sim.agency, day)
    drawn = []
    for s in summaries:
        version = catalog.version_in_force(sim.session, sim.agency, s.code, day)
        drawn += [(s.code, version)] * WEIGHTS.get(s.code, 1)
    return drawn


def _arrivals(sim: Simulation, day: date) -> list[datetime]:
    rng = sim.rng
    mean = PER_DAY * (1.3 if day.weekday() == 0 else 1.0) * (1.25 if day.month in (1, 2) else 1)
    count = max(0, round(rng.gauss(mean, mean * 0.3)))
    times = [sim.working_time(day) for _ in range(count)]
    return sorted(times)


def _receive(sim: Simulation, choices: list[tuple[str, ProcedureVersion]], at: datetime) -> None:
    rng = sim.rng
    code, version = rng.choice(choices)
    documents = tuple(
        ReceivedDocument(d.name, d.count, None) for d in version.documents if d.required
    )
    channel = rng.choices(("direct", "online", "postal"), (75, 20, 5))[0]
    document = Intake(
        code, fake_applicant(rng, sim.agency), documents, channel, at, 1, None, channel == "postal"
    )
    dossier = intake.receive(sim.session, sim.who, document, at)
    _plan(sim, dossier.code, version, at, dossier.due_at)


def _plan(
    sim: Simulation, code: str, version: ProcedureVersion, received: datetime, due: datetime | None
) -> None:
    """The dossier's life from its reception: what happens, and when."""
    rng, s, who = sim.rng, sim.session, sim.who
    roll = rng.random()
    if roll < 0.005:
        sim.later(
            received + timedelta(minutes=20),
            lambda now: lifecycle.close(s, who, code, Action.REFUSE, reason("refused", rng), now),
        )
        return
    if roll < 0.015:
        sim.later(
            sim.working_time(sim.days_after(received, 1)),
            lambda now: lifecycle.close(
                s, who, code, Action.WITHDRAW, reason("withdrawn", rng), now
            ),
        )
        return
    unit = s.get(Unit, version.unit_id) if version.unit_id else None
    same_day = due is not None and due.date() == received.date()
    handed = (
        received + timedelta(minutes=rng.randint(20, 90))
        if same_day
        else sim.working_time(sim.days_after(received, rng.choice((0, 1))), received.time())
    )
    if unit is not None:
        sim.later(handed, lambda now: lifecycle.handoff(s, who, [code], unit.code, None, now))
    _outcome(sim, code, handed, due, rng.random())


def _outcome(
    sim: Simulation, code: str, handed: datetime, due: datetime | None, roll: float
) -> None:
    """Result back (early, on time or late), perhaps after a pause or an extension, or an
    end of another kind; then the result returned to the citizen. Each step comes after
    the one before it."""
    rng, s, who = sim.rng, sim.session, sim.who
    late = rng.random() < 0.04
    deadline = due or handed + timedelta(days=20)
    if late:
        result_day = sim.days_after(deadline, rng.choice((1, 1, 2, 3)))
    else:
        span = max(0, (deadline.date() - handed.date()).days)
        result_day = handed.date() + timedelta(days=rng.randint(span // 3, span) if span else 0)
        result_day = result_day if sim.calendar.is_working_day(result_day) else deadline.date()
    result_at = max(sim.working_time(result_day), handed + timedelta(minutes=30))
    if roll < 0.06:  # documents missing: paused, then supplied (or stopped)
        asked = max(sim.working_time(sim.days_after(handed, 1)), handed + timedelta(hours=1))
        sim.later(
            asked,
            lambda now: lifecycle.supplement(
                s, who, code, "Bản sao giấy tờ có chứng thực", "Bản chụp không rõ", now
            ),
        )
        if rng.random() < 0.15:
            sim.later(
                sim.working_time(sim.days_after(asked, 10)),
                lambda now: lifecycle.close(s, who, code, Action.STOP, reason("stopped", rng), now),
            )
            return
        supplied = sim.working_time(sim.days_after(asked, rng.randint(1, 4)))
        sim.later(supplied, lambda now: lifecycle.supplied(s, who, code, now))
        result_at = max(
            result_at + (supplied - asked if late else timedelta()), supplied + timedelta(hours=2)
        )
    elif roll < 0.09 and due is not None:  # an apology and a new appointment (form 04)
        new_due = datetime.combine(
            sim.days_after(due, 3), sim.calendar.hours.closing, tzinfo=due.tzinfo
        )
        asked = max(handed + timedelta(hours=1), due - timedelta(days=1))
        sim.later(
            asked, lambda now: lifecycle.extend(s, who, code, new_due, reason("extended", rng), now)
        )
        result_at = max(result_at, asked + timedelta(hours=1))
    elif roll < 0.105:
        sim.later(
            handed + timedelta(hours=rng.randint(2, 48)),
            lambda now: lifecycle.close(
                s,
                who,
                code,
                Action.WITHDRAW if roll < 0.1 else Action.STOP,
                reason("withdrawn" if roll < 0.1 else "stopped", rng),
                now,
            ),
        )
        return
    if rng.random() < 0.004:  # lost in a unit: still open, long overdue
        return
    sim.later(result_at, lambda now: lifecycle.result(s, who, code, "approved", None, now))
    if rng.random() < 0.92:
        back = sim.working_time(sim.days_after(result_at, rng.choice((0, 0, 1, 1, 2, 5))))
        sim.later(max(back, result_at + timedelta(minutes=15)), lambda now: _return(sim, code, now))


def _return(sim: Simulation, code: str, now: datetime) -> None:
    dossier = lifecycle.load(sim.session, code)
    if dossier.return_by_post:
        lifecycle.return_result(
            sim.session, sim.who, code, post_tracking=f"EB{sim.rng.randrange(10**9):09d}VN", now=now
        )
    else:
        lifecycle.return_result(
            sim.session, sim.who, code, receiver=dossier.applicant_name, now=now
        )
