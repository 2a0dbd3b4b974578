"""The receipts of a period in one grouped pass, and how their money splits into phí and
lệ phí (docs/fees.md "Reports").

A payment covers its dossier's items in the order of its version's schedule, first items
first, after what the dossier's earlier payments covered. A dossier's payments are taken in
the order they were made; a replacing receipt takes the place of the payment it replaces
(the first receipt of its chain: the same money). Money beyond the schedule's total (two
desks that took the same dossier's fee apart) goes to the last item's kind; a version
without items, to lệ phí (the older single `fee`). An exempt dossier owes nothing and pays
nothing.

So what was paid before a payment matters only for a version whose items mix phí and lệ
phí: a version of one kind gives all its money to that kind. The period's receipts in
force are read once, grouped by version and officer with a sum per method; for a mixed
version also by what the dossier had paid before (a correlated sum over its receipts, on
their index by dossier) and the amount. The few replacing receipts of mixed versions are
walked one by one, to find the first receipt of their chain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, literal_column, or_, select
from sqlalchemy.orm import Session, aliased

from counter_app.models import Agency, Dossier, FeePayment, ProcedureVersion
from counter_app.reports.periods import Period
from counter_app.services.catalog.fee_schedule import Item, Schedule, schedule_of

KINDS = ("phi", "le_phi")
METHODS = ("cash", "transfer", "qr")
P = aliased(FeePayment, name="p")  # the receipts counted
Q = aliased(FeePayment, name="q")  # a dossier's other receipts
REPLACING = -1  # "paid before" of a replacing receipt of a mixed version: walked apart


@dataclass(frozen=True)
class Group:
    """Receipts of one version and officer (and, for a mixed version, one position)."""

    version: Any
    officer: Any
    before: int  # what the dossier had paid before each (mixed versions; else 0)
    each: int  # the amount of each (mixed versions; else 0)
    count: int
    amount: int
    by_method: dict[str, int]


def in_period(agency: Agency, period: Period) -> list[ColumnElement[bool]]:
    """Receipts of `P` in force (not replaced) of the agency, issued in the period."""
    return [
        P.at >= period.start,
        P.at < period.end,
        P.agency_id == agency.id,
        P.replaced_by.is_(None),
    ]


def split(items: tuple[Item, ...], before: int, amount: int) -> dict[str, int]:
    """The part of each kind in a payment of `amount` made after `before` was paid."""
    parts = dict.fromkeys(KINDS, 0)
    start = 0
    for item in items:
        end = start + item.amount
        parts[item.kind] += max(0, min(before + amount, end) - max(before, start))
        start = end
    beyond = amount - sum(parts.values())
    parts[items[-1].kind if items else "le_phi"] += beyond
    return parts


def mixed(schedule: Schedule) -> bool:
    return len({i.kind for i in schedule.items}) > 1


def schedules(session: Session) -> dict[Any, Schedule]:
    """Every version's schedule (the catalog: a few hundred versions at most)."""
    rows = session.execute(
        select(ProcedureVersion.id, ProcedureVersion.fee_schedule, ProcedureVersion.fee)
    )
    return {vid: schedule_of(stored, fee) for vid, stored, fee in rows}


def earlier(at: Any, event_id: Any, dossier_id: Any) -> ColumnElement[Any]:
    """What the dossier's payments made before (at, event_id) paid: each chain of receipts
    counted once, by its first receipt (a replacing receipt has the same amount)."""
    return (
        select(func.coalesce(func.sum(Q.amount), 0))
        .where(
            Q.dossier_id == dossier_id,
            Q.replaces.is_(None),
            or_(Q.at < at, and_(Q.at == at, Q.event_id < event_id)),
        )
        .scalar_subquery()
    )


def groups(
    session: Session, agency: Agency, period: Period, known: dict[Any, Schedule]
) -> list[Group]:
    """The period's receipts in force, in one grouped pass (see the module's note)."""
    version = Dossier.procedure_version_id
    mixing = [v for v, schedule in known.items() if mixed(schedule)]
    before: ColumnElement[Any] = literal(0)
    each: ColumnElement[Any] = literal(0)
    if mixing:
        is_mixed = version.in_(mixing)
        before = case(
            (and_(is_mixed, P.replaces.is_(None)), earlier(P.at, P.event_id, P.dossier_id)),
            (is_mixed, REPLACING),
            else_=0,
        )
        each = case((is_mixed, P.amount), else_=0)
    sums = [func.sum(P.amount).filter(P.method == m) for m in METHODS]
    rows = session.execute(
        select(
            version,
            P.officer_id,
            before.label("paid_before"),
            each.label("each_amount"),
            func.count(),
            func.sum(P.amount),
            *sums,
        )
        .join(Dossier, Dossier.id == P.dossier_id)
        .where(*in_period(agency, period))
        .group_by(
            version, P.officer_id, literal_column("paid_before"), literal_column("each_amount")
        )
    )
    return [
        Group(v, o, int(b), int(e), int(n), int(total), dict(zip(METHODS, _ints(m), strict=True)))
        for v, o, b, e, n, total, *m in rows
    ]


def _ints(values: list[Any]) -> list[int]:
    return [int(v or 0) for v in values]


def by_kind(
    session: Session,
    agency: Agency,
    period: Period,
    found: list[Group],
    known: dict[Any, Schedule],
) -> dict[str, int]:
    """Each payment's amount split over its dossier's items (see the module's note)."""
    totals = dict.fromkeys(KINDS, 0)
    for g in found:
        schedule = known[g.version]
        if g.before == REPLACING:
            continue  # below
        if mixed(schedule):
            for kind, part in split(schedule.items, g.before, g.each).items():
                totals[kind] += part * g.count
        else:
            totals[schedule.items[-1].kind if schedule.items else "le_phi"] += g.amount
    if any(g.before == REPLACING for g in found):
        for version, before, amount in _replacing(session, agency, period, known):
            for kind, part in split(known[version].items, before, amount).items():
                totals[kind] += part
    return totals


def _replacing(
    session: Session, agency: Agency, period: Period, known: dict[Any, Schedule]
) -> list[tuple[Any, int, int]]:
    """(version, paid before, amount) of each replacing receipt in force in the period of
    a mixed version, placed where the first receipt of its chain was: the chains walked up
    a level a query, then what was paid before each first receipt in one query."""
    mixing = [v for v, schedule in known.items() if mixed(schedule)]
    found = session.execute(
        select(P.replaces, P.amount, Dossier.procedure_version_id)
        .join(Dossier, Dossier.id == P.dossier_id)
        .where(*in_period(agency, period), P.replaces.is_not(None))
        .where(Dossier.procedure_version_id.in_(mixing))
    ).all()
    replaced: dict[Any, Any] = {}  # a receipt → the one it replaced (None: a first)
    wanted = {r for r, _, _ in found}
    while wanted:
        rows = session.execute(
            select(FeePayment.event_id, FeePayment.replaces).where(FeePayment.event_id.in_(wanted))
        ).all()
        replaced.update((e, r) for e, r in rows)
        wanted = {r for _, r in rows if r is not None and r not in replaced}

    def first(receipt: Any) -> Any:
        while replaced.get(receipt) is not None:
            receipt = replaced[receipt]
        return receipt

    firsts = {r: first(r) for r, _, _ in found}
    R = aliased(FeePayment, name="r")
    before = earlier(R.at, R.event_id, R.dossier_id)
    paid: dict[Any, Any] = dict(
        session.execute(
            select(R.event_id, before).where(R.event_id.in_(set(firsts.values())))
        ).all()
    )
    return [(version, int(paid[firsts[r]]), int(amount)) for r, amount, version in found]
