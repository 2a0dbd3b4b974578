"""The desk's actions on one dossier, by name, with the values a form collected as text.

One place maps an action of the state machine to its service call and says which values
it needs, so that screens stay thin and every action is testable without Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.clock import RANGE_TEXT, OutOfRange, parse
from counter_app.errors import ValidationError
from counter_app.models import Dossier, Unit
from counter_app.services.codes.codes import normalise_code
from counter_app.services.dossiers import lifecycle
from counter_app.services.dossiers.workflow import ACTION_LABELS, Action


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "text"  # text | long_text | unit | outcome | datetime | return_way
    required: bool = True
    hint: str = ""  # shown inside the empty field


FIELDS: dict[Action, tuple[Field, ...]] = {
    Action.HANDOFF: (
        Field("unit", "Chuyển cho đơn vị", "unit"),
        Field("note", "Ghi chú", required=False),
    ),
    Action.SUPPLEMENT: (
        Field("items", "Giấy tờ cần bổ sung", "long_text"),
        Field("reason", "Lý do", required=False),
    ),
    Action.SUPPLIED: (),
    Action.EXTEND: (
        Field("due", "Hẹn trả mới", "datetime"),
        Field("reason", "Lý do chậm", "long_text"),
    ),
    Action.RESULT: (
        Field("outcome", "Kết quả", "outcome"),
        Field("note", "Ghi chú", required=False),
    ),
    Action.RETURN: (
        Field("way", "Cách trả", "return_way"),
        Field("receiver", "Người nhận", hint="khi trả trực tiếp"),
        Field("receiver_id", "Số giấy tờ người nhận", required=False),
        Field("post", "Mã bưu gửi", hint="khi trả qua bưu điện"),
    ),
    Action.WITHDRAW: (Field("reason", "Lý do rút hồ sơ", "long_text"),),
    Action.STOP: (Field("reason", "Lý do dừng giải quyết", "long_text"),),
    Action.REFUSE: (Field("reason", "Lý do từ chối", "long_text"),),
}


# How a result leaves the desk (the return dialog's first choice).
RETURN_WAYS = {
    "in_person": "Người nộp nhận trực tiếp",
    "authorised": "Người được ủy quyền nhận thay",
    "post": "Gửi qua bưu điện",
}


def label(action: Action) -> str:
    text = ACTION_LABELS[action]
    return text[:1].upper() + text[1:]


def _due(values: Mapping[str, str]) -> datetime:
    try:
        return parse(values.get("due", ""))
    except OutOfRange:
        raise ValidationError(f"Hẹn trả mới phải {RANGE_TEXT}.", "due") from None
    except ValueError:
        raise ValidationError("Hẹn trả mới không đúng dạng ngày giờ.", "due") from None


def perform(
    session: Session,
    actor: Actor,
    action: Action,
    code: str,
    values: Mapping[str, str],
    now: datetime,
) -> Dossier:
    """Carry out `action` on the dossier; typed errors, nothing written, when refused."""
    v = {
        k: (values.get(k) or "").strip()
        for k in (
            "unit",
            "note",
            "items",
            "reason",
            "outcome",
            "receiver",
            "receiver_id",
            "post",
            "way",
        )
    }
    by_post = v["way"] == "post"
    if action == Action.RETURN and by_post and not v["post"]:
        raise ValidationError("Cần ghi mã bưu gửi khi trả qua bưu điện.", "post")
    if action == Action.RETURN and v["way"] and not by_post and not v["receiver"]:
        raise ValidationError("Cần ghi họ tên người nhận kết quả.", "receiver")
    calls: dict[Action, Callable[[], Dossier]] = {
        Action.HANDOFF: lambda: lifecycle.handoff(
            session, actor, [code], v["unit"], v["note"], now
        )[0],
        Action.SUPPLEMENT: lambda: lifecycle.supplement(
            session, actor, code, v["items"], v["reason"], now
        ),
        Action.SUPPLIED: lambda: lifecycle.supplied(session, actor, code, now),
        Action.EXTEND: lambda: lifecycle.extend(
            session, actor, code, _due(values), v["reason"], now
        ),
        Action.RESULT: lambda: lifecycle.result(
            session, actor, code, v["outcome"] or "approved", v["note"], now
        ),
        Action.RETURN: lambda: lifecycle.return_result(
            session,
            actor,
            code,
            receiver=None if by_post else v["receiver"] or None,
            receiver_id=None if by_post else v["receiver_id"] or None,
            post_tracking=v["post"] or None if by_post or not v["way"] else None,
            now=now,
            authorised=v["way"] == "authorised",
        ),
    }
    if action in calls:
        return calls[action]()
    return lifecycle.close(session, actor, code, action, v["reason"], now)


def units_of_agency(session: Session, agency_id: object) -> list[tuple[str, str]]:
    return [
        (u.code, u.name)
        for u in session.scalars(
            select(Unit).where(Unit.agency_id == agency_id).order_by(Unit.code)
        )
    ]


def units(session: Session, code: str) -> list[tuple[str, str]]:
    """(code, name) of the units of the dossier's agency, for choosing where to hand over."""
    agency_id = select(Dossier.agency_id).where(Dossier.code == normalise_code(code))
    return [
        (u.code, u.name)
        for u in session.scalars(
            select(Unit).where(Unit.agency_id == agency_id.scalar_subquery()).order_by(Unit.code)
        )
    ]
