"""`audit verify`: the trail of every desk walked in order, each hash recomputed.

A changed entry no longer matches its hash; a removed one leaves a gap in its desk's
numbers (or a link that points at nothing); an inserted one breaks the numbering or the
link of the entry after it; the newest entry must be the one the desk's row names. The
first bad entry is named by its desk, number and time, never by its content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.audit import trail
from counter_app.audit.trail import chain_hash
from counter_app.models import AuditEntry, Desk


@dataclass(frozen=True)
class Break:
    desk: str
    seq: int
    at: datetime | None
    why: str


@dataclass(frozen=True)
class Verdict:
    entries: int
    desks: int
    first_break: Break | None

    @property
    def intact(self) -> bool:
        return self.first_break is None


def verify(session: Session) -> Verdict:
    total, breaks = 0, []
    desks = list(session.scalars(select(Desk).order_by(Desk.name)))
    for desk in desks:
        count, found = _walk(session, desk)
        total += count
        if found:
            breaks.append(found)
    return Verdict(total, len(desks), min(breaks, key=lambda b: (b.at is None, b.at),
                                          default=None))  # fmt: skip


def _walk(session: Session, desk: Desk) -> tuple[int, Break | None]:
    expected_seq, prev, count = 1, "", 0
    rows = session.scalars(select(AuditEntry).where(AuditEntry.desk_id == desk.id)
                           .order_by(AuditEntry.desk_seq))  # fmt: skip
    for entry in rows:
        count += 1
        why = None
        if entry.desk_seq != expected_seq:
            why = (f"thiếu mục số {expected_seq}" if entry.desk_seq > expected_seq
                   else "số thứ tự lặp lại (có mục chèn thêm)")  # fmt: skip
        elif entry.prev_hash != prev:
            why = "không nối tiếp mục trước (có mục bị xoá hoặc chèn)"
        elif chain_hash(prev, entry) != entry.hash:
            why = "nội dung đã bị sửa"
        if why:
            return count, Break(desk.name, entry.desk_seq, entry.at, why)
        expected_seq, prev = entry.desk_seq + 1, entry.hash
    if desk.is_local and (expected_seq - 1 != desk.last_audit_seq or prev != desk.last_audit_hash):
        return count, Break(desk.name, expected_seq, None,
                            "các mục cuối cùng đã bị xoá (bàn đã ghi đến số "
                            f"{desk.last_audit_seq})")  # fmt: skip
    return count, None


def verify_as(session: Session, actor: Actor, now: datetime) -> Verdict:
    """`verify` for a role that may read the trail, recorded in it."""
    require(actor, Permission.AUDIT)
    verdict = verify(session)
    trail.record(session, actor.desk_id, trail.Who(actor.officer_id, actor.officer),
                 "audit_verify", now, detail={"intact": verdict.intact,
                                              "entries": verdict.entries})  # fmt: skip
    return verdict
