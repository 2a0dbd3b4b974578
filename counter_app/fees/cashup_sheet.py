"""A cash-up as its printed sheet says it (printing/cashup.py takes plain values): the
agency's heading, the officers' names as printed, each receipt with its dossier's code
and a note for a replaced or replacing receipt. No citizen's data is read."""

from __future__ import annotations

from sqlalchemy.orm import Session

from counter_app.fees.cashup import PAID, REPLACED, REPLACEMENT, CashUp, Line
from counter_app.fees.payments import METHODS
from counter_app.models import Officer
from counter_app.printing.cashup import CashUpLine, CashUpSheet, CashUpTotal
from counter_app.services import desk
from counter_app.services.printouts.printouts import agency_header, printed_name


def _receipt(mark: tuple[str, int] | None) -> str:
    return f"{mark[0]} số {mark[1]:07d}" if mark else "?"


def note(x: Line) -> str:
    if x.line == REPLACED:
        return f"Đã thay bằng {_receipt(x.replaced_by)}; không cộng"
    if x.line == REPLACEMENT:
        return f"Thay {_receipt(x.replaces)} của ca trước; không thu tiền"
    if x.line == PAID and x.replaces:
        return f"Thay {_receipt(x.replaces)}"
    return ""


def sheet(session: Session, up: CashUp, agency_code: str | None) -> CashUpSheet:
    officer = session.get_one(Officer, up.officer_id)
    closer = session.get_one(Officer, up.closed_by_id)
    name = printed_name(officer.full_name, officer.username)
    closer_name = printed_name(closer.full_name, closer.username)
    return CashUpSheet(
        agency=agency_header(desk.desk_agency(session, agency_code)),
        officer=name,
        officer_label=f"{name} ({officer.username})" if name else officer.username,
        closed_by=f"{closer_name} ({closer.username})" if closer_name else closer.username,
        opened_at=up.opened_at,
        closed_at=up.closed_at,
        lines=tuple(
            CashUpLine(
                x.series, x.number, x.code, METHODS.get(x.method, x.method), x.amount, note(x)
            )
            for x in up.lines
        ),
        totals=tuple(
            CashUpTotal(METHODS.get(m, m), t.count, t.amount) for m, t in up.totals.items()
        ),
        expected_cash=up.expected_cash,
        counted=up.counted,
        difference=up.difference,
        leader=closer_name if closer.id != officer.id else "",
    )
