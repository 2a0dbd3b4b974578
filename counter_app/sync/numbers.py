"""Dossier numbers on a desk that syncs: the server's (agency, day) counter is the only
source. Online, a reception leases its number at the moment it is made (and takes the
server's time); offline it takes one from the reserve leased earlier for that day. The
reserve comes from the top of the day's range (9999 down, SQL 0012): on a day no desk goes
offline the codes run 1, 2, 3… with no hole, and a reserve number left unused at night is
void on the server without showing in the register. A desk with no number left for today
says so before an intake starts.

A reserve never holds a number another desk has used: numbers whose code is already a
dossier here (a desk that joined after working alone, a reserve leased by an older server
from the day's one counter) are set aside as `taken` at join, after each pull and before
each use.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from counter_app.clock import local
from counter_app.errors import RefusedInput
from counter_app.models import Agency, CodeNumber, Dossier
from counter_app.services.codes.numbering import format_code

RESERVE = 10  # numbers kept in reserve for today and for the next working day


class NoNumberLeft(RefusedInput):
    """Offline, with no number leased for the day: no code can be given without risk."""


@dataclass(frozen=True)
class OnlineNumber:
    day: date
    number: int
    server_now: datetime


def free(session: Session, agency_id: uuid.UUID, day: date) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(CodeNumber)
            .where(
                CodeNumber.agency_id == agency_id, CodeNumber.day == day, CodeNumber.state == "free"
            )
        )
        or 0
    )


def source(online: OnlineNumber | None) -> Callable[[Session, Agency, date], int]:
    """The number a reception takes: the one just leased for it, or the reserve's lowest
    whose code no dossier here has."""

    def take(session: Session, agency: Agency, day: date) -> int:
        if (
            online is not None
            and online.day == day
            and not _in_use(session, agency, day, online.number)
        ):
            number = session.get(CodeNumber, (agency.id, day, online.number))
            if number is None:
                session.add(
                    CodeNumber(
                        agency_id=agency.id,
                        day=day,
                        number=online.number,
                        state="used",
                        void_sent=False,
                    )
                )
            else:
                number.state = "used"
            session.flush()
            return online.number
        for lowest in session.scalars(
            select(CodeNumber.number)
            .where(
                CodeNumber.agency_id == agency.id, CodeNumber.day == day, CodeNumber.state == "free"
            )
            .order_by(CodeNumber.number)
        ):
            state = "taken" if _in_use(session, agency, day, lowest) else "used"
            session.execute(
                update(CodeNumber)
                .where(
                    CodeNumber.agency_id == agency.id,
                    CodeNumber.day == day,
                    CodeNumber.number == lowest,
                )
                .values(state=state)
            )
            if state == "used":
                return int(lowest)
        raise NoNumberLeft(
            f"Bàn đang mất kết nối với máy chủ văn phòng và không còn số hồ sơ dự phòng "
            f"cho ngày {day:%d/%m/%Y}: chưa cấp được mã. Kết nối lại mạng rồi tiếp nhận."
        )

    return take


def _in_use(session: Session, agency: Agency, day: date, number: int) -> bool:
    code = format_code(agency.code_pattern, agency.code, day, number)
    return session.scalar(select(Dossier.id).where(Dossier.code == code).limit(1)) is not None


def set_aside_taken(session: Session, today: date) -> int:
    """Free reserve numbers whose code a dossier here already has (another desk used it):
    `taken`, never offered again. A few dozen rows at most: one look-up each."""
    taken = 0
    rows = session.execute(
        select(CodeNumber, Agency)
        .join(Agency, Agency.id == CodeNumber.agency_id)
        .where(CodeNumber.state == "free", CodeNumber.day >= today)
    ).all()
    for number, agency in rows:
        if _in_use(session, agency, number.day, number.number):
            number.state = "taken"
            taken += 1
    return taken


def void_past(session: Session, today: date) -> int:
    """Numbers of days gone that were never used: void (told to the server next push)."""
    result = session.execute(
        update(CodeNumber)
        .where(CodeNumber.day < today, CodeNumber.state == "free")
        .values(state="void")
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def now_of(online: OnlineNumber | None, fallback: datetime) -> datetime:
    """The reception's time: the server's when online (a desk's clock may be wrong)."""
    return local(online.server_now) if online is not None else fallback
