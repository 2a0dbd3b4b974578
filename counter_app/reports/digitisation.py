"""The two digitisation rates (docs/digitisation.md) for one agency and period, by field,
procedure or receiving officer, and the dossiers that miss them. Counted from the
digitisation facts (facts/digitised.py) in two grouped index scans, the same on SQLite and
PostgreSQL; the procedure versions' `paper_result` is applied per group afterwards.

* received: dossiers received in the period; with_component: of those, with at least one
  checklist line digitised (the portal's formula); all_required: of those, with every
  required line digitised or exempt (the strict formula);
* resolved: dossiers whose first end, within the period, was a result back (withdrawn,
  refused and stopped dossiers have no result to digitise); with_result: of those, with
  the result digitised, or all of them when the procedure has no paper result.

The documents counted are those the dossier has now: a paper digitised after the period
raises the period's figures (documents are never taken away)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, and_, func, select
from sqlalchemy.orm import Session

from counter_app.errors import ValidationError
from counter_app.facts.digitised import TABLE, day_number
from counter_app.models import Agency, Dossier, Officer, ProcedureVersion
from counter_app.reports import query
from counter_app.reports.model import TOTAL_NAME, rate
from counter_app.reports.periods import Period
from counter_app.text import collation_key

BY = ("field", "procedure", "officer")
MISSING = ("component", "required", "result")
T = TABLE.c


@dataclass(frozen=True)
class Figures:
    received: int = 0
    with_component: int = 0
    all_required: int = 0
    resolved: int = 0
    with_result: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def portal_rate(self) -> float | None:
        return rate(self.with_component, self.received)

    @property
    def strict_rate(self) -> float | None:
        return rate(self.all_required, self.received)

    @property
    def result_rate(self) -> float | None:
        return rate(self.with_result, self.resolved)

    @property
    def gap(self) -> float | None:
        """How far the strict rate is below the portal's (percentage points)."""
        if self.portal_rate is None or self.strict_rate is None:
            return None
        return round(self.portal_rate - self.strict_rate, 2)


@dataclass(frozen=True)
class Row:
    key: str
    name: str
    figures: Figures


@dataclass(frozen=True)
class Digitisation:
    agency_code: str
    agency_name: str
    period: Period
    by: str
    rows: tuple[Row, ...]
    total: Row


def checked_by(by: str) -> str:
    if by not in BY:
        raise ValidationError(f"--by: tỷ lệ số hóa chỉ nhóm theo {', '.join(BY)}.", "by")
    return by


def _days(period: Period) -> tuple[int, int]:
    return day_number(period.first), day_number(period.last)


def digitisation(
    session: Session, agency: Agency, period: Period, by: str = "field"
) -> Digitisation:
    checked_by(by)
    first, last = _days(period)
    mine = T.agency_id == agency.id
    received = session.execute(
        select(
            T.procedure_version_id,
            T.officer_id,
            func.count(),
            func.count().filter(T.with_component),
            func.count().filter(T.all_required),
        )
        .where(mine, T.received_day >= first, T.received_day <= last)
        .group_by(T.procedure_version_id, T.officer_id)
    ).all()
    resolved = session.execute(
        select(
            T.procedure_version_id, T.officer_id, func.count(), func.count().filter(T.with_result)
        )
        .where(mine, T.resolved_day >= first, T.resolved_day <= last)
        .group_by(T.procedure_version_id, T.officer_id)
    ).all()
    infos, (names, officers) = query.versions(session), _names(session, by)
    no_paper = _no_paper_result(session)
    merged: dict[str, Figures] = {}
    for version, officer, n, component, required in received:
        key = _key(infos, officers, version, officer, by)
        merged[key] = merged.get(key, Figures()) + Figures(n, component, required)
    for version, officer, n, result in resolved:
        key = _key(infos, officers, version, officer, by)
        done = n if version in no_paper else result
        merged[key] = merged.get(key, Figures()) + Figures(resolved=n, with_result=done)
    rows = tuple(
        sorted(
            (Row(k, names.get(k, k), f) for k, f in merged.items()),
            key=lambda row: collation_key(row.name),
        )
    )
    total = Row("", TOTAL_NAME, sum((r.figures for r in rows), Figures()))
    return Digitisation(agency.code, agency.name, period, by, rows, total)


