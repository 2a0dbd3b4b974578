"""What did not reach the portal, and why (`portal status`, the leader's daily look, and
the dashboard's portal page: one function for both), and the pending messages as JSON
batches for a gateway without a live endpoint (`portal export`). Both are read-only:
nothing is marked sent.

A message counts on the day it was written (its event's, local time). The oldest pending
one is late past one working day of the agency's calendar (working hours, weekends and
holidays skipped), not past 24 hours: a message of Friday afternoon is not late on
Monday morning."""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.calendar import DEFAULT_HOURS, WorkingCalendar, WorkingHours
from counter_app.clock import LOCAL_TZ, local
from counter_app.errors import ConfigurationError
from counter_app.models.portal import DOSSIER, STATES
from counter_app.models.portal import PortalMessage as M
from counter_app.portal import hints, outbox
from counter_app.services import desk

BATCH = 100
FAILURES_SHOWN = 200
NOT_SENT = tuple(state for state in STATES if state != "sent")
DAYS_A_QUERY = 200


@dataclass(frozen=True)
class Failure:
    code: str
    kind: str
    error_code: int | None
    reason: str  # the gateway's, verbatim
    at: datetime

    @property
    def hint(self) -> str:
        return hints.hint(self.error_code)


@dataclass(frozen=True)
class Day:
    day: date
    pending: int
    sent: int
    failed: int


@dataclass(frozen=True)
class Status:
    pending: int
    sent: int
    failed: int
    oldest_pending_at: datetime | None
    failures: list[Failure]
    days: list[Day]
    oldest_pending_late: bool


