"""Writing the event log: one row per change, numbered gaplessly per desk."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from counter_app import clock
from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.audit import trail
from counter_app.facts import digitised, portal_outbox, upkeep
from counter_app.models import EVENT_SCHEMA_VERSION, Dossier, Event, new_id
from counter_app.models.written import insert_row
from counter_app.services.dossiers.event_kinds import EventKind

EVENT_LABELS = {
    EventKind.RECEIVED: "Tiếp nhận hồ sơ",
    EventKind.ACCEPTED: "Tiếp nhận hồ sơ trực tuyến",
    EventKind.HANDED_OVER: "Bàn giao hồ sơ",
    EventKind.SUPPLEMENT_REQUESTED: "Yêu cầu bổ sung",
    EventKind.SUPPLEMENT_RECEIVED: "Nhận hồ sơ bổ sung",
    EventKind.EXTENDED: "Gia hạn, hẹn lại",
    EventKind.RESULT_BACK: "Nhận kết quả",
    EventKind.RETURNED: "Trả kết quả",
    EventKind.WITHDRAWN: "Công dân rút hồ sơ",
    EventKind.STOPPED: "Dừng giải quyết",
    EventKind.REFUSED: "Từ chối tiếp nhận",
    EventKind.NOTE: "Ghi chú",
    EventKind.PRINTED: "In phiếu",
    EventKind.DIGITISED: "Số hóa giấy tờ",
    EventKind.RATED: "Công dân đánh giá",
    EventKind.PAID: "Thu phí, lệ phí",
    EventKind.RECEIPT_REPLACED: "Thay thế biên lai",
    EventKind.FEE_EXEMPTED: "Miễn phí, lệ phí",
    EventKind.PAYMENT_MATCHED: "Đối chiếu sao kê ngân hàng",
}


_CANNOT = re.compile(r'^Không thể ghi "([a-z_]+)"')


def server_reason(reason: str | None) -> str:
    """Why the office server refused an event, as officers read it: the server names the
    action by its kind (`Không thể ghi "refused": …`); the officer reads its Vietnamese name."""
    return _CANNOT.sub(lambda m: f'Không thể ghi "{EVENT_LABELS.get(m[1], m[1])}"', reason or "")


# What each kind of event needs the officer's role to allow (checked again here, whatever
# service wrote it: no change of a dossier escapes the role table).
PERMISSION = {
    EventKind.RECEIVED: Permission.RECEIVE,
    EventKind.ACCEPTED: Permission.RECEIVE,
    EventKind.HANDED_OVER: Permission.HANDOFF,
    EventKind.SUPPLEMENT_REQUESTED: Permission.SUPPLEMENT,
    EventKind.SUPPLEMENT_RECEIVED: Permission.SUPPLEMENT,
    EventKind.EXTENDED: Permission.EXTEND,
    EventKind.RESULT_BACK: Permission.RESULT,
    EventKind.RETURNED: Permission.RETURN,
    EventKind.WITHDRAWN: Permission.WITHDRAW,
    EventKind.STOPPED: Permission.STOP,
    EventKind.REFUSED: Permission.REFUSE,
    EventKind.NOTE: Permission.RECEIVE,
    EventKind.PRINTED: Permission.PRINT,
    EventKind.DIGITISED: Permission.RECEIVE,  # the result also needs RESULT (digitisation)
    EventKind.RATED: Permission.RECEIVE,  # the officer of the visit: desk work
    EventKind.PAID: Permission.COLLECT,
    EventKind.RECEIPT_REPLACED: Permission.COLLECT,
    EventKind.FEE_EXEMPTED: Permission.COLLECT,
    EventKind.PAYMENT_MATCHED: Permission.COLLECT,
}


def record(
    session: Session,
    actor: Actor,
    dossier: Dossier,
    kind: str,
    at: datetime,
    *,
    from_unit_id: uuid.UUID | None = None,
    to_unit_id: uuid.UUID | None = None,
    note: str | None = None,
    data: dict[str, Any] | None = None,
) -> Event:
    """Append one event for `dossier`, and its audit entry, in the caller's transaction, and
    keep the facts the reports count (reports/facts.py) in step with it."""
    require(actor, PERMISSION[kind])
    session.flush()  # what the event refers to, and the changes it goes with, first
    desk_seq, taken = trail.take_with_event(session, actor.desk_id)  # one UPDATE for both
    event = insert_row(
        session,
        Event,
        {
            "id": new_id(),
            "dossier_id": dossier.id,
            "desk_id": actor.desk_id,
            "desk_seq": desk_seq,
            "kind": kind,
            "at": at,
            "officer_id": actor.officer_id,
            "from_unit_id": from_unit_id,
            "to_unit_id": to_unit_id,
            "note": note,
            "data": data or {},
            "schema_version": EVENT_SCHEMA_VERSION,
        },
    )
    upkeep.apply(session, dossier, event)
    digitised.apply(session, dossier, event)  # the digitisation rates' row
    portal_outbox.apply(session, dossier, event)  # the national portal's messages
    # the audit entry says when it was done (an event's time may be a reception backdated)
    trail.record(
        session,
        actor.desk_id,
        trail.Who(actor.officer_id, actor.officer),
        kind,
        clock.now(),
        code=dossier.code,
        detail=_audited(kind, data),
        taken=taken,
    )
    return event


def _audited(kind: str, data: dict[str, Any] | None) -> dict[str, Any]:
    """What of an event's data the audit entry repeats: the form printed, nothing that
    could name or reach a citizen (a receiver's name, a tracking number)."""
    if kind == EventKind.PRINTED and data:
        return {"form": data.get("form"), "reprint": bool(data.get("reprint"))}
    if kind == EventKind.DIGITISED and data:  # the hash proves the file; no free text
        return {k: data.get(k) for k in ("item", "sha256", "source", "signed")}
    if kind == EventKind.RATED and data:  # the visit and its score; nobody's name
        return {k: data.get(k) for k in ("visit", "score")}
    if kind in (EventKind.PAID, EventKind.RECEIPT_REPLACED) and data:  # the money, the paper
        return {k: data[k] for k in ("amount", "method", "receipt", "replaces") if k in data}
    if kind == EventKind.PAYMENT_MATCHED and data:  # which receipt; not the bank's text
        return {"receipt": data.get("receipt")}
    if kind == EventKind.FEE_EXEMPTED and data:
        return {"exemption": data.get("exemption")}
    return {}