def _key(
    infos: dict[uuid.UUID, query.VersionInfo],
    officers: dict[Any, str],
    version: Any,
    officer: Any,
    by: str,
) -> str:
    if by == "officer":
        return officers.get(officer, "(không rõ cán bộ)")
    return query.version_key(infos, version, by)


def _names(session: Session, by: str) -> tuple[dict[str, str], dict[Any, str]]:
    """Row names by key, and officers' login names (the key by officer) by id."""
    if by != "officer":
        return query.group_names(query.versions(session), by), {}
    rows = session.execute(select(Officer.id, Officer.username, Officer.full_name)).all()
    return {user: full or user for _, user, full in rows}, {oid: user for oid, user, _ in rows}


def _no_paper_result(session: Session) -> set[uuid.UUID]:
    return set(
        session.scalars(select(ProcedureVersion.id).where(ProcedureVersion.paper_result.is_(False)))
    )


def as_json(report: Digitisation) -> dict[str, Any]:
    """The contract's JSON (docs/digitisation.md), keys exactly these."""

    def row(r: Row, key: str | None) -> dict[str, Any]:
        f = r.figures
        return {
            "key": key,
            "name": r.name,
            "received": f.received,
            "with_component": f.with_component,
            "all_required": f.all_required,
            "resolved": f.resolved,
            "with_result": f.with_result,
            "portal_rate": f.portal_rate,
            "strict_rate": f.strict_rate,
            "result_rate": f.result_rate,
        }

    return {
        "period": {"from": report.period.first.isoformat(), "to": report.period.last.isoformat()},
        "rows": [row(r, r.key) for r in report.rows],
        "total": row(report.total, None),
    }


# ------------------------------------------------------------------ the dossiers behind


@dataclass(frozen=True)
class Missed:
    code: str
    applicant: str
    key: str  # the group it is counted in (field, procedure code, officer's login)


@dataclass(frozen=True)
class MissingList:
    which: str  # component | required | result
    count: int  # all of them
    dossiers: tuple[Missed, ...]  # the first `limit`, newest reception first


def missing(
    session: Session,
    agency: Agency,
    period: Period,
    which: str,
    by: str = "field",
    key: str | None = None,
    limit: int | None = None,
) -> MissingList:
    """The dossiers of the period that miss a rate: received without a component
    digitised (`component`), without every required line (`required`), or resolved
    without the result digitised, their procedure having a paper result (`result`);
    only those of group `key` when given."""
    if which not in MISSING:
        raise ValidationError(f"--missing: chỉ có {', '.join(MISSING)}.", "missing")
    checked_by(by)
    first, last = _days(period)
    dossiers = cast(Table, Dossier.__table__)
    versions = cast(Table, ProcedureVersion.__table__)
    d, v = dossiers.c, versions.c
    where: list[ColumnElement[bool]] = [T.agency_id == agency.id]
    if which == "result":
        where += [T.resolved_day >= first, T.resolved_day <= last, ~T.with_result, v.paper_result]
    else:
        column = T.with_component if which == "component" else T.all_required
        where += [T.received_day >= first, T.received_day <= last, ~column]
    if key is not None:
        where.append(_in_group(session, by, key))
    base = (
        select(d.code, d.applicant_name, T.procedure_version_id, T.officer_id)
        .join(dossiers, d.id == T.dossier_id)
        .join(versions, v.id == T.procedure_version_id)
        .where(and_(*where))
    )
    count = int(session.scalar(select(func.count()).select_from(base.subquery())) or 0)
    listed = base.order_by(d.received_at.desc(), d.code)
    if limit is not None:
        listed = listed.limit(limit)
    infos, officers = query.versions(session), _names(session, by)[1]
    return MissingList(
        which,
        count,
        tuple(
            Missed(code, name, _key(infos, officers, version, officer, by))
            for code, name, version, officer in session.execute(listed)
        ),
    )


def _in_group(session: Session, by: str, key: str) -> ColumnElement[bool]:
    if by == "officer":
        return T.officer_id.in_(select(Officer.id).where(Officer.username == key))
    infos = query.versions(session)
    versions = [vid for vid, info in infos.items() if query.version_key(infos, vid, by) == key]
    return T.procedure_version_id.in_(versions)
