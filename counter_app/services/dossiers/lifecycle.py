"""What happens to a dossier after reception: each change through the state machine, each
with its event, in the caller's unit of work."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.calendar import timeliness
from counter_app.clock import local
from counter_app.errors import UnknownUnit, ValidationError, quoted
from counter_app.facts import upkeep
from counter_app.models import Agency, Dossier, ProcedureVersion, Unit, new_id
from counter_app.services.applicants.applicant import check_id_number
from counter_app.services.codes.code_pattern import ANY_CODE
from counter_app.services.codes.codes import normalise_code, unknown_dossier
from counter_app.services.desk import working_calendar
from counter_app.services.dossiers import events, fee_gate
from counter_app.services.dossiers.events import EventKind
from counter_app.services.dossiers.steps import turn_data
from counter_app.services.dossiers.workflow import Action, Status, check
from counter_app.text import clean, clean_lines
from counter_app.vocabulary import OUTCOMES  # noqa: E402  (re-exported)

TEXT_MAX = 1000


def load(session: Session, code: str, lock: bool = True) -> Dossier:
    """The dossier with this code; `lock` takes its row lock on a shared server (PostgreSQL)
    so two desks cannot both pass the state check (SQLite's BEGIN IMMEDIATE already does)."""
    code = normalise_code(code)
    query = select(Dossier).where(Dossier.code == code)
    dossier = session.scalars(query.with_for_update() if lock else query).first()
    if dossier is None:
        raise unknown_dossier(session, code)
    return dossier


def required_text(value: str | None, field: str, what: str) -> str:
    """Text a person wrote, over several lines if need be (reasons, lists of documents)."""
    text = clean_lines(value or "")
    if not text:
        raise ValidationError(f"{field}: cần ghi {what}.", field)
    if len(text) > TEXT_MAX:
        raise ValidationError(f"{field}: dài {len(text)} ký tự, tối đa {TEXT_MAX}.", field)
    return text


def optional_text(value: str | None, field: str) -> str | None:
    return required_text(value, field, "") if value and value.strip() else None


def handoff(
    session: Session,
    actor: Actor,
    codes: list[str],
    unit_code: str,
    note: str | None,
    now: datetime,
) -> list[Dossier]:
    """Hand dossiers over to a unit as one batch: all of them, or none when one is refused."""
    unit = session.scalars(
        select(Unit).where(
            Unit.agency_id == actor.agency_id, func.upper(Unit.code) == normalise_code(unit_code)
        )
    ).first()
    if unit is None:
        raise unknown_unit(session, actor.agency_id, unit_code)
    if not codes:
        raise ValidationError("Cần ít nhất một mã hồ sơ để bàn giao.", "codes")
    note = optional_text(note, "note")
    seen: set[str] = set()
    dossiers = []
    for code in codes:
        dossier = load(session, code)
        if dossier.code in seen:
            raise ValidationError(f"Mã '{dossier.code}' có hai lần trong lô bàn giao.", "codes")
        seen.add(dossier.code)
        check(dossier.status, Action.HANDOFF)
        if dossier.current_unit_id == unit.id:
            raise ValidationError(f"Hồ sơ '{dossier.code}' đang ở {unit.name} rồi.", "codes")
        dossiers.append(dossier)
    batch = str(new_id())
    for dossier in dossiers:
        from_unit = dossier.current_unit_id
        turn = turn_data(session, dossier, from_unit, now)
        dossier.status = Status.IN_PROGRESS
        dossier.current_unit_id = unit.id
        events.record(
            session,
            actor,
            dossier,
            EventKind.HANDED_OVER,
            now,
            from_unit_id=from_unit,
            to_unit_id=unit.id,
            note=note,
            data={"batch": batch} | turn,
        )
    session.flush()
    return dossiers


def unknown_unit(session: Session, agency_id: object, unit_code: str) -> UnknownUnit:
    """'No such unit', naming it only when it has the shape of a unit code, and the units
    there are."""
    codes = session.scalars(
        select(Unit.code).where(Unit.agency_id == agency_id).order_by(Unit.code)
    ).all()
    shown = quoted(normalise_code(unit_code), ANY_CODE)
    return UnknownUnit(
        f"Không có đơn vị {shown or 'như vậy'}; các đơn vị: "
        f"{', '.join(codes) or '(chưa có, hãy nhập danh mục)'}."
    )


def result(
    session: Session,
    actor: Actor,
    code: str,
    outcome: str,
    note: str | None,
    now: datetime,
    batch: str | None = None,
) -> Dossier:
    """The unit's result is back at the desk: resolved, early / on time / late. `batch`
    names the list it came back in (printed as the unit → desk handover list)."""
    if outcome not in OUTCOMES:
        raise ValidationError(f"outcome: phải là một trong {', '.join(OUTCOMES)}.", "outcome")
    dossier = load(session, code)
    dossier.status = check(dossier.status, Action.RESULT) or dossier.status
    from_unit = dossier.current_unit_id
    turn = turn_data(session, dossier, from_unit, now)
    dossier.current_unit_id = None
    dossier.resolved_at = now
    dossier.outcome = outcome
    dossier.timeliness = timeliness(now, dossier.due_at)
    dossier.timeliness_original = timeliness(now, dossier.original_due_at)
    events.record(
        session,
        actor,
        dossier,
        EventKind.RESULT_BACK,
        now,
        from_unit_id=from_unit,
        note=optional_text(note, "note"),
        data={
            "outcome": outcome,
            "timeliness": dossier.timeliness,
            "timeliness_original": dossier.timeliness_original,
        }
        | turn
        | ({"batch": batch} if batch else {}),
    )
    session.flush()
    return dossier


def return_result(
    session: Session,
    actor: Actor,
    code: str,
    *,
    receiver: str | None = None,
    receiver_id: str | None = None,
    post_tracking: str | None = None,
    now: datetime,
    authorised: bool = False,
) -> Dossier:
    """The result is handed to a named receiver (the applicant, or someone `authorised` by
    them), or sent by post with a tracking number."""
    receiver = clean(receiver) if receiver else None
    tracking = clean(post_tracking).upper() if post_tracking else None
    if bool(receiver) == bool(tracking):
        raise ValidationError(
            "Cần ghi người nhận (--receiver) hoặc mã bưu gửi (--post), một trong hai.", "receiver"
        )
    if receiver and len(receiver) > 200:
        raise ValidationError("receiver: tên người nhận tối đa 200 ký tự.", "receiver")
    if receiver:
        # Here, not at the top: the fonts bring reportlab (~0.1 s), which the dossier
        # window (a scan at start-up) loads this module for and does not need.
        from counter_app.printing.fonts import check_printable

        check_printable(receiver, "receiver", "Họ tên người nhận kết quả")
    if tracking and len(tracking) > 60:
        raise ValidationError("post: mã bưu gửi tối đa 60 ký tự.", "post")
    receiver_id = _receiver_id(receiver_id) if receiver_id else None
    dossier = load(session, code)
    fee_gate.check_paid(session, dossier)  # fees paid before the result (docs/fees.md)
    dossier.status = check(dossier.status, Action.RETURN) or dossier.status
    dossier.returned_at = now
    dossier.receiver_name = receiver
    dossier.receiver_id_number = receiver_id
    dossier.post_tracking = tracking
    data = {
        "by_post": bool(tracking),
        "post_tracking": tracking,
        "receiver": receiver,
        "authorised": bool(receiver) and authorised,
        "receiver_id": receiver_id,
    }
    events.record(session, actor, dossier, EventKind.RETURNED, now, data=data)
    session.flush()
    return dossier


def _receiver_id(value: str) -> str:
    value = value.strip()
    passport = any(ch.isalpha() for ch in value)
    return check_id_number(value, "passport" if passport else None, "receiver_id")


def supplement(
    session: Session, actor: Actor, code: str, items: str, reason: str | None, now: datetime
) -> Dossier:
    """The unit asks for more documents; the clock stops if the procedure says so."""
    items = required_text(items, "items", "các giấy tờ cần bổ sung")
    dossier = load(session, code)
    previous = dossier.status
    dossier.status = check(previous, Action.SUPPLEMENT) or previous
    dossier.status_before_pause = previous
    version = session.get_one(ProcedureVersion, dossier.procedure_version_id)
    pauses = version.pauses_on_supplement and dossier.due_at is not None
    dossier.paused_at = now if pauses else None
    events.record(
        session,
        actor,
        dossier,
        EventKind.SUPPLEMENT_REQUESTED,
        now,
        note=optional_text(reason, "reason"),
        data={"items": items, "clock_paused": pauses},
    )
    session.flush()
    return dossier


def supplied(session: Session, actor: Actor, code: str, now: datetime) -> Dossier:
    """The missing documents arrived; the appointment moves by the working time paused."""
    dossier = load(session, code)
    check(dossier.status, Action.SUPPLIED)
    dossier.status = dossier.status_before_pause or Status.IN_PROGRESS
    dossier.status_before_pause = None
    data: dict[str, object] = {"clock_paused": dossier.paused_at is not None}
    if dossier.paused_at is not None:
        agency = session.get_one(Agency, dossier.agency_id)
        calendar = working_calendar(session, agency)
        paused = calendar.working_minutes_between(dossier.paused_at, now)
        data |= {"paused_minutes": paused, "previous_due_at": _iso(dossier.due_at)}
        dossier.due_at = calendar.resume(dossier.due_at, dossier.paused_at, now)
        data["due_at"] = _iso(dossier.due_at)
        # The legal appointment moves by the same pause, extensions aside (README: figures).
        legal = upkeep.legal_due_at(session, dossier)
        data["legal_due_at"] = _iso(calendar.add_working_minutes(legal, paused) if legal else None)
        dossier.paused_at = None
    events.record(session, actor, dossier, EventKind.SUPPLEMENT_RECEIVED, now, data=data)
    session.flush()
    return dossier


def extend(
    session: Session, actor: Actor, code: str, due: datetime, reason: str, now: datetime
) -> Dossier:
    """Apology and new appointment (form 04); the original appointment stays on record."""
    reason = required_text(reason, "reason", "lý do gia hạn")
    dossier = load(session, code)
    check(dossier.status, Action.EXTEND)
    due = local(due)
    if dossier.due_at is None:
        raise ValidationError("Thủ tục này không có ngày hẹn nên không gia hạn được.", "due")
    if due <= dossier.due_at:
        raise ValidationError(
            f"due: ngày hẹn mới phải sau ngày hẹn hiện tại ({dossier.due_at:%d/%m/%Y %H:%M}).",
            "due",
        )
    calendar = working_calendar(session, session.get_one(Agency, dossier.agency_id))
    if not calendar.is_working_time(due):
        raise ValidationError(
            f"due: {due:%d/%m/%Y %H:%M} không phải giờ làm việc của cơ quan; hẹn vào một "
            "ngày làm việc, trong giờ làm việc.",
            "due",
        )
    data = {"previous_due_at": _iso(dossier.due_at), "due_at": _iso(due)}
    dossier.due_at = due
    events.record(session, actor, dossier, EventKind.EXTENDED, now, note=reason, data=data)
    session.flush()
    return dossier


def close(
    session: Session, actor: Actor, code: str, action: Action, reason: str, now: datetime
) -> Dossier:
    """Withdrawn by the citizen, stopped (form 05), or refused after a record was made."""
    kinds = {
        Action.WITHDRAW: EventKind.WITHDRAWN,
        Action.STOP: EventKind.STOPPED,
        Action.REFUSE: EventKind.REFUSED,
    }
    reason = required_text(reason, "reason", "lý do")
    dossier = load(session, code)
    dossier.status = check(dossier.status, action) or dossier.status
    dossier.paused_at = None
    dossier.status_before_pause = None
    events.record(session, actor, dossier, kinds[action], now, note=reason)
    session.flush()
    return dossier


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
