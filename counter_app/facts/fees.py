"""The fee rows (models/fees.py), folded from the dossiers' fee events: one function for
the desk's own events and for those a sync brings, so every desk holds the same rows.

`paid`: a payment and its receipt. `receipt_replaced`: a new receipt for the money of an
earlier one, which stays (marked replaced), never deleted. `fee_exempted`: the dossier
owes nothing (the latest exemption counts). An event the office server refused is never
folded."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table, delete, insert, or_, select
from sqlalchemy.orm import Session

from counter_app.models import Dossier, Event, FeeExemption, FeePayment

PAID, REPLACED, EXEMPTED = "paid", "receipt_replaced", "fee_exempted"
MATCHED = "payment_matched"
KINDS = (PAID, REPLACED, EXEMPTED, MATCHED)
CHUNK = 500
_NOT_REFUSED = or_(Event.server_status.is_(None), Event.server_status != "rejected")


def _receipt(data: dict[str, Any], key: str) -> tuple[str, str, int] | None:
    r = data.get(key)
    if not isinstance(r, dict) or type(r.get("number")) is not int:
        return None
    return str(r.get("template")), str(r.get("series")), r["number"]


def refold(session: Session, dossier_ids: Iterable[uuid.UUID]) -> None:
    """Make the fee rows of these dossiers what their fee events say."""
    payments = cast(Table, FeePayment.__table__)
    exemptions = cast(Table, FeeExemption.__table__)
    ids = sorted(set(dossier_ids))
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        events = session.execute(
            select(Event.id, Event.dossier_id, Event.kind, Event.at, Event.officer_id, Event.data)
            .where(Event.dossier_id.in_(part), Event.kind.in_(KINDS), _NOT_REFUSED)
            .order_by(Event.server_pos.is_(None), Event.server_pos, Event.at, Event.desk_seq)
        )
        agencies = {
            i: a
            for i, a in session.execute(
                select(Dossier.id, Dossier.agency_id).where(Dossier.id.in_(part))
            )
        }
        rows: dict[tuple[Any, ...], dict[str, Any]] = {}  # by (agency, receipt)
        exempt: dict[uuid.UUID, dict[str, Any]] = {}
        for event_id, dossier_id, kind, at, officer_id, data in events:
            data = data or {}
            if kind == EXEMPTED:
                exempt[dossier_id] = {
                    "dossier_id": dossier_id,
                    "event_id": event_id,
                    "code": str(data.get("exemption"))[:30],
                }
                continue
            receipt = _receipt(data, "receipt")
            if kind == MATCHED:  # the bank's reference on the receipt's row
                found = rows.get((agencies[dossier_id], *receipt)) if receipt else None
                if found is not None and found["dossier_id"] == dossier_id:
                    found["reference"] = str(data.get("reference") or "")[:100] or None
                continue
            amount, method = data.get("amount"), data.get("method")
            if receipt is None or type(amount) is not int or not isinstance(method, str):
                continue
            agency = agencies[dossier_id]
            replaced = None
            if kind == REPLACED:
                old = _receipt(data, "replaces")
                replaced = rows.get((agency, *old)) if old else None
                if (
                    replaced is None
                    or replaced["replaced_by"]
                    or replaced["dossier_id"] != dossier_id
                ):
                    continue  # names no receipt of this dossier still in force
                replaced["replaced_by"] = event_id
            rows.setdefault(
                (agency, *receipt),
                {
                    "event_id": event_id,
                    "dossier_id": dossier_id,
                    "agency_id": agency,
                    "amount": amount,
                    "method": method[:10],
                    "officer_id": officer_id,
                    "at": at,
                    "template": receipt[0],
                    "series": receipt[1],
                    "number": receipt[2],
                    "replaces": replaced["event_id"] if replaced else None,
                    "replaced_by": None,
                    "reason": str(data.get("reason") or "")[:500] or None,
                    "reference": str(data.get("reference") or "")[:100] or None,
                },
            )
        session.execute(delete(payments).where(payments.c.dossier_id.in_(part)))
        session.execute(delete(exemptions).where(exemptions.c.dossier_id.in_(part)))
        if rows:
            session.execute(insert(payments), list(rows.values()))
        if exempt:
            session.execute(insert(exemptions), list(exempt.values()))
