"""What each printed form shows, gathered from the database into printing's plain data.

Printing itself never queries; every print of a dossier's form is recorded as an event.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.calendar import duration_text
from counter_app.clock import LOCAL_TZ, parse
from counter_app.errors import ValidationError
from counter_app.formats import show_datetime as when
from counter_app.models import Agency, Dossier, Event, Officer, ProcedureVersion
from counter_app.printing import data as p
from counter_app.services.dossiers import events
from counter_app.services.dossiers.events import EVENT_LABELS, EventKind
from counter_app.services.dossiers.lifecycle import load

__all__ = ["load"]
from counter_app.services.dossiers.views import DossierView, done, dossier_by_code, unit_shown
from counter_app.text import clean

BATCH_MAX = 2000
MOVES = (EventKind.HANDED_OVER, EventKind.RESULT_BACK)  # the paper dossier changing hands
APPLIED = or_(Event.server_status.is_(None), Event.server_status != "rejected")
DESK = "Bộ phận TN&TKQ"  # the desk, as the forms of Decree 61/2018 name it
PREFIXES = ("UBND ", "Ủy ban nhân dân ", "Uỷ ban nhân dân ")
LEVEL_WORDS = ("xã ", "phường ", "thị trấn ", "tỉnh ", "thành phố ", "đặc khu ")


def agency_header(agency: Agency) -> p.AgencyHeader:
    place = agency.name
    for prefix in PREFIXES:
        place = place.removeprefix(prefix)
    for word in LEVEL_WORDS:
        if place.lower().startswith(word):
            place = place[len(word) :]
    return p.AgencyHeader(agency.name, place.strip() or agency.name, agency.address, agency.phone)


def person(view: DossierView) -> p.Person:
    a = view.applicant
    return p.Person(a.name, a.id_number, a.address, a.phone, a.email)


def context(session: Session, code: str) -> tuple[Dossier, DossierView, Agency, ProcedureVersion]:
    dossier = load(session, code, lock=False)
    agency = session.get_one(Agency, dossier.agency_id)
    version = session.get_one(ProcedureVersion, dossier.procedure_version_id)
    view = dossier_by_code(session, code)  # what the office server refused is no step
    return dossier, replace(view, history=done(view.history)), agency, version


def register_line(session: Session, dossier: Dossier) -> int:
    """Line in the year's dossier register (form 07): order of receipt in the year."""
    return year_line(session, dossier.agency_id, dossier.received_at, dossier.code)


def year_line(session: Session, agency_id: uuid.UUID, received_at: datetime, code: str) -> int:
    start = datetime(received_at.year, 1, 1, tzinfo=LOCAL_TZ)
    return int(
        session.scalar(
            select(func.count())
            .select_from(Dossier)
            .where(
                Dossier.agency_id == agency_id,
                Dossier.received_at >= start,
                or_(
                    Dossier.received_at < received_at,
                    and_(Dossier.received_at == received_at, Dossier.code <= code),
                ),
            )
        )
        or 0
    )


def receipt(session: Session, code: str, now: datetime) -> p.ReceiptData:
    dossier, view, agency, version = context(session, code)
    officer = session.get_one(Officer, dossier.received_by_id)
    # Here, not at the top: intake brings numbering, the catalog and PostgreSQL's dialect
    # (~0.1-0.2 s), which a scan opening a dossier window at start-up need not wait for.
    from counter_app.services.intake.intake import duration_for

    rule = duration_for(version, dossier.channel)  # the online channel may have its own
    duration = duration_text(rule.unit, rule.value, two_digits=True)
    header = agency_header(agency)
    return p.ReceiptData(
        agency=header,
        code=view.code,
        applicant=person(view),
        procedure=view.procedure_name,
        procedure_code=view.procedure,
        documents=tuple(
            p.DocumentLine(d.shown_name, d.shown_kind, d.count) for d in dossier.documents
        ),
        sets=dossier.sets,
        legal_duration=duration,
        received_at=view.received_at,
        due_at=view.due_at,
        collect_at="Gửi qua dịch vụ bưu chính"
        if dossier.return_by_post
        else f"{header.office}, {agency.name}",
        register_line=register_line(session, dossier),
        officer=printed_name(officer.full_name, officer.username),
        printed_at=now,
        by_post=dossier.return_by_post,
        fees=fee_line(version.fee_schedule, version.fee),
    )


