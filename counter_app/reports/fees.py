"""The fees collected in a period (issue 23, docs/fees.md "Reports"): in all, by kind
(phí / lệ phí), by method, by procedure or by officer; the dossiers exempted; the receipts
replaced. One function, `fees`, for `report fees` and the dashboard; plain data out.

What counts: the receipts **in force** (not replaced) whose time falls in the period (whole
local days), of the agency's dossiers. A replaced receipt is never counted: the money is
counted once, on the receipt that replaced it, in that receipt's period; the replaced ones
are listed apart with their replacement and reason.

By kind: each payment's amount split over its dossier's items in the order of its
version's schedule, first items first (reports/fee_kinds.py says how, exactly).

Read with grouped SQL over fee_payments (the period through its index on `at`), never
row by row (bench/fees_report.py times a year).
This floor reads the models; it never imports counter_app.fees."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.clock import local
from counter_app.errors import ValidationError
from counter_app.models import (
    Agency,
    Dossier,
    Event,
    FeeExemption,
    Officer,
)
from counter_app.reports import fee_kinds, query
from counter_app.reports.fee_kinds import METHODS, Group
from counter_app.reports.periods import Period
from counter_app.services.catalog.fee_schedule import Schedule

FEES_BY = ("procedure", "officer")  # report fees --by


@dataclass(frozen=True)
class Row:
    """A procedure (key: its code) or an officer (key: the login) of `--by`."""

    key: str
    name: str
    count: int
    amount: int
    by_method: dict[str, int]


@dataclass(frozen=True)
class Exempted:
    """Dossiers exempted in the period under one case, and what they would have owed."""

    code: str
    who: str
    basis: str
    count: int
    amount: int


@dataclass(frozen=True)
class Replaced:
    """A receipt replaced in the period (by the time of the replacing receipt)."""

    dossier: str
    template: str
    series: str
    number: int
    by: tuple[str, str, int]  # the replacing receipt: template, series, number
    reason: str
    amount: int
    at: datetime


@dataclass(frozen=True)
class FeeReport:
    agency_code: str
    agency_name: str
    period: Period
    count: int  # receipts in force
    amount: int
    by_kind: dict[str, int]
    by_method: dict[str, int]
    by: str | None
    rows: tuple[Row, ...]
    exemptions: tuple[Exempted, ...]
    replaced: tuple[Replaced, ...]


def checked_by(by: str | None) -> str | None:
    if by is not None and by not in FEES_BY:
        raise ValidationError(f"--by: báo cáo phí, lệ phí nhóm theo {', '.join(FEES_BY)}.", "by")
    return by


def fees(session: Session, agency: Agency, period: Period, by: str | None = None) -> FeeReport:
    checked_by(by)
    known = fee_kinds.schedules(session)
    found = fee_kinds.groups(session, agency, period, known)
    by_method = {m: sum(g.by_method[m] for g in found) for m in METHODS}
    replacing = fee_kinds.replacements(session, agency, period)
    return FeeReport(
        agency.code,
        agency.name,
        period,
        sum(g.count for g in found),
        sum(g.amount for g in found),
        fee_kinds.by_kind(session, found, known, replacing),
        by_method,
        by,
        _rows(session, found, by) if by else (),
        _exempted(session, agency, period, known),
        tuple(Replaced(r.dossier, *r.old, r.new, r.reason, r.amount, r.at) for r in replacing),
    )


def _rows(session: Session, found: list[Group], by: str) -> tuple[Row, ...]:
    if by == "procedure":
        infos = query.versions(session)  # oldest version first: the newest name stays
        keys = {vid: info.procedure for vid, info in infos.items()}
        names = {info.procedure: info.name for info in infos.values()}
    else:
        officers = session.execute(select(Officer.id, Officer.username, Officer.full_name)).all()
        keys = {oid: user for oid, user, _ in officers}
        names = {user: full or user for _, user, full in officers}
    sums: dict[str, list[Any]] = defaultdict(lambda: [0, 0, dict.fromkeys(METHODS, 0)])
    for g in found:
        row = sums[keys.get(g.version if by == "procedure" else g.officer, "?")]
        row[0] += g.count
        row[1] += g.amount
        for method, amount in g.by_method.items():
            row[2][method] += amount
    unknown = "(không rõ thủ tục)" if by == "procedure" else "(không rõ cán bộ)"
    return tuple(
        Row(key, names.get(key, unknown), n, total, methods)
        for key, (n, total, methods) in sorted(sums.items())
    )


def _exempted(
    session: Session, agency: Agency, period: Period, known: dict[Any, Schedule]
) -> tuple[Exempted, ...]:
    """The dossiers whose exemption was picked in the period, by case."""
    found = session.execute(
        select(FeeExemption.code, Dossier.procedure_version_id, func.count())
        .join(Event, Event.id == FeeExemption.event_id)
        .join(Dossier, Dossier.id == FeeExemption.dossier_id)
        .where(Dossier.agency_id == agency.id, Event.at >= period.start, Event.at < period.end)
        .group_by(FeeExemption.code, Dossier.procedure_version_id)
    ).all()
    cases: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    for code, version, n in found:
        schedule = known[version]
        case = next((e for e in schedule.exemptions if e.code == code), None)
        key = (code, case.who, case.basis) if case else (code, code, "")
        cases[key][0] += int(n)
        cases[key][1] += int(n) * schedule.total
    return tuple(Exempted(*key, n, waived) for key, (n, waived) in sorted(cases.items()))


def as_json(report: FeeReport) -> dict[str, Any]:
    """The contract's JSON (docs/fees.md "Reports"), keys exactly these."""
    key = "code" if report.by == "procedure" else "login"
    return {
        "period": {"from": report.period.first.isoformat(), "to": report.period.last.isoformat()},
        "collected": {"count": report.count, "amount": report.amount},
        "by_kind": dict(report.by_kind),
        "by_method": dict(report.by_method),
        "by": report.by,
        "rows": [
            {
                key: r.key,
                "name": r.name,
                "count": r.count,
                "amount": r.amount,
                "by_method": dict(r.by_method),
            }
            for r in report.rows
        ],
        "exemptions": [
            {"code": e.code, "who": e.who, "basis": e.basis, "count": e.count, "amount": e.amount}
            for e in report.exemptions
        ],
        "replaced": [
            {
                "dossier": r.dossier,
                "template": r.template,
                "series": r.series,
                "number": r.number,
                "replaced_by": {"template": r.by[0], "series": r.by[1], "number": r.by[2]},
                "reason": r.reason,
                "amount": r.amount,
                "at": local(r.at).isoformat(),
            }
            for r in report.replaced
        ],
    }
