"""The receipts this desk issued, sent to the e-receipt provider (docs/fees.md, section 6):
`receipt send` drains the outbox through the agency's adapter (the file drop first), in
the order the receipts were numbered.

Each answer is recorded at once, in its own transaction: sent (the provider's reference
kept) or failed (its reason: sending it again would change nothing; the officer replaces
the receipt or asks the provider). A provider that cannot be reached (a folder on a share
that is gone) leaves the receipt and those after it pending, and stops the run: the next
run starts again where this one stopped, and a receipt sent twice is one (the drop leaves
a file of the same content; a provider is given the same transaction id)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from counter_app.db import unit_of_work
from counter_app.errors import CounterError, RefusedInput
from counter_app.fees.ereceipt import Adapter, FileDropAdapter
from counter_app.fees.receipts import receipt_of
from counter_app.models import EReceiptMessage, FeePayment, FeeSettings


@dataclass
class Tally:
    sent: int = 0
    failed: int = 0
    pending: int = 0
    trouble: str | None = None  # why the run stopped early


def adapter_for(session: Session, agency_id: object) -> Adapter:
    found = session.get(FeeSettings, agency_id)
    if found is None or not found.ereceipt_folder:
        raise RefusedInput(
            "Chưa cấu hình nơi gửi biên lai điện tử: quản trị chạy counter-app fees configure "
            "--ereceipt-folder THƯ_MỤC (thư mục mà công cụ nhập của nhà cung cấp đọc)."
        )
    return FileDropAdapter(found.ereceipt_folder)


def _pending(session: Session) -> list[tuple[object, str, int]]:
    return [
        (event_id, series, number)
        for event_id, series, number in session.execute(
            select(EReceiptMessage.event_id, FeePayment.series, FeePayment.number)
            .join(FeePayment, FeePayment.event_id == EReceiptMessage.event_id)
            .where(EReceiptMessage.state == "pending")
            .order_by(FeePayment.number)
        )
    ]


def drain(
    sessions: sessionmaker[Session],
    adapter_of: Callable[[Session], Adapter],
    now: Callable[[], datetime],
) -> Tally:
    tally = Tally()
    with unit_of_work(sessions) as session:
        todo = _pending(session)
        adapter = adapter_of(session) if todo else None
    for event_id, series, number in todo:
        assert adapter is not None
        with unit_of_work(sessions) as session:
            receipt = receipt_of(session, series, number)
        try:
            answer = adapter.send(receipt)
        except CounterError as error:  # not reached: stays pending, the run stops
            tally.trouble = str(error)
            with unit_of_work(sessions, write=True) as session:
                session.get_one(EReceiptMessage, event_id).attempts += 1
            break
        with unit_of_work(sessions, write=True) as session:
            row = session.get_one(EReceiptMessage, event_id)
            row.attempts += 1
            if answer.ok:
                row.state, row.reference, row.sent_at = "sent", answer.reference, now()
                tally.sent += 1
            else:
                row.state, row.reason = "failed", (answer.reason or "")[:500]
                tally.failed += 1
    with unit_of_work(sessions) as session:
        tally.pending = int(
            session.scalar(
                select(func.count())
                .select_from(EReceiptMessage)
                .where(EReceiptMessage.state == "pending")
            )
            or 0
        )
    return tally
