"""The leader's satisfaction figures (issue 22, docs/citizen.md "The leader's figures"):
the ratings, the queue's waiting and service times, the complaints register, and the
estimate of QĐ 766's criterion 5.4 (100 % − (late % + complaint %)).

Plain data in (the session, the register's rows, the queue's ticket times: this floor
never imports the citizen or queue packages), one `Satisfaction`
out; `report satisfaction` and the dashboard's "Hài lòng" page both call `satisfaction`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.clock import local
from counter_app.errors import ValidationError
from counter_app.facts.fold import COUNTS
from counter_app.models import Agency
from counter_app.reports import ontime
from counter_app.reports.periods import Period
from counter_app.reports.ratings import RatingCount, ratings_by

SATISFACTION_BY = ("officer", "procedure", "week")  # report satisfaction --by
CHANNELS = ("online", "direct", "postal")  # the period's new dossiers (Biểu 06's columns)


class ComplaintRow(Protocol):
    """What is read of the register's rows (citizen.complaint_form.ComplaintRow)."""

    @property
    def received_at(self) -> datetime: ...
    @property
    def replied_at(self) -> datetime | None: ...
    @property
    def published_at(self) -> datetime | None: ...


class TicketTime(Protocol):
    """What is read of the queue's ticket times (queue.base.TicketTime)."""

    @property
    def day(self) -> date: ...
    @property
    def ticket(self) -> str: ...
    @property
    def waited_s(self) -> int: ...
    @property
    def served_s(self) -> int | None: ...
    @property
    def service(self) -> str: ...
    @property
    def called_at(self) -> datetime: ...


@dataclass(frozen=True)
class TimeRow:
    """A service's waiting and service times (p50, p90), in all (`hour` None) or for the
    tickets called in one hour of the day (local time)."""

    service: str  # the service's letter prefix
    hour: int | None
    tickets: int  # tickets called
    waiting_s: tuple[int | None, int | None]
    service_s: tuple[int | None, int | None]


@dataclass(frozen=True)
class Complaints:
    received: int  # received in the period
    handled: int  # replied in the period
    open: int  # received by the period's end, not replied by then
    published: int  # reply published in the period


@dataclass(frozen=True)
class Criterion54:
    resolved: int  # dossiers resolved in the period (the on-time report's total)
    late: int  # of them resolved late
    received: int  # dossiers received in the period (new, not carried over)
    complaints: int  # complaints received in the period
    late_pct: float | None  # late / resolved × 100
    complaint_pct: float | None  # complaints / received × 100
    estimate: float | None  # 100 − (late_pct + complaint_pct)


@dataclass(frozen=True)
class Satisfaction:
    period: Period
    by: str | None
    ratings: RatingCount
    rows: tuple[RatingCount, ...]  # by officer or procedure; () without --by
    waiting_s: tuple[int | None, int | None]  # p50, p90
    service_s: tuple[int | None, int | None]
    complaints: Complaints
    criterion: Criterion54
    times: tuple[TimeRow, ...] = ()  # by service, then by service and hour of the call


