"""`audit verify`: the trail of every desk walked in order, each hash recomputed.

A changed entry no longer matches its hash; a removed one leaves a gap in its desk's
numbers (or a link that points at nothing); an inserted one breaks the numbering or the
link of the entry after it; the newest entry must be the one the desk's row names. The
first bad entry is named by its desk, number and time, never by its content.

The chain alone has no key: whoever holds the file could rewrite entries and chain them
again. Anchors held outside the database close that: the hash of a desk's entry as the
office server holds it (what the desk pushed) and as each backup's manifest recorded the
chain's head. The entry of that number here must still have that hash; since each hash
covers the one before, every entry up to it is then as it was.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

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
class Anchor:
    """A desk's entry `seq` had `hash`, as `source` (words: where it was kept) says."""

    desk_id: uuid.UUID
    seq: int
    hash: str
    source: str
    taken_at: datetime | None = None  # a backup's: when the copy was taken


@dataclass(frozen=True)
class Verdict:
    entries: int
    desks: int
    first_break: Break | None
    anchors: int = 0  # anchors the trail was compared with

    @property
    def intact(self) -> bool:
        return self.first_break is None


def verify(session: Session, anchors: Sequence[Anchor] = ()) -> Verdict:
    total, breaks = 0, []
    desks = list(session.scalars(select(Desk).order_by(Desk.name)))
    for desk in desks:
        count, found = _walk(session, desk)
        total += count
        if found:
            breaks.append(found)
    names = {desk.id: desk.name for desk in desks}
    restores = session.execute(
        select(AuditEntry.desk_id, AuditEntry.desk_seq, AuditEntry.at).where(
            AuditEntry.action == trail.Action.RESTORE
        )
    ).all()
    held = [a for a in anchors if a.seq > 0 and not _replaced(a, restores)]
    breaks += [b for b in (_anchored(session, a, names) for a in held) if b]
    return Verdict(
        total,
        len(desks),
        min(breaks, key=lambda b: (b.at is None, b.at, b.seq), default=None),
        len(held),
    )


def _replaced(anchor: Anchor, restores: Sequence[Any]) -> bool:
    """A copy taken before a restore, of entries the restore replaced (its head at or past
    the restore's own entry): the trail it saw is no longer this desk's, by a recorded act."""
    return anchor.taken_at is not None and any(
        desk_id == anchor.desk_id and anchor.seq >= seq and anchor.taken_at <= at
        for desk_id, seq, at in restores
    )


def _anchored(session: Session, anchor: Anchor, names: dict[uuid.UUID, str]) -> Break | None:
    entry = session.scalar(
        select(AuditEntry).where(
            AuditEntry.desk_id == anchor.desk_id, AuditEntry.desk_seq == anchor.seq
        )
    )
    desk = names.get(anchor.desk_id, "?")
    if entry is None:
        return Break(desk, anchor.seq, None, f"thiếu mục này, đã có trong {anchor.source}")
    if entry.hash != anchor.hash:
        return Break(
            desk,
            anchor.seq,
            entry.at,
            f"khác với {anchor.source}: nhật ký đến mục này đã bị viết lại",
        )
    return None


def _walk(session: Session, desk: Desk) -> tuple[int, Break | None]:
    expected_seq, prev, count = 1, "", 0
    rows = session.scalars(
        select(AuditEntry).where(AuditEntry.desk_id == desk.id).order_by(AuditEntry.desk_seq)
    )
    for entry in rows:
        count += 1
        why = None
        if entry.desk_seq != expected_seq:
            why = (
                f"thiếu mục số {expected_seq}"
                if entry.desk_seq > expected_seq
                else "số thứ tự lặp lại (có mục chèn thêm)"
            )
        elif entry.prev_hash != prev:
            why = "không nối tiếp mục trước (có mục bị xoá hoặc chèn)"
        elif chain_hash(prev, entry) != entry.hash:
            why = "nội dung đã bị sửa"
        if why:
            return count, Break(desk.name, entry.desk_seq, entry.at, why)
        expected_seq, prev = entry.desk_seq + 1, entry.hash
    if desk.is_local and (expected_seq - 1 != desk.last_audit_seq or prev != desk.last_audit_hash):
        return count, Break(
            desk.name,
            expected_seq,
            None,
            f"các mục cuối cùng đã bị xoá (bàn đã ghi đến số {desk.last_audit_seq})",
        )
    return count, None


def verify_as(
    session: Session, actor: Actor, now: datetime, anchors: Sequence[Anchor] = ()
) -> Verdict:
    """`verify` for a role that may read the trail, recorded in it."""
    require(actor, Permission.AUDIT)
    verdict = verify(session, anchors)
    trail.record(
        session,
        actor.desk_id,
        trail.Who(actor.officer_id, actor.officer),
        "audit_verify",
        now,
        detail={"intact": verdict.intact, "entries": verdict.entries},
    )
    return verdict
