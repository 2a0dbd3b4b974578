"""How the money of a period's receipts splits into phí and lệ phí (docs/fees.md
"Reports"), and the receipts a report reads.

A payment covers its dossier's items in the order of its version's schedule, first items
first, after what the dossier's earlier payments covered. A dossier's payments are taken in
the order they were made; a replacing receipt takes the place of the payment it replaces
(the first receipt of its chain: the same money). Money beyond the schedule's total (two
desks that took the same dossier's fee apart) goes to the last item's kind; a version
without items, to lệ phí (the older single `fee`). An exempt dossier owes nothing and pays
nothing.

Grouped SQL: the payments in force of the period are grouped by (version, paid before,
amount), what was paid before being a correlated sum over the dossier's receipts (its
index on dossier_id); most dossiers pay all at once, so the groups are few. Only the
period's replacing receipts are walked one by one, to find the first of their chain."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, aliased

from counter_app.models import Agency, Dossier, FeePayment, ProcedureVersion
from counter_app.reports.periods import Period
from counter_app.services.catalog.fee_schedule import Item, Schedule, schedule_of

KINDS = ("phi", "le_phi")
P = aliased(FeePayment, name="p")  # the receipts counted
Q = aliased(FeePayment, name="q")  # a dossier's other receipts


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


def schedules(session: Session, versions: set[Any]) -> dict[Any, Schedule]:
    rows = session.execute(
        select(ProcedureVersion.id, ProcedureVersion.fee_schedule, ProcedureVersion.fee).where(
            ProcedureVersion.id.in_(versions)
        )
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


def by_kind(session: Session, where: list[ColumnElement[bool]]) -> dict[str, int]:
    """Each payment's amount split over its dossier's items (see the module's note)."""
    before = earlier(P.at, P.event_id, P.dossier_id)
    groups: list[tuple[Any, int, int, int]] = [
        (version, int(b), int(a), int(n))
        for version, b, a, n in session.execute(
            select(Dossier.procedure_version_id, before, P.amount, func.count())
            .join(Dossier, Dossier.id == P.dossier_id)
            .where(*where, P.replaces.is_(None))
            .group_by(Dossier.procedure_version_id, before, P.amount)
        )
    ]
    groups += _replacing(session, where)
    found = schedules(session, {g[0] for g in groups})
    totals = dict.fromkeys(KINDS, 0)
    for version, b, a, n in groups:
        for kind, part in split(found[version].items, b, a).items():
            totals[kind] += part * n
    return totals


def _replacing(
    session: Session, where: list[ColumnElement[bool]]
) -> list[tuple[Any, int, int, int]]:
    """(version, paid before, amount, 1) of each replacing receipt in force in the period,
    placed where the first receipt of its chain was."""
    found = session.execute(
        select(P.replaces, P.amount, Dossier.procedure_version_id)
        .join(Dossier, Dossier.id == P.dossier_id)
        .where(*where, P.replaces.is_not(None))
    ).all()
    result = []
    for replaces, amount, version in found:
        first = session.get_one(FeePayment, replaces)
        while first.replaces is not None:
            first = session.get_one(FeePayment, first.replaces)
        paid = session.scalar(select(earlier(first.at, first.event_id, first.dossier_id)))
        result.append((version, int(paid or 0), int(amount), 1))
    return result
