"""The leader's picture (spec/reports.md, dashboard): tiles and chart series, and the
dossiers behind any bar, from the same facts and definitions as Biểu 06. "Due" and
"overdue" are against the legal appointment, as the statistics count them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import Session

from counter_app.clock import LOCAL_TZ, local
from counter_app.facts.fold import COUNTS
from counter_app.models import Agency, Dossier, ProcedureVersion, Unit
from counter_app.reports import ontime, periods, query
from counter_app.reports.ontime import NO_UNIT
from counter_app.services.worklists.worklist_kinds import DossierRow
from counter_app.vocabulary import CHANNELS

D = query.D
DAYS, MONTHS = 30, 12
AGES = (
    (0, 2, "0–2 ngày"),
    (3, 5, "3–5 ngày"),
    (6, 10, "6–10 ngày"),
    (11, 30, "11–30 ngày"),
    (31, None, "> 30 ngày"),
)
CHANNEL_LABELS = {"direct": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính"}
# Texts a screen shows (translated there): chart titles and series names.
TITLES = {
    "received": "Hồ sơ tiếp nhận mỗi ngày (30 ngày)",
    "ontime": "Tỷ lệ trước hạn và đúng hạn theo tháng báo cáo (%)",
    "overdue_unit": "Hồ sơ quá hạn đang giải quyết, theo đơn vị",
    "overdue_field": "Hồ sơ quá hạn đang giải quyết, theo lĩnh vực",
    "age": "Hồ sơ đang giải quyết theo thời gian đã nhận",
}
SERIES = {"rate": "Tỷ lệ (%)", "overdue": "Quá hạn", "open": "Đang giải quyết"}


@dataclass(frozen=True)
class Chart:
    """Bars by category (x), one series per name; `keys` say what each category is, for
    the list of its dossiers."""

    kind: str  # received | ontime | overdue_unit | overdue_field | age
    title: str
    categories: tuple[str, ...]
    keys: tuple[str, ...]
    series: tuple[tuple[str, str, tuple[float, ...]], ...]  # (key, label, values)


@dataclass(frozen=True)
class Picture:
    received_today: int
    due_today: int
    overdue_now: int
    rate_current: float | None
    rate_previous: float | None
    current: periods.Period
    previous: periods.Period
    charts: tuple[Chart, ...]


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LOCAL_TZ)


def is_open(now: datetime) -> ColumnElement[bool]:
    return and_(D.received_at <= now, D.finished_at.is_(None))


def overdue(now: datetime) -> ColumnElement[bool]:
    return and_(is_open(now), D.paused_at.is_(None), D.legal_due_at < now)


def picture(session: Session, agency: Agency, now: datetime) -> Picture:
    today = local(now).date()
    mine = D.agency_id == agency.id
    start, end = _midnight(today), _midnight(today + timedelta(days=1))
    received_chart = _received_chart(session, agency, today)
    received = sum(values[-1] for _, _, values in received_chart.series)
    due = session.scalar(
        select(func.count()).where(
            mine, is_open(now), D.paused_at.is_(None), D.legal_due_at >= start, D.legal_due_at < end
        )
    )
    late = session.scalar(select(func.count()).where(mine, overdue(now)))
    months = periods.recent_months(today, MONTHS, agency.report_cutoff_day)
    span = periods.between(months[0].first, months[-1].last)
    by_month = {r.key: r for r in ontime.ontime(session, agency, span, "month").rows}
    rates = [
        by_month[k].on_time_rate if k in by_month else None
        for k in (f"{p.last:%Y-%m}" for p in months)
    ]
    return Picture(
        int(received or 0),
        int(due or 0),
        int(late or 0),
        rates[-1],
        rates[-2],
        months[-1],
        months[-2],
        (
            received_chart,
            _ontime_chart(months, rates),
            _overdue_chart(session, agency, now, "overdue_unit"),
            _overdue_chart(session, agency, now, "overdue_field"),
            _age_chart(session, agency, now),
        ),
    )


def _received_chart(session: Session, agency: Agency, today: date) -> Chart:
    first, c = today - timedelta(days=DAYS - 1), COUNTS.c
    rows = session.execute(
        select(c.day, c.measure, func.sum(c.count))
        .where(c.agency_id == agency.id, c.day >= first, c.day <= today, c.measure.in_(CHANNELS))
        .group_by(c.day, c.measure)
    ).all()
    counts = {(day, channel): int(n) for day, channel, n in rows}
    days = [first + timedelta(days=i) for i in range(DAYS)]
    return Chart(
        "received",
        TITLES["received"],
        tuple(f"{d:%d/%m}" for d in days),
        tuple(d.isoformat() for d in days),
        tuple(
            (c, CHANNEL_LABELS[c], tuple(float(counts.get((d, c), 0)) for d in days))
            for c in CHANNELS
        ),
    )


def _ontime_chart(months: list[periods.Period], rates: list[float | None]) -> Chart:
    return Chart(
        "ontime",
        TITLES["ontime"],
        tuple(f"{p.last:%m/%y}" for p in months),
        tuple(f"{p.last:%Y-%m}" for p in months),
        (("rate", SERIES["rate"], tuple(r or 0.0 for r in rates)),),
    )


def _overdue_chart(session: Session, agency: Agency, now: datetime, kind: str) -> Chart:
    key = D.unit_id if kind == "overdue_unit" else D.procedure_version_id
    rows = session.execute(
        select(key, func.count()).where(D.agency_id == agency.id, overdue(now)).group_by(key)
    ).all()
    if kind == "overdue_unit":
        names = dict(session.execute(select(Unit.id, Unit.name)).all())
        pairs = [(str(k or ""), names.get(k, NO_UNIT), n) for k, n in rows]
    else:
        infos = query.versions(session)
        merged: dict[str, int] = {}
        for k, n in rows:
            field = query.version_key(infos, k, "field")
            merged[field] = merged.get(field, 0) + n
        pairs = [(f, f, n) for f, n in merged.items()]
    pairs.sort(key=lambda p: -p[2])
    return Chart(
        kind,
        TITLES[kind],
        tuple(p[1] for p in pairs),
        tuple(p[0] for p in pairs),
        (("overdue", SERIES["overdue"], tuple(float(p[2]) for p in pairs)),),
    )


def _age(now: datetime, low: int, high: int | None) -> ColumnElement[bool]:
    """Open dossiers received `low`..`high` whole days before today."""
    today = local(now).date()
    newest = _midnight(today - timedelta(days=low - 1))
    condition = D.received_at < newest
    if high is not None:
        condition = and_(condition, D.received_at >= _midnight(today - timedelta(days=high)))
    return condition


def _age_chart(session: Session, agency: Agency, now: datetime) -> Chart:
    counts = session.execute(
        select(*(func.count().filter(_age(now, lo, hi)) for lo, hi, _ in AGES)).where(
            D.agency_id == agency.id, is_open(now)
        )
    ).one()
    return Chart(
        "age",
        TITLES["age"],
        tuple(label for _, _, label in AGES),
        tuple(str(i) for i in range(len(AGES))),
        (("open", SERIES["open"], tuple(float(n) for n in counts)),),
    )


def _condition(
    agency: Agency, now: datetime, kind: str, key: str, series: str, session: Session
) -> ColumnElement[bool]:
    """The dossiers behind one bar: the same conditions the bar was counted with."""
    mine = D.agency_id == agency.id
    if kind == "received":
        day = date.fromisoformat(key)
        return and_(
            mine,
            D.received_at >= _midnight(day),
            D.received_at < _midnight(day + timedelta(days=1)),
            D.channel == series,
        )
    if kind == "ontime":
        year, month = (int(x) for x in key.split("-"))
        p = periods.month_period(year, month, agency.report_cutoff_day)
        return and_(mine, D.finished_at >= p.start, D.finished_at < p.end)
    if kind == "overdue_unit":
        unit = D.unit_id.is_(None) if not key else D.unit_id == _uuid(key)
        return and_(mine, overdue(now), unit)
    if kind == "overdue_field":
        versions = [v for v, info in query.versions(session).items() if info.field == key]
        return and_(mine, overdue(now), D.procedure_version_id.in_(versions))
    low, high, _ = AGES[int(key)]
    return and_(mine, is_open(now), _age(now, low, high))


def _uuid(value: str) -> Any:
    import uuid

    return uuid.UUID(value)


def dossiers(
    session: Session,
    agency: Agency,
    now: datetime,
    kind: str,
    key: str,
    series: str = "",
    limit: int = 2000,
) -> list[DossierRow]:
    """The dossiers of one bar, latest first (late ones first for a month's rate)."""
    condition = _condition(agency, now, kind, key, series, session)
    late_first = case((D.timeliness == "late", 0), else_=1)
    order = [late_first, D.finished_at.desc()] if kind == "ontime" else [D.received_at.desc()]
    rows = session.execute(
        select(
            Dossier.code,
            Dossier.applicant_name,
            ProcedureVersion.name,
            Dossier.status,
            Dossier.received_at,
            D.legal_due_at,
        )
        .join(Dossier, Dossier.id == D.dossier_id)
        .join(ProcedureVersion, ProcedureVersion.id == D.procedure_version_id)
        .where(condition)
        .order_by(*order)
        .limit(limit)
    )
    return [DossierRow(*row) for row in rows]
