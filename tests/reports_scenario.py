"""A hand-built set of dossiers exercising every line of spec/reports.md's definitions,
with the Biểu 06 table for March 2026 worked out by hand (tests/conftest.small_catalog).

The period: 2026-03-01..2026-03-31, so start S = 01/03 00:00, end E = 01/04 00:00.
March 2026 has no public holiday; 1, 7–8, 14–15, 21–22, 28–29 are weekends. Working hours
07:30–11:30 and 13:30–17:00 (450 working minutes a day).

Procedures: 1.001193 "Hộ tịch", 3 working days, cut-off 15:00, a supplement stops the
clock; 2.000815 "Chứng thực", same day, cut-off 15:00, no pause; 9.000001 "Xây dựng",
15 calendar days; 9.000002 "Khác", no appointment.

Each dossier below says when it came, what happened to it, and where it counts:

Hộ tịch
  A  received 10/02 (due 13/02), result 12/02: finished before S → not in the period
  B  received Thu 26/02 09:00 direct, due Tue 03/03 17:00 (27/02, 02/03, 03/03), result
     03/03 10:00 → carried over; resolved ON TIME (the appointment's day)
  O  received Wed 25/02 09:00 direct, due Mon 02/03 17:00, never finished → carried over;
     in progress, OVERDUE
  P  received Fri 27/02 09:00 direct, due Wed 04/03 17:00, result 03/04 (after E) →
     carried over; in progress at E, OVERDUE
  C  received Mon 02/03 09:00 direct, due Thu 05/03, result 04/03 → EARLY
  D  received Mon 02/03 10:00 online, due Thu 05/03, result 06/03 → LATE
  E  received Mon 09/03 09:00 postal, due Thu 12/03 17:00; supplement asked Tue 10/03
     09:00, supplied Thu 12/03 09:00: paused 360 + 450 + 90 = 900 working minutes = two
     days, so the legal appointment moves to Mon 16/03 17:00 (13/03, then 16/03 after the
     weekend); result 16/03 10:00 → ON TIME (it would be late against 12/03)
  F  received Mon 16/03 09:00 direct, due Thu 19/03 17:00; extended on 18/03 to Tue 24/03;
     result Mon 23/03 → LATE: an extension does not move the legal appointment
  G  received Mon 30/03 09:00 online, due Thu 02/04 → in progress, WITHIN TIME
  H  received Mon 23/03 09:00 direct, due Thu 26/03, handed over, open → OVERDUE
  I  received Mon 23/03 10:00 direct, due Thu 26/03, supplement asked Wed 25/03, not
     supplied by E → in progress, PAUSED, so WITHIN TIME although 26/03 has passed
  M  received Wed 25/03 09:00 direct, due Mon 30/03 (26/03, 27/03, 30/03), result 02/04
     (after E) → in progress at E, OVERDUE
  J  received Wed 04/03 direct, withdrawn 05/03 → resolved, ON TIME (withdrawn)
  K  received Wed 04/03 postal, supplement asked 05/03 (paused), stopped 20/03 →
     resolved, ON TIME (stopped)
  L  received Wed 11/03 direct, refused the same day after recording → resolved, ON TIME
     (refused)
  row: received 14 = carried over 3 (B, O, P) + online 2 (D, G) + direct 7 (C, F, H, I,
  J, L, M) + postal 2 (E, K); resolved 8 = early 1 (C) + on time 5 (B, E, J, K, L) +
  late 2 (D, F); in progress 6 = within 2 (G, I) + overdue 4 (H, M, O, P); paused 1 (I);
  withdrawn 1, stopped 1, refused 1; rate (1 + 5) / 8 = 75.00 %.

Chứng thực
  Q  received Tue 10/03 15:30 direct, after the 15:00 cut-off: the clock starts Wed 11/03,
     due Wed 11/03 17:00; result 11/03 16:00 → ON TIME (late if counted from 10/03)
  R  received Thu 12/03 09:00 online, due 12/03 17:00, result Fri 13/03 → LATE
  row: received 2 (online 1, direct 1); resolved 2 = on time 1 + late 1; rate 50.00 %.

Khác (no appointment)
  S  received Tue 03/03 direct, result 27/03 → ON TIME (no appointment cannot be late)
  T  received Thu 05/03 postal, open → in progress, WITHIN TIME (no appointment to pass)
  row: received 2 (direct 1, postal 1); resolved 1 on time; in progress 1 within; 100.00 %.

Xây dựng
  U  received Mon 02/03 10:00 online, due 17/03 (15 calendar days), result 10/03 → EARLY
  row: received 1 (online); resolved 1 early; 100.00 %.

  V  received 01/04 (after E) → not in the period.

Total: received 19 = 3 + 4 online + 9 direct + 3 postal; resolved 12 = 2 + 7 + 3;
in progress 7 = 3 within + 4 overdue; paused 1; withdrawn 1, stopped 1, refused 1;
rate 9 / 12 = 75.00 %.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from counter_app.db import unit_of_work
from counter_app.reports.periods import Period, between
from counter_app.services.catalog import catalog
from counter_app.services.dossiers import lifecycle
from counter_app.services.dossiers.workflow import Action
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from tests.conftest import IMPORTED_AT, actor_for, at, intake_doc, small_catalog

MARCH = between(date(2026, 3, 1), date(2026, 3, 31))
BIRTH, COPY, BUILD, OPEN_ENDED = "1.001193", "2.000815", "9.000001", "9.000002"

#          received total, carried, online, direct, postal, resolved, early, on time, late,
#          in progress, within, overdue, paused, withdrawn, stopped, refused, rate
EXPECTED = {
    "Chứng thực": (2, 0, 1, 1, 0, 2, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 50.0),
    "Hộ tịch": (14, 3, 2, 7, 2, 8, 1, 5, 2, 6, 2, 4, 1, 1, 1, 1, 75.0),
    "Khác": (2, 0, 0, 1, 1, 1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 100.0),
    "Xây dựng": (1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 100.0),
    "Tổng số": (19, 3, 4, 9, 3, 12, 2, 7, 3, 7, 3, 4, 1, 1, 1, 1, 75.0),
}


def flat(row: dict[str, Any]) -> tuple[Any, ...]:
    """A row of the report's JSON in the order of EXPECTED."""
    r, s, p = row["received"], row["resolved"], row["in_progress"]
    return (
        r["total"],
        r["carried_over"],
        r["online"],
        r["direct"],
        r["postal"],
        s["total"],
        s["early"],
        s["on_time"],
        s["late"],
        p["total"],
        p["within_time"],
        p["overdue"],
        p["paused"],
        row["withdrawn"],
        row["stopped"],
        row["refused"],
        row["on_time_rate"],
    )


