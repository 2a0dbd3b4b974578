"""Receipt numbers on a joined desk (docs/fees.md, "Offices with a server"): the office
server keeps one series per agency, template and series (SQL 0024) and leases its next
number to the desk that is about to take a payment, as a reception's dossier number is
leased. The desk keeps the number (`receipt_leases`) until a payment uses it, so a payment
refused or interrupted after the lease gives it to the next one: no hole, none twice.

Without the server, a joined desk takes no payment: a number of its own could be one that
another desk gives at the same moment. It says so before anything is written."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from counter_app.db import unit_of_work
from counter_app.errors import RefusedInput
from counter_app.fees.payments import ReceiptNumbers, local_number, settings_of
from counter_app.models import ReceiptLease
from counter_app.services import desk
from counter_app.sync import state
from counter_app.sync.link import Link, Offline, Refused

OFFLINE = (
    "Mất kết nối máy chủ văn phòng: không cấp được số biên lai (số biên lai do máy chủ cấp "
    "để cả văn phòng không trùng, không hở số). Chưa ghi gì; thu lại khi có kết nối."
)


class _Line(Link):
    def receipt_number(self, template: str, series: str) -> int:
        return int(self._call("SELECT counter.fee_receipt_number(%s, %s)", template, series))


def free(session: Session, agency_id: object, template: str, series: str) -> int | None:
    return session.scalar(
        select(ReceiptLease.number)
        .where(
            ReceiptLease.agency_id == agency_id,
            ReceiptLease.template == template,
            ReceiptLease.series == series,
        )
        .order_by(ReceiptLease.number)
        .limit(1)
    )


def leased(session: Session, agency_id: uuid.UUID, template: str, series: str) -> int:
    """The lowest number leased to this desk and not used, taken (ReceiptNumbers)."""
    number = free(session, agency_id, template, series)
    if number is None:
        raise RefusedInput(
            "Số biên lai máy chủ cấp cho bàn này vừa được một lần thu khác dùng: thu lại."
        )
    session.delete(session.get_one(ReceiptLease, (agency_id, template, series, number)))
    session.flush()
    return number


def numbers_for(
    db_url: str, sessions: sessionmaker[Session], agency_code: str | None
) -> ReceiptNumbers:
    """Where this desk's next receipt number comes from: its own counter when it works
    alone; else a number leased from the office server now (kept until used)."""
    url = state.load_url(db_url)
    if url is None:
        return local_number
    with unit_of_work(sessions) as session:
        agency = desk.desk_agency(session, agency_code)
        template, series = settings_of(session, agency.id)
        if free(session, agency.id, template, series) is not None:
            return leased
        agency_id = agency.id
    line = _Line(url)
    try:
        number = line.receipt_number(template, series)
    except (Offline, Refused) as error:
        raise RefusedInput(OFFLINE) from error
    finally:
        line.close()
    with unit_of_work(sessions, write=True) as session:
        session.add(
            ReceiptLease(agency_id=agency_id, template=template, series=series, number=number)
        )
    return leased
