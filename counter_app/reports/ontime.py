"""On-time rates: the dossiers finished in a period, early / on time / late against the
legal appointment, by field, procedure, unit, officer or reporting month; per unit also
its turns with dossiers that ran past its steps' budget ("behind schedule")."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from counter_app.errors import ValidationError
from counter_app.facts.fold import COUNTS, STEPS
from counter_app.models import Agency, Officer, Unit
from counter_app.reports import query
from counter_app.reports.model import TOTAL_NAME, Ontime, OntimeRow, ReportInconsistent
from counter_app.reports.periods import Period, month_of
from counter_app.text import collation_key
from counter_app.vocabulary import ONTIME_BY

BY = ONTIME_BY
D, S = query.D, STEPS.c
NO_UNIT = "Bộ phận một cửa (chưa chuyển đơn vị)"
ENDS = ("early", "on_time", "late", "withdrawn", "stopped", "refused")  # report_counts


def _key(by: str) -> Any:
    return D.unit_id if by == "unit" else D.officer_id


def _finished(
    session: Session, key: Any, agency_id: uuid.UUID, period: Period
) -> list[tuple[Any, int, int, int, int]]:
    done = and_(D.agency_id == agency_id, D.finished_at >= period.start, D.finished_at < period.end)
    statement = (
        select(
            key,
            func.count(),
            func.count().filter(D.timeliness == "early"),
            func.count().filter(D.timeliness == "on_time"),
            func.count().filter(D.timeliness == "late"),
        )
        .where(done)
        .group_by(key)
    )
    return [(k, int(a), int(b), int(c), int(d)) for k, a, b, c, d in session.execute(statement)]


def _from_days(
    session: Session, by: str, agency: Agency, period: Period
) -> list[tuple[Any, int, int, int, int]]:
    """By version or by reporting month: the period's days summed (report_counts)."""
    c = COUNTS.c
    key = c.day if by == "month" else c.procedure_version_id
    rows = session.execute(
        select(key, c.measure, func.sum(c.count))
        .where(
            c.agency_id == agency.id,
            c.day >= period.first,
            c.day <= period.last,
            c.measure.in_(ENDS),
        )
        .group_by(key, c.measure)
    )
    tally: dict[Any, list[int]] = {}
    for k, measure, n in rows:
        if by == "month":
            year, month = month_of(k, agency.report_cutoff_day)
            k = year * 12 + month - 1
        early_on_late = tally.setdefault(k, [0, 0, 0])
        early_on_late[{"early": 0, "late": 2}.get(measure, 1)] += int(n)  # others: on time
    return [(k, sum(v), *v) for k, v in tally.items()]  # type: ignore[misc]


def _steps(session: Session, agency_id: uuid.UUID, period: Period) -> dict[Any, tuple[int, int]]:
    behind = and_(
        S.held_minutes.is_not(None),
        S.budget_minutes.is_not(None),
        S.held_minutes > S.budget_minutes,
    )
    statement = (
        select(S.unit_id, func.count(), func.count().filter(behind))
        .where(S.agency_id == agency_id, S.ended_at >= period.start, S.ended_at < period.end)
        .group_by(S.unit_id)
    )
    return {unit: (int(n), int(late)) for unit, n, late in session.execute(statement)}


def _names(session: Session, by: str, keys: set[Any]) -> dict[Any, tuple[str, str]]:
    """(name shown, key shown) of each group."""
    if by == "unit":
        units = session.execute(select(Unit.id, Unit.code, Unit.name).where(Unit.id.in_(keys)))
        return {i: (name, code) for i, code, name in units} | {None: (NO_UNIT, "")}
    if by == "officer":
        people = session.execute(
            select(Officer.id, Officer.username, Officer.full_name).where(Officer.id.in_(keys))
        )
        return {i: (name or user, user) for i, user, name in people}
    if by == "month":
        return {
            k: (f"Tháng {int(k) % 12 + 1}/{int(k) // 12}", f"{int(k) // 12}-{int(k) % 12 + 1:02d}")
            for k in keys
        }
    return {}


def ontime(session: Session, agency: Agency, period: Period, by: str = "field") -> Ontime:
    if by not in BY:
        raise ValidationError(f"--by: ontime nhóm theo {', '.join(BY)}.", "by")
    rows = (
        _finished(session, _key(by), agency.id, period)
        if by in ("unit", "officer")
        else _from_days(session, by, agency, period)
    )
    steps = _steps(session, agency.id, period) if by == "unit" else {}
    if by in ("field", "procedure"):  # versions → their field or procedure
        infos = query.versions(session)
        rows = [(query.version_key(infos, k, by), *n) for k, *n in rows]  # type: ignore[misc]
        names = {k: (v, k) for k, v in query.group_names(infos, by).items()}
    else:
        names = _names(session, by, {row[0] for row in rows} | set(steps))
    merged: dict[Any, tuple[int, int, int, int]] = {key: (0, 0, 0, 0) for key in steps}
    for key, *numbers in rows:
        before = merged.get(key, (0, 0, 0, 0))
        merged[key] = (
            before[0] + numbers[0],
            before[1] + numbers[1],
            before[2] + numbers[2],
            before[3] + numbers[3],
        )
    per_unit = by == "unit"
    result = [
        _row(names.get(k, (str(k), str(k))), n, steps.get(k, (0, 0)) if per_unit else None)
        for k, n in merged.items()
    ]
    result.sort(key=(lambda r: r.key) if by == "month" else (lambda r: collation_key(r.name)))
    sums = (
        sum(r.resolved for r in result),
        sum(r.early for r in result),
        sum(r.on_time for r in result),
        sum(r.late for r in result),
    )
    total = _row(
        (TOTAL_NAME, ""),
        sums,
        (sum(s for s, _ in steps.values()), sum(b for _, b in steps.values()))
        if per_unit
        else None,
    )
    for row in (*result, total):
        if row.resolved != row.early + row.on_time + row.late:
            raise ReportInconsistent(
                f"Lỗi chương trình: tỷ lệ đúng hạn không khớp ở dòng "
                f"'{row.name}'. Xin gửi báo lỗi cho người phát triển."
            )
    return Ontime(agency.code, period, by, tuple(result), total)


def _row(
    name: tuple[str, str], numbers: tuple[int, int, int, int], steps: tuple[int, int] | None
) -> OntimeRow:
    resolved, early, on_time, late = numbers
    return OntimeRow(
        name[0],
        resolved,
        early,
        on_time,
        late,
        steps=None if steps is None else steps[0],
        steps_behind=None if steps is None else steps[1],
        key=name[1],
    )
