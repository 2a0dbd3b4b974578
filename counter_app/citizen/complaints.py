"""The complaints register's actions (docs/citizen.md): add, reply (and publish), assign,
close, the lists, and the counts by month of the leader's reports.

Each action is the acting officer's, checked against their role, and leaves an audit
entry naming the complaint by its number alone ("complaint added/replied/closed"): never
the person, never the content or the reply. Due date: the working days the agency set
(DEFAULT_DUE_DAYS when none; [to be confirmed by the agency]) after the effective receipt,
on the agency's working calendar.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.audit import trail
from counter_app.calendar import Duration, DurationUnit
from counter_app.citizen.complaint_form import (
    ComplaintDetail,
    ComplaintForm,
    ComplaintRow,
    parse_number,
    reply_text,
)
from counter_app.citizen.register import Register
from counter_app.errors import ValidationError
from counter_app.models import Agency
from counter_app.services.desk import working_calendar

DUE_SOON = timedelta(days=3)  # "sắp đến hạn": due within three days, no reply yet
LISTS = ("open", "overdue", "due_soon", "published")


class Audited:
    ADDED = "complaint_added"
    REPLIED = "complaint_replied"
    ASSIGNED = "complaint_assigned"
    CLOSED = "complaint_closed"
    VIEWED = "complaint_viewed"
    RULE = "complaint_rule"


def _audit(session: Session, who: Actor, action: str, at: datetime, number: str = "") -> None:
    trail.record(
        session,
        who.desk_id,
        trail.Who(who.officer_id, who.officer),
        action,
        at,
        detail={"complaint": number} if number else None,
    )


def due_at(session: Session, agency_id: object, received_at: datetime, days: int) -> datetime:
    """`days` working days after the effective receipt, at the close of that day."""
    calendar = working_calendar(session, session.get_one(Agency, agency_id))
    start = calendar.effective_receipt(received_at, None)
    due = calendar.due(Duration(DurationUnit.WORKING_DAY, days), start)
    assert due is not None  # a count of working days always ends somewhere
    return due


def add(
    register: Register, session: Session, who: Actor, form: ComplaintForm, now: datetime
) -> ComplaintRow:
    require(who, Permission.RECEIVE)
    form = register.check_links(form)
    row = register.add(
        form, now, due_at(session, who.agency_id, now, register.due_days()), who.officer_id
    )
    _audit(session, who, Audited.ADDED, now, row.number)
    return row


def reply(
    register: Register,
    session: Session,
    who: Actor,
    number: str,
    text: str,
    publish: bool,
    now: datetime,
) -> ComplaintRow:
    require(who, Permission.RECEIVE)
    row = register.reply(*parse_number(number), reply_text(text), publish, now)
    _audit(session, who, Audited.REPLIED, now, row.number)
    return row


def close(
    register: Register, session: Session, who: Actor, number: str, now: datetime
) -> ComplaintRow:
    require(who, Permission.RECEIVE)
    row = register.close(*parse_number(number), now)
    _audit(session, who, Audited.CLOSED, now, row.number)
    return row


def assign(
    register: Register, session: Session, who: Actor, number: str, officer: str, now: datetime
) -> ComplaintRow:
    require(who, Permission.RECEIVE)
    row = register.assign(*parse_number(number), officer.strip())
    _audit(session, who, Audited.ASSIGNED, now, row.number)
    return row


def show(
    register: Register, session: Session, who: Actor, number: str, now: datetime
) -> ComplaintDetail:
    """The complaint with the person's data and the texts: read, and recorded as read."""
    require(who, Permission.READ_PERSONAL)
    found = register.detail(*parse_number(number))
    _audit(session, who, Audited.VIEWED, now, found.row.number)
    return found


def set_due_days(register: Register, session: Session, who: Actor, days: int, now: datetime) -> int:
    require(who, Permission.SETTINGS)
    if not 1 <= days <= 60:
        raise ValidationError("Số ngày làm việc để trả lời phản ánh: từ 1 đến 60.", "days")
    register.set_due_days(days)
    _audit(session, who, Audited.RULE, now)
    return days


def listed(register: Register, who: Actor, which: str | None, now: datetime) -> list[ComplaintRow]:
    """The register, or one of its lists: open (not closed), overdue (no reply, past its
    due date), due_soon (no reply, due within DUE_SOON), published (reply published)."""
    require(who, Permission.READ_DOSSIERS)
    return chosen(register.rows(), which, now)


def chosen(rows: Iterable[ComplaintRow], which: str | None, now: datetime) -> list[ComplaintRow]:
    keep = {
        None: lambda r: True,
        "open": lambda r: r.status != "closed",
        "overdue": lambda r: r.overdue(now),
        "due_soon": lambda r: r.status == "open" and now <= r.due_at <= now + DUE_SOON,
        "published": lambda r: r.published_at is not None,
    }[which]
    return [r for r in rows if keep(r)]


@dataclass(frozen=True)
class MonthCount:
    """One month of the register, as the leader's reports count it: received in the month,
    handled (replied) in the month, in progress at its end (received by then, no reply by
    then), published (reply published) in the month."""

    month: date  # its first day
    received: int
    handled: int
    in_progress: int
    published: int


def counts_by_month(rows: Iterable[ComplaintRow], first: date, last: date) -> list[MonthCount]:
    """Each month from the month of `first` to the month of `last`, in order."""
    rows = list(rows)
    found = []
    month = first.replace(day=1)
    while month <= last:
        after = (month + timedelta(days=32)).replace(day=1)

        def inside(at: datetime | None, month: date = month, after: date = after) -> bool:
            return at is not None and month <= at.date() < after

        found.append(
            MonthCount(
                month,
                sum(inside(r.received_at) for r in rows),
                sum(inside(r.replied_at) for r in rows),
                sum(
                    r.received_at.date() < after
                    and (r.replied_at is None or r.replied_at.date() >= after)
                    for r in rows
                ),
                sum(inside(r.published_at) for r in rows),
            )
        )
        month = after
    return found


def month_counts(register: Register, first: date, last: date) -> list[MonthCount]:
    """The register's counts by month (the office's, on a joined desk: register_office.
    opened), for the leader's reports."""
    return counts_by_month(register.rows(), first, last)
