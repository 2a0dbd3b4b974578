"""An officer's shift of collection (ca thu; docs/fees.md "Cash-up"): whose shift a
command means and who may touch it, the check every payment passes (`admit`, called by
payments.pay), and a shift opened by hand (`open_shift`).

A shift opens with the officer's first payment, or by hand. After the officer's cash-up,
no cash is taken by them on the same day until a shift is opened by hand: the drawer was
counted and signed for. A transfer or a VietQR payment puts nothing in the drawer: it is
taken, and opens (or joins) the next shift. From the next day on, the first payment opens
the new shift by itself, as on the first day."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.audit import trail
from counter_app.clock import local
from counter_app.errors import RefusedInput, ValidationError, quoted
from counter_app.formats import iso, show_datetime
from counter_app.models import CashShift, Officer, new_id

BY_PAYMENT, BY_HAND = "payment", "officer"  # how a shift opened (cash_shifts.opened_how)
USERNAME = re.compile(r"[A-Za-z0-9._-]{1,60}")


class ShiftClosed(RefusedInput):
    """Cash offered by an officer whose shift was cashed up today, none opened since."""


def named(username: str) -> str:
    """An officer's user name as a message shows it (never what looks like a number)."""
    return quoted(username, USERNAME) or "này"


def officer_of(session: Session, actor: Actor, username: str) -> Officer:
    """The officer whose shift is meant: the acting officer's own (collecting), or, for
    a role that may (a leader), another officer's. Asked about another officer without
    that right, the refusal comes before the name is looked up."""
    name = (username or "").strip()
    if not name or len(name) > 60:
        raise ValidationError("--officer: tên đăng nhập của cán bộ (1–60 ký tự).", "officer")
    if name.lower() != actor.officer.lower():
        require(actor, Permission.CASHUP_OTHERS)
    found = session.scalars(select(Officer).where(Officer.username == name)).first()
    if found is None and name != name.lower():
        found = session.scalars(select(Officer).where(Officer.username == name.lower())).first()
    if found is None:
        raise ValidationError(f"Không có cán bộ {named(name)} trong cơ sở dữ liệu.", "officer")
    require(actor, Permission.COLLECT if found.id == actor.officer_id else Permission.CASHUP_OTHERS)
    return found


def open_of(session: Session, officer_id: object) -> CashShift | None:
    return session.scalars(
        select(CashShift).where(CashShift.officer_id == officer_id, CashShift.closed_at.is_(None))
    ).first()


def last_closed(session: Session, officer_id: object) -> CashShift | None:
    return session.scalars(
        select(CashShift)
        .where(CashShift.officer_id == officer_id, CashShift.closed_at.is_not(None))
        .order_by(CashShift.closed_at.desc())
        .limit(1)
    ).first()


def _closed_today(shift: CashShift | None, now: datetime) -> bool:
    """Cashed up on `now`'s day (or later: a clock set back counts as the same day)."""
    return (
        shift is not None
        and shift.closed_at is not None
        and local(shift.closed_at).date() >= local(now).date()
    )


def admit(session: Session, actor: Actor, method: str, now: datetime) -> None:
    """Before a payment by `actor` is written, in its transaction: cash after the
    officer's cash-up of the day is refused (ShiftClosed, nothing written); otherwise the
    payment joins the officer's open shift, opened now if there is none."""
    shift = open_of(session, actor.officer_id)
    if method == "cash" and (shift is None or shift.opened_how != BY_HAND):
        last = last_closed(session, actor.officer_id)
        if last is not None and _closed_today(last, now):
            assert last.closed_at is not None
            typed = actor.officer if quoted(actor.officer, USERNAME) else "TÊN_ĐĂNG_NHẬP"
            raise ShiftClosed(
                f"Ca thu của cán bộ {named(actor.officer)} đã kết sổ lúc "
                f"{show_datetime(last.closed_at)}: không thu tiền mặt cho đến khi mở ca mới "
                f"(counter-app cashup --officer {typed} --open). Chuyển khoản, VietQR vẫn "
                "thu được."
            )
    if shift is None:
        session.add(
            CashShift(
                id=new_id(), officer_id=actor.officer_id, opened_at=now, opened_how=BY_PAYMENT
            )
        )
        session.flush()


def open_shift(session: Session, actor: Actor, username: str, now: datetime) -> CashShift:
    """Open the officer's shift by hand: after a cash-up, cash is taken again. A shift
    already opened by a transfer is opened to cash; one already opened by hand is
    refused (nothing written)."""
    officer = officer_of(session, actor, username)
    shift = open_of(session, officer.id)
    if shift is not None and shift.opened_how == BY_HAND:
        raise RefusedInput(
            f"Cán bộ {named(officer.username)} đang có ca thu mở từ "
            f"{show_datetime(shift.opened_at)}: kết sổ ca đó trước khi mở ca mới."
        )
    if shift is None:
        shift = CashShift(id=new_id(), officer_id=officer.id, opened_at=now, opened_how=BY_HAND)
        session.add(shift)
    shift.opened_how = BY_HAND
    session.flush()
    trail.record(
        session,
        actor.desk_id,
        trail.Who(actor.officer_id, actor.officer),
        trail.Action.SHIFT_OPEN,
        now,
        detail={"officer": trail.masked(officer.username), "opened_at": iso(shift.opened_at)},
    )
    return shift