def fee_line(stored: dict[str, object] | None, fee: int) -> str:
    """What the receipt says of the fees: the items of the version's schedule and when they
    are collected; "" for a procedure without fees."""
    from counter_app.services.catalog.fee_schedule import COLLECT, schedule_of

    schedule = schedule_of(stored, fee)
    if not schedule.items:
        return ""
    money = {i: f"{i.amount:,}".replace(",", ".") for i in schedule.items}  # 8.000
    items = "; ".join(f"{i.name} {money[i]} đồng" for i in schedule.items)
    return f"{items} ({COLLECT[schedule.collect].lower()})"


def printed_name(full_name: str | None, username: str | None) -> str:
    """The officer's name under a signature: the full name on record, or "" (a dotted line
    to write it by hand) when none is known — never a login name. An officer first seen
    by user name is recorded with it as full name (desk.officer)."""
    name = clean(full_name or "")
    return "" if name == clean(username or "") else name


def _last(view: DossierView, kind: str, what: str):  # type: ignore[no-untyped-def]
    found = [h for h in view.history if h.event == kind]
    if not found:
        raise ValidationError(f"Hồ sơ {view.code} chưa có {what} để in.", "form")
    return found[-1]


def supplement(session: Session, code: str, now: datetime) -> p.SupplementData:
    _, view, agency, _ = context(session, code)
    asked = _last(view, EventKind.SUPPLEMENT_REQUESTED, "yêu cầu bổ sung")
    return p.SupplementData(
        agency_header(agency),
        view.code,
        person(view),
        view.procedure_name,
        str(asked.data.get("items", "")),
        asked.note,
        printed_name(asked.officer_name, asked.officer),
        agency.phone or "—",
        now,
    )


def refused(session: Session, code: str, now: datetime) -> p.RefusalData:
    """Form 03 for a dossier refused after it was recorded (reasons as recorded)."""
    _, view, agency, _ = context(session, code)
    refusal = _last(view, EventKind.REFUSED, "từ chối tiếp nhận")
    return p.RefusalData(
        agency_header(agency),
        person(view),
        view.procedure_name,
        refusal.note or "",
        printed_name(refusal.officer_name, refusal.officer),
        now,
        view.code,
    )


def apology(session: Session, code: str, signer: str, now: datetime) -> p.ApologyData:
    _, view, agency, _ = context(session, code)
    extended = _last(view, EventKind.EXTENDED, "gia hạn")
    # the promise this letter takes back is the one made just before this extension
    promised = parse(str(extended.data["previous_due_at"]))
    new_due = parse(str(extended.data["due_at"]))
    return p.ApologyData(
        agency_header(agency),
        view.code,
        person(view),
        view.procedure_name,
        view.received_at,
        promised,
        new_due,
        extended.note or "",
        signer,
        now,
    )


# what happened to the dossier without moving it: never "the stage reached"
_NOT_STAGES = (
    EventKind.PRINTED,
    EventKind.RATED,
    EventKind.PAID,
    EventKind.RECEIPT_REPLACED,
    EventKind.FEE_EXEMPTED,
    EventKind.PAYMENT_MATCHED,
)


