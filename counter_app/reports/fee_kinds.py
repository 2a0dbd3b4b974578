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
their index by dossier) and the amount. The few replacing receipts of mixed versions come
from the list of the period's replacements, their chains walked up to their first
receipt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
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


@dataclass(frozen=True)
class Replacement:
    """A receipt that replaced another in the period, and the one it replaced."""

    dossier: str  # the dossier's code
    version: Any
    replaces: Any  # the replaced receipt's event
    old: tuple[str, str, int]  # template, series, number
    new: tuple[str, str, int]
    reason: str
    amount: int
    at: datetime
    in_force: bool  # not replaced in its turn


def replacements(session: Session, agency: Agency, period: Period) -> list[Replacement]:
    """The receipts of the period that replaced another, oldest first: one scan of the
    period, for the list of replaced receipts and for the split of the mixed versions'."""
    new, old = aliased(FeePayment, name="new"), aliased(FeePayment, name="old")
    rows = session.execute(
        select(
            Dossier.code,
            Dossier.procedure_version_id,
            new.replaces,
            old.template,
            old.series,
            old.number,
            new.template,
            new.series,
            new.number,
            new.reason,
            new.amount,
            new.at,
            new.replaced_by,
        )
        .join(old, old.event_id == new.replaces)
        .join(Dossier, Dossier.id == new.dossier_id)
        .where(new.agency_id == agency.id, new.at >= period.start, new.at < period.end)
        .order_by(new.at, new.series, new.number)
    )
    return [
        Replacement(code, v, r, (t, s, n), (nt, ns, nn), reason or "", amount, at, by is None)
        for code, v, r, t, s, n, nt, ns, nn, reason, amount, at, by in rows
    ]


def by_kind(
    session: Session,
    found: list[Group],
    known: dict[Any, Schedule],
    replacing: list[Replacement],
) -> dict[str, int]:
    """Each payment's amount split over its dossier's items (see the module's note)."""
    totals = dict.fromkeys(KINDS, 0)
    mixing = {v for v, schedule in known.items() if mixed(schedule)}
    for g in found:
        items = known[g.version].items
        if g.version not in mixing:
            totals[items[-1].kind if items else "le_phi"] += g.amount
        elif g.before != REPLACING:  # a replacing receipt: below
            for kind, part in split(items, g.before, g.each).items():
                totals[kind] += part * g.count
    mine = [r for r in replacing if r.in_force and r.version in mixing]
    for version, before, amount in _placed(session, mine):
        for kind, part in split(known[version].items, before, amount).items():
            totals[kind] += part
    return totals


def _placed(session: Session, found: list[Replacement]) -> list[tuple[Any, int, int]]:
    """(version, paid before, amount) of each of these replacing receipts, placed where
    the first receipt of its chain was: the chains walked up a level a query, then what
    was paid before each first receipt in one query."""
    replaced: dict[Any, Any] = {}  # a receipt → the one it replaced (None: a first)
    wanted = {r.replaces for r in found}
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

    firsts = {r.replaces: first(r.replaces) for r in found}
    R = aliased(FeePayment, name="r")
    before = earlier(R.at, R.event_id, R.dossier_id)
    paid: dict[Any, Any] = dict(
        session.execute(
            select(R.event_id, before).where(R.event_id.in_(set(firsts.values())))
        ).all()
    )
    return [(r.version, int(paid[firsts[r.replaces]]), r.amount) for r in found]