def bounds(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    """Days `first` to `last` (both included; None: open) as local times [start, end)."""
    return (
        datetime.combine(first, time(), LOCAL_TZ) if first else None,
        datetime.combine(last + timedelta(days=1), time(), LOCAL_TZ) if last else None,
    )


def _between(query: Any, first: date | None, last: date | None) -> Any:
    start, end = bounds(first, last)
    if start:
        query = query.where(M.created_at >= start)
    if end:
        query = query.where(M.created_at < end)
    return query


def calendar_of(session: Session, agency_code: str | None) -> WorkingCalendar:
    """The desk's agency's working calendar; with no single agency known (nothing
    imported yet, several on a server and none configured), the default hours and the
    national holidays."""
    try:
        agency = desk.desk_agency(session, agency_code)
    except ConfigurationError:
        return WorkingCalendar(WorkingHours.parse(DEFAULT_HOURS))
    return desk.working_calendar(session, agency)


def late(since: datetime, now: datetime, calendar: WorkingCalendar) -> bool:
    """More than one working day (the day's working hours) between `since` and `now`."""
    day = sum(
        (datetime.combine(date.min, end) - datetime.combine(date.min, start)).seconds // 60
        for start, end in calendar.hours.periods
    )
    return calendar.add_working_minutes(since, day) < now


def _days(session: Session, first: date | None, last: date | None) -> list[Day]:
    """Each day's counts. The few messages not sent are read along the state index; a
    day's sent are its rows less those, each day counted along the created_at index alone
    (a scalar subquery a day, DAYS_A_QUERY days a statement). Grouping every row by its
    time and state read each one from the table and brought one row a second to Python:
    a year of 4 million messages took tens of seconds (bench/portal.py)."""
    query = select(M.created_at, M.state, func.count()).where(M.state.in_(NOT_SENT))
    others: dict[date, Counter[str]] = {}
    for at, state, n in session.execute(
        _between(query.group_by(M.created_at, M.state), first, last)
    ):
        others.setdefault(local(at).date(), Counter())[state] += n
    span = _span(session, first, last)
    totals: dict[date, int] = {}
    for start in range(0, len(span), DAYS_A_QUERY):
        chunk = span[start : start + DAYS_A_QUERY]
        counted = session.execute(select(*map(_written_on, chunk))).one()
        totals.update(zip(chunk, counted, strict=True))
    found = []
    for day in span:
        c = others.get(day, Counter())
        sent = totals[day] - sum(c.values())
        if c["pending"] or sent or c["failed"]:  # held ones are not the leader's to chase
            found.append(Day(day, c["pending"], sent, c["failed"]))
    return found


def _span(session: Session, first: date | None, last: date | None) -> list[date]:
    """The days from `first` to `last`; an open end is the oldest or newest message's."""
    if first is None or last is None:  # min and max apart: each one index lookup
        oldest = session.scalar(_between(select(func.min(M.created_at)), first, last))
        newest = session.scalar(_between(select(func.max(M.created_at)), first, last))
        if oldest is None or newest is None:
            return []
        first, last = first or local(oldest).date(), last or local(newest).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _written_on(day: date) -> Any:
    start = datetime.combine(day, time(), LOCAL_TZ)
    end = datetime.combine(day + timedelta(days=1), time(), LOCAL_TZ)
    query = select(func.count()).select_from(M)
    return query.where(M.created_at >= start, M.created_at < end).scalar_subquery()


def status(
    session: Session,
    first: date | None = None,
    last: date | None = None,
    *,
    now: datetime | None = None,
    calendar: WorkingCalendar | None = None,
) -> Status:
    """The messages written from `first` to `last` (days, both included; None: no bound);
    the oldest pending one's lateness when `now` and the agency's `calendar` are given."""
    days = _days(session, first, last)
    oldest = session.scalar(
        _between(select(func.min(M.created_at)).where(M.state == "pending"), first, last)
    )
    rows = session.execute(
        _between(
            select(M.code, M.service, M.error_code, M.reason, M.created_at)
            .where(M.state == "failed")
            .order_by(M.created_at, M.position)
            .limit(FAILURES_SHOWN),
            first,
            last,
        )
    )
    return Status(
        sum(d.pending for d in days),
        sum(d.sent for d in days),
        sum(d.failed for d in days),
        oldest,
        [Failure(c, k, e, r or "", a) for c, k, e, r, a in rows],
        days,
        bool(oldest and now and calendar and late(oldest, now, calendar)),
    )


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(LOCAL_TZ)


def from_office(
    data: dict[str, Any], now: datetime | None = None, calendar: WorkingCalendar | None = None
) -> Status:
    """The office server's figures (its `portal_status()`, SQL 0021) as a desk's own: a
    joined desk's messages are the office's, whoever reads them (CLI or dashboard)."""

    oldest = _at(data["oldest_pending_at"]) if data["oldest_pending_at"] else None
    return Status(
        int(data["pending"]),
        int(data["sent"]),
        int(data["failed"]),
        oldest,
        [
            Failure(f["code"], f["kind"], f["error_code"], f["reason"], _at(f["at"]))
            for f in data["failures"]
        ],
        [
            Day(date.fromisoformat(d["day"]), d["pending"], d["sent"], d["failed"])
            for d in data.get("days", [])
        ],
        bool(oldest and now and calendar and late(oldest, now, calendar)),
    )


def status_json(found: Status) -> dict[str, Any]:
    oldest = found.oldest_pending_at
    return {
        "pending": found.pending,
        "sent": found.sent,
        "failed": found.failed,
        "oldest_pending_at": oldest.isoformat() if oldest else None,
        "oldest_pending_late": found.oldest_pending_late,
        "failures": [
            {
                "code": f.code,
                "kind": f.kind,
                "error_code": f.error_code,
                "reason": f.reason,
                "at": f.at.isoformat(),
                "hint": f.hint,
            }
            for f in found.failures
        ],
        "days": [
            {"day": d.day.isoformat(), "pending": d.pending, "sent": d.sent, "failed": d.failed}
            for d in found.days
        ],
    }


def status_text(found: Status) -> str:
    lines = [
        f"Chưa gửi: {found.pending}   Đã gửi: {found.sent}   Bị từ chối: {found.failed}",
    ]
    if found.oldest_pending_at:
        late_text = " — quá một ngày làm việc" if found.oldest_pending_late else ""
        lines.append(f"Tin chưa gửi cũ nhất: {found.oldest_pending_at:%d/%m/%Y %H:%M}{late_text}")
    if found.days:
        lines.append("Theo ngày (chưa gửi / đã gửi / bị từ chối):")
        lines += [f"  {d.day:%d/%m/%Y}: {d.pending} / {d.sent} / {d.failed}" for d in found.days]
    for f in found.failures:
        lines.append(
            f"Lỗi {f.code} {f.kind} (mã {f.error_code}): {f.reason}  {f.at:%d/%m/%Y %H:%M}"
        )
        lines.append(f"  Cách xử lý: {f.hint}")
    return "\n".join(lines)


def export(session: Session, folder: Path, first: date | None, last: date | None) -> list[Path]:
    """The pending messages, in sending order, as files of BATCH messages each, each as
    the gateway's request would carry it (no session, no agency code: the integrator's).
    A DongBoHoSoMC is a create as the sender would send it: when none of its dossier was
    sent and none comes before it in the files."""
    folder.mkdir(parents=True, exist_ok=True)
    query = _between(
        select(
            M.id, M.dossier_id, M.service, M.is_update, M.body, outbox.created().label("created")
        ).where(M.state == "pending"),
        first,
        last,
    ).order_by(M.position)
    written: list[Path] = []
    batch: list[dict[str, Any]] = []
    exported: set[Any] = set()  # dossiers whose DongBoHoSoMC an earlier row carries
    for row in session.execute(query):
        update = row.is_update
        if row.service == DOSSIER:
            update = bool(row.created) or row.dossier_id in exported
            exported.add(row.dossier_id)
        batch.append(
            {
                "message_id": str(row.id),
                "service": row.service,
                "isUpdating": "True" if update else "False",
                "data": row.body,
            }
        )
        if len(batch) == BATCH:
            written.append(_write(folder, len(written) + 1, batch))
            batch = []
    if batch:
        written.append(_write(folder, len(written) + 1, batch))
    return written


def _write(folder: Path, number: int, batch: list[dict[str, Any]]) -> Path:
    path = folder / f"portal-{number:05d}.json"
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(batch, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, path)
    return path
