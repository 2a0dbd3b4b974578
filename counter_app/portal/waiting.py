"""Online dossiers waiting for the desk's answer, and the time the desk has to give it
(issue 21, requirement 4; docs/portal.md "Hồ sơ trực tuyến vào").

The rule lives here and only here: `portal waiting` on the command line and the desk's
worklist "Trực tuyến chờ tiếp nhận" both read `waiting()`, which applies it. It is counted
on the agency's working calendar (counter_app/calendar.py: its working hours, holidays and
declared days) exactly as an appointment of so many working hours is.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.calendar import Duration, DurationUnit, WorkingCalendar
from counter_app.clock import local
from counter_app.models import Agency, Dossier, ProcedureVersion
from counter_app.services.desk import working_calendar
from counter_app.services.worklists.worklists import online_waiting

# The legal time to answer an online dossier (accept it, ask for a supplement with its
# reasons, or refuse it with its reason): one working day, read as 8 working hours, from
# its submission on the portal (NgayNopHoSo; submitted outside working hours, it counts
# from the next working time). Basis: Nghị định 61/2018/NĐ-CP as amended by Nghị định
# 107/2021/NĐ-CP, and the online procedure of Nghị định 45/2020/NĐ-CP: an online dossier
# is checked and answered no later than the next working day [to be confirmed by the
# agency: the article could not be cited here]. With the usual hours (07:30-11:30,
# 13:30-17:00: 7 h 30 a day) 8 working hours end half an hour into the day after; should
# the agency read "the next working day" as its end, this constant becomes
# Duration(DurationUnit.WORKING_DAY, 1) and nothing else changes.
ANSWER_TIME = Duration(DurationUnit.WORKING_HOUR, 8)
SOON_MINUTES = 2 * 60  # working minutes left under which the deadline is near (amber)


class Urgency(StrEnum):
    IN_TIME = "in_time"
    SOON = "soon"  # SOON_MINUTES of working time left, or less
    OVERDUE = "overdue"  # the deadline has passed


def answer_due(calendar: WorkingCalendar, submitted_at: datetime) -> datetime:
    """When the answer to a dossier submitted at `submitted_at` is due."""
    due = calendar.due(ANSWER_TIME, calendar.effective_receipt(submitted_at, None))
    assert due is not None  # a duration in working hours always ends
    return due


def minutes_left(calendar: WorkingCalendar, due: datetime, now: datetime) -> int:
    """Working minutes from `now` to `due`; negative once it has passed (by so many
    working minutes)."""
    if local(now) <= local(due):
        return calendar.working_minutes_between(now, due)
    return -calendar.working_minutes_between(due, now)


def urgency(due: datetime, now: datetime, left: int) -> Urgency:
    if local(now) > local(due):
        return Urgency.OVERDUE
    return Urgency.SOON if left <= SOON_MINUTES else Urgency.IN_TIME


@dataclass(frozen=True)
class Waiting:
    code: str
    portal_code: str
    procedure: str  # the procedure version's name
    received_at: datetime  # the submission on the portal (NgayNopHoSo)
    due_at: datetime | None  # the appointment, set at import
    answer_due_at: datetime  # the answer's deadline (ANSWER_TIME)
    minutes_left: int  # working minutes to answer_due_at at the time read; < 0: past
    urgency: Urgency


def waiting(session: Session, now: datetime, limit: int = 500) -> list[Waiting]:
    """Online dossiers not yet answered, oldest submission first, each with the time left
    to answer at `now`."""
    rows = session.execute(
        select(
            Dossier.code,
            Dossier.portal_code,
            ProcedureVersion.name,
            Dossier.received_at,
            Dossier.due_at,
            Dossier.agency_id,
        )
        .join(ProcedureVersion, ProcedureVersion.id == Dossier.procedure_version_id)
        .where(online_waiting())
        .order_by(Dossier.received_at, Dossier.code)
        .limit(limit)
    ).all()
    calendars: dict[uuid.UUID, WorkingCalendar] = {}
    found = []
    for code, portal_code, procedure, received_at, due_at, agency_id in rows:
        if agency_id not in calendars:
            calendars[agency_id] = working_calendar(session, session.get_one(Agency, agency_id))
        calendar = calendars[agency_id]
        answer_at = answer_due(calendar, received_at)
        left = minutes_left(calendar, answer_at, now)
        found.append(
            Waiting(
                code,
                portal_code or "",  # never None here: online_waiting() asks for one
                procedure,
                received_at,
                due_at,
                answer_at,
                left,
                urgency(answer_at, now, left),
            )
        )
    return found