def stop(session: Session, code: str, signer: str, now: datetime) -> p.StopData:
    _, view, agency, version = context(session, code)
    kinds = {EventKind.STOPPED, EventKind.WITHDRAWN}
    closing = [h for h in view.history if h.event in kinds]
    if not closing:
        raise ValidationError(f"Hồ sơ {view.code} chưa dừng giải quyết hoặc rút.", "form")
    last = closing[-1]
    before = [
        h for h in view.history if h.at <= last.at and h is not last and h.event not in _NOT_STAGES
    ]
    step = before[-1] if before else last
    where = f" ({unit_shown(step.to_unit, step.to_unit_name)})" if step.to_unit else ""
    stage = f"{EVENT_LABELS.get(step.event, step.event)}{where} lúc {when(step.at)}"
    fees = (
        f"Phí, lệ phí {version.fee:,} đồng: xử lý theo quy định hiện hành.".replace(",", ".")
        if version.fee
        else "Thủ tục không thu phí, lệ phí."
    )
    reason = ("Công dân rút hồ sơ: " if last.event == EventKind.WITHDRAWN else "") + (
        last.note or ""
    )
    return p.StopData(
        agency_header(agency),
        view.code,
        person(view),
        view.procedure_name,
        view.received_at,
        stage,
        reason,
        fees,
        signer,
        now,
    )


def record_print(session: Session, actor: Actor, code: str, form: str, now: datetime) -> None:
    dossier = load(session, code, lock=False)
    printed = session.scalars(
        select(Event.data).where(Event.dossier_id == dossier.id, Event.kind == EventKind.PRINTED)
    )
    reprint = any(d.get("form") == form for d in printed)
    events.record(
        session, actor, dossier, EventKind.PRINTED, now, data={"form": form, "reprint": reprint}
    )


def signer(value: str | None, default: str) -> str:
    return clean(value) if value and value.strip() else default


DOSSIER_FORMS = ("receipt", "supplement", "refusal", "apology", "stop", "control-sheet", "handover")
FORM_LABELS = {
    "receipt": "Giấy tiếp nhận và hẹn trả",
    "supplement": "Phiếu yêu cầu bổ sung",
    "refusal": "Phiếu từ chối tiếp nhận",
    "apology": "Văn bản xin lỗi, gia hạn",
    "stop": "Thông báo dừng giải quyết",
    "control-sheet": "Phiếu kiểm soát",
    "handover": "Danh sách bàn giao",
}


def render(
    session: Session, form: str, code: str, options: p.PageOptions, now: datetime, signer_name: str
) -> tuple[bytes, list[str]]:
    """The PDF of one of a dossier's forms, and the codes of the dossiers it shows."""
    from counter_app.printing import letters, tables
    from counter_app.printing.receipt import render_receipt
    from counter_app.services.printouts.moves import control_sheet, handover

    if form == "handover":
        data = handover(session, code, now)
        return tables.render_handover(data, options), [line.code for line in data.lines]
    pdf = {
        "receipt": lambda: render_receipt(receipt(session, code, now), options),
        "supplement": lambda: letters.render_supplement(supplement(session, code, now), options),
        "refusal": lambda: letters.render_refusal(refused(session, code, now), options),
        "apology": lambda: letters.render_apology(
            apology(session, code, signer_name, now), options
        ),
        "stop": lambda: letters.render_stop(stop(session, code, signer_name, now), options),
        "control-sheet": lambda: tables.render_control_sheet(
            control_sheet(session, code, now), options
        ),
    }[form]()
    return pdf, [load(session, code, lock=False).code]


def printable(view: DossierView) -> list[str]:
    """The forms this dossier has something to print on, in the order of a menu."""
    kinds = {h.event for h in done(view.history)}
    wanted = {
        "receipt": True,
        "control-sheet": True,
        "supplement": EventKind.SUPPLEMENT_REQUESTED in kinds,
        "refusal": EventKind.REFUSED in kinds,
        "apology": EventKind.EXTENDED in kinds,
        "stop": bool(kinds & {EventKind.STOPPED, EventKind.WITHDRAWN}),
        "handover": EventKind.HANDED_OVER in kinds,
    }
    return [form for form in DOSSIER_FORMS if wanted[form]]
