"""Dossier numbers on a desk that syncs: the server's (agency, day) counter is the only
source. Online, a reception leases its number at the moment it is made (and takes the
server's time); offline it takes one from the reserve leased earlier for that day. A
number leased and not used by the end of its day is void: the server is told, the
register shows it. A desk with no number left for today says so before an intake starts.
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
from counter_app.models import Agency, CodeNumber

RESERVE = 10  # numbers kept in reserve for today and for the next working day


class NoNumberLeft(RefusedInput):
    """Offline, with no number leased for the day: no code can be given without risk."""


@dataclass(frozen=True)
class OnlineNumber:
    day: date
    number: int
    server_now: datetime


def free(session: Session, agency_id: uuid.UUID, day: date) -> int:
    return int(session.scalar(select(func.count()).select_from(CodeNumber).where(
        CodeNumber.agency_id == agency_id, CodeNumber.day == day,
        CodeNumber.state == "free")) or 0)  # fmt: skip


def source(online: OnlineNumber | None) -> Callable[[Session, Agency, date], int]:
    """The number a reception takes: the one just leased for it, or the reserve's lowest."""
    def take(session: Session, agency: Agency, day: date) -> int:
        if online is not None and online.day == day:
            number = session.get(CodeNumber, (agency.id, day, online.number))
            if number is None:
                session.add(CodeNumber(agency_id=agency.id, day=day, number=online.number,
                                       state="used", void_sent=False))  # fmt: skip
            else:
                number.state = "used"
            session.flush()
            return online.number
        lowest = session.scalar(select(func.min(CodeNumber.number)).where(
            CodeNumber.agency_id == agency.id, CodeNumber.day == day,
            CodeNumber.state == "free"))  # fmt: skip
        if lowest is None:
            raise NoNumberLeft(
                f"Bàn đang mất kết nối với máy chủ văn phòng và không còn số hồ sơ dự phòng "
                f"cho ngày {day:%d/%m/%Y}: chưa cấp được mã. Kết nối lại mạng rồi tiếp nhận.")
        session.execute(update(CodeNumber).where(
            CodeNumber.agency_id == agency.id, CodeNumber.day == day,
            CodeNumber.number == lowest).values(state="used"))  # fmt: skip
        return int(lowest)

    return take


def void_past(session: Session, today: date) -> int:
    """Numbers of days gone that were never used: void (told to the server next push)."""
    result = session.execute(update(CodeNumber).where(
        CodeNumber.day < today, CodeNumber.state == "free").values(state="void"))  # fmt: skip
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def now_of(online: OnlineNumber | None, fallback: datetime) -> datetime:
    """The reception's time: the server's when online (a desk's clock may be wrong)."""
    return local(online.server_now) if online is not None else fallback