class Desk:
    """Services at the simulated moment of each action."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions
        self.codes: dict[str, str] = {}

    def do(self, work: Callable[..., Any], moment: str, *args: Any) -> Any:
        with unit_of_work(self.sessions, write=True) as session:
            return work(session, actor_for(session), *args, at(moment))

    def receive(self, name: str, procedure: str, moment: str, channel: str = "direct") -> str:
        documents = None if procedure == BIRTH else []
        doc = intake_doc(
            procedure=procedure,
            channel=channel,
            received_at=moment,
            **({} if documents is None else {"documents": documents}),
        )
        self.codes[name] = self.do(
            lambda s, who, now: intake.receive(s, who, read_intake(doc), now).code, moment
        )
        return self.codes[name]

    def handoff(self, name: str, moment: str, unit: str = "TP-HT") -> None:
        self.do(
            lambda s, who, now: lifecycle.handoff(s, who, [self.codes[name]], unit, None, now),
            moment,
        )

    def result(self, name: str, moment: str) -> None:
        self.do(
            lambda s, who, now: lifecycle.result(s, who, self.codes[name], "approved", None, now),
            moment,
        )

    def supplement(self, name: str, moment: str) -> None:
        self.do(
            lambda s, who, now: lifecycle.supplement(
                s, who, self.codes[name], "Giấy tờ", None, now
            ),
            moment,
        )

    def supplied(self, name: str, moment: str) -> None:
        self.do(lambda s, who, now: lifecycle.supplied(s, who, self.codes[name], now), moment)

    def close(self, name: str, action: Action, moment: str) -> None:
        self.do(
            lambda s, who, now: lifecycle.close(s, who, self.codes[name], action, "Lý do", now),
            moment,
        )

    def extend(self, name: str, due: str, moment: str) -> None:
        self.do(
            lambda s, who, now: lifecycle.extend(
                s, who, self.codes[name], at(due), "Cần xác minh", now
            ),
            moment,
        )


def T(day_time: str) -> str:  # noqa: N802 - reads like a time stamp
    return f"2026-{day_time}:00+07:00"


def build(sessions: sessionmaker[Session]) -> Desk:
    """The dossiers of the docstring, up to the end of March (and A, V around it)."""
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, small_catalog(), IMPORTED_AT)
    d = Desk(sessions)
    d.receive("A", BIRTH, T("02-10T10:00"))
    d.result("A", T("02-12T10:00"))
    d.receive("O", BIRTH, T("02-25T09:00"))
    d.handoff("O", T("02-25T10:00"))
    d.receive("B", BIRTH, T("02-26T09:00"))
    d.handoff("B", T("02-26T10:00"))
    d.result("B", T("03-03T10:00"))
    d.receive("P", BIRTH, T("02-27T09:00"))
    d.handoff("P", T("02-27T10:00"))
    d.receive("C", BIRTH, T("03-02T09:00"))
    d.result("C", T("03-04T10:00"))
    d.receive("D", BIRTH, T("03-02T10:00"), "online")
    d.result("D", T("03-06T10:00"))
    d.receive("U", BUILD, T("03-02T10:00"), "online")
    d.handoff("U", T("03-02T11:00"), "DC-XD")
    d.result("U", T("03-10T10:00"))
    d.receive("S", OPEN_ENDED, T("03-03T09:00"))
    d.result("S", T("03-27T10:00"))
    d.receive("J", BIRTH, T("03-04T09:00"))
    d.close("J", Action.WITHDRAW, T("03-05T09:00"))
    d.receive("K", BIRTH, T("03-04T10:00"), "postal")
    d.supplement("K", T("03-05T09:00"))
    d.close("K", Action.STOP, T("03-20T09:00"))
    d.receive("T", OPEN_ENDED, T("03-05T09:00"), "postal")
    d.receive("E", BIRTH, T("03-09T09:00"), "postal")
    d.handoff("E", T("03-09T10:00"))
    d.supplement("E", T("03-10T09:00"))
    d.supplied("E", T("03-12T09:00"))
    d.result("E", T("03-16T10:00"))
    d.receive("Q", COPY, T("03-10T15:30"))
    d.result("Q", T("03-11T16:00"))
    d.receive("L", BIRTH, T("03-11T09:00"))
    d.close("L", Action.REFUSE, T("03-11T09:30"))
    d.receive("R", COPY, T("03-12T09:00"), "online")
    d.result("R", T("03-13T09:00"))
    d.receive("F", BIRTH, T("03-16T09:00"))
    d.handoff("F", T("03-16T10:00"))
    d.extend("F", T("03-24T17:00"), T("03-18T09:00"))
    d.result("F", T("03-23T10:00"))
    d.receive("H", BIRTH, T("03-23T09:00"))
    d.handoff("H", T("03-23T10:00"))
    d.receive("I", BIRTH, T("03-23T10:00"))
    d.handoff("I", T("03-23T11:00"))
    d.supplement("I", T("03-25T09:00"))
    d.receive("M", BIRTH, T("03-25T09:00"))
    d.receive("G", BIRTH, T("03-30T09:00"), "online")
    return d


def april(d: Desk) -> None:
    """Work dated after the period: it must not change March's figures."""
    d.receive("V", BIRTH, T("04-01T09:00"))
    d.result("M", T("04-02T10:00"))
    d.close("T", Action.WITHDRAW, T("04-02T11:00"))
    d.result("G", T("04-03T09:00"))
    d.result("P", T("04-03T10:00"))
    d.supplied("I", T("04-06T09:00"))  # moves I's legal appointment, after the period
    d.result("I", T("04-07T09:00"))
    d.result("H", T("04-08T09:00"))
    d.result("V", T("04-08T10:00"))
    d.supplement("O", T("04-09T09:00"))


def period() -> Period:
    return MARCH