def percentile(values: Sequence[int], p: int) -> int | None:
    """Nearest rank: the smallest value with at least p % of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(p * len(ordered) / 100)) - 1]


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def _both(values: Sequence[int]) -> tuple[int | None, int | None]:
    return percentile(values, 50), percentile(values, 90)


def time_rows(times: Iterable[TicketTime]) -> tuple[TimeRow, ...]:
    """One row a service, followed by one a service and hour: a ticket counted once for
    its wait (however many dossiers it led to), each of its dossiers for its service."""
    groups: dict[tuple[str, int | None], tuple[dict[Any, int], list[int]]] = {}
    for t in times:
        for key in ((t.service, None), (t.service, local(t.called_at).hour)):
            waited, served = groups.setdefault(key, ({}, []))
            waited[(t.day, t.ticket)] = t.waited_s
            if t.served_s is not None:
                served.append(t.served_s)
    return tuple(
        TimeRow(service, hour, len(waited), _both(list(waited.values())), _both(served))
        for (service, hour), (waited, served) in sorted(
            groups.items(), key=lambda kv: (kv[0][0], -1 if kv[0][1] is None else kv[0][1])
        )
    )


def complaint_counts(rows: Iterable[ComplaintRow], period: Period) -> Complaints:
    def inside(at: Any) -> bool:
        return at is not None and period.first <= local(at).date() <= period.last

    def by_end(at: Any) -> bool:
        return at is not None and local(at).date() <= period.last

    rows = list(rows)
    return Complaints(
        sum(inside(r.received_at) for r in rows),
        sum(inside(r.replied_at) for r in rows),
        sum(by_end(r.received_at) and not by_end(r.replied_at) for r in rows),
        sum(inside(r.published_at) for r in rows),
    )


def received_count(session: Session, agency: Agency, period: Period) -> int:
    """Dossiers received in the period, by any channel (Biểu 06's new dossiers)."""
    c = COUNTS.c
    found = session.execute(
        select(func.sum(c.count)).where(
            c.agency_id == agency.id,
            c.day >= period.first,
            c.day <= period.last,
            c.measure.in_(CHANNELS),
        )
    ).scalar()
    return int(found or 0)


def criterion_5_4(session: Session, agency: Agency, period: Period, complaints: int) -> Criterion54:
    total = ontime.ontime(session, agency, period, "field").total
    received = received_count(session, agency, period)
    late_pct = _pct(total.late, total.resolved)
    complaint_pct = _pct(complaints, received)
    estimate = (
        None
        if late_pct is None or complaint_pct is None
        else round(100 - (late_pct + complaint_pct), 2)
    )
    return Criterion54(
        total.resolved, total.late, received, complaints, late_pct, complaint_pct, estimate
    )


def satisfaction(
    session: Session,
    agency: Agency,
    period: Period,
    complaint_rows: Iterable[ComplaintRow],
    times: Iterable[TicketTime],
    by: str | None = None,
) -> Satisfaction:
    if by is not None and by not in SATISFACTION_BY:
        raise ValidationError(f"--by: satisfaction nhóm theo {', '.join(SATISFACTION_BY)}.", "by")
    (total,) = ratings_by(session, period.first, period.last, None, agency.id)
    rows = tuple(ratings_by(session, period.first, period.last, by, agency.id)) if by else ()
    times = list(times)
    waited = list({(t.day, t.ticket): t.waited_s for t in times}.values())  # once a ticket
    served = [t.served_s for t in times if t.served_s is not None]
    counted = complaint_counts(complaint_rows, period)
    return Satisfaction(
        period,
        by,
        total,
        rows,
        _both(waited),
        _both(served),
        counted,
        criterion_5_4(session, agency, period, counted.received),
        time_rows(times),
    )


def _ratings(r: RatingCount) -> dict[str, Any]:
    return {
        "count": r.count,
        "very_satisfied": r.very_satisfied,
        "satisfied": r.satisfied,
        "unsatisfied": r.unsatisfied,
    }


def as_json(report: Satisfaction) -> dict[str, Any]:
    c, k = report.complaints, report.criterion
    return {
        "period": {"from": report.period.first.isoformat(), "to": report.period.last.isoformat()},
        "ratings": _ratings(report.ratings),
        "waiting_s": {"p50": report.waiting_s[0], "p90": report.waiting_s[1]},
        "service_s": {"p50": report.service_s[0], "p90": report.service_s[1]},
        "complaints": {
            "received": c.received,
            "handled": c.handled,
            "open": c.open,
            "published": c.published,
        },
        "criterion_5_4": {
            "late_pct": k.late_pct,
            "complaint_pct": k.complaint_pct,
            "estimate": k.estimate,
        },
        "dossiers": {"received": k.received, "resolved": k.resolved, "late": k.late},
        "by": report.by,
        "rows": [{"key": r.key, "label": r.label} | _ratings(r) for r in report.rows],
        "times": [
            {
                "service": t.service,
                "hour": t.hour,
                "tickets": t.tickets,
                "waiting_s": {"p50": t.waiting_s[0], "p90": t.waiting_s[1]},
                "service_s": {"p50": t.service_s[0], "p90": t.service_s[1]},
            }
            for t in report.times
        ],
    }
