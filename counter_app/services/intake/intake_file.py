"""The intake document (shared/spec/cli.md): read strictly into a plain dataclass.

Everything that can be checked without the database is checked here; the procedure and
its required documents are checked by `intake.receive` against the version in force.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from counter_app.errors import ValidationError
from counter_app.printing.fonts import check_printable
from counter_app.services.applicants.applicant import (
    ID_TYPES,
    check_email,
    check_id_number,
    phone_digits,
    phone_key,
)
from counter_app.services.documents.schema import Obj
from counter_app.vocabulary import CHANNELS  # noqa: E402  (re-exported)

NAME_MAX = 200
ADDRESS_MAX = 500
NOTE_MAX = 1000

_INTAKE_KEYS = {
    "procedure",
    "applicant",
    "documents",
    "channel",
    "received_at",
    "sets",
    "note",
    "return_by_post",
    "request_id",
}
_APPLICANT_KEYS = {"name", "id_number", "id_type", "phone", "address", "email"}


@dataclass(frozen=True)
class Applicant:
    name: str
    id_type: str | None
    id_number: str | None
    phone: str | None
    phone_key: str | None
    address: str
    email: str | None


@dataclass(frozen=True)
class ReceivedDocument:
    name: str
    count: int
    kind: str | None  # None: the kind the procedure asks for


@dataclass(frozen=True)
class Intake:
    procedure: str
    applicant: Applicant
    documents: tuple[ReceivedDocument, ...]
    channel: str
    received_at: datetime | None
    sets: int
    note: str | None
    return_by_post: bool
    # Chosen by the caller (the desk's form, a script) once per reception it means to make:
    # sent again, the same request gives back the dossier already recorded.
    request_id: str | None = None

    def fingerprint(self) -> str:
        """What the request asks for, whatever its id: a different intake under a request
        id already used is refused."""
        payload = json.dumps(
            asdict(replace(self, request_id=None)), sort_keys=True, default=str, ensure_ascii=False
        )
        return hashlib.sha256(payload.encode()).hexdigest()


def read_request_id(value: Any, field: str = "request_id") -> str | None:
    """A UUID in any of its written forms, as its canonical lower-case text."""
    if value is None:
        return None
    try:
        if not isinstance(value, str):
            raise TypeError(value)
        return str(uuid.UUID(value.strip()))
    except (TypeError, ValueError):
        raise ValidationError(
            f"{field}: cần một UUID, ví dụ 0b5f2b55-7c0a-4d43-9a3e-"
            "5c1b5f0c3d2e (mỗi lần tiếp nhận một UUID mới).",
            field,
        ) from None


def read_intake(data: Any) -> Intake:
    """Validate a parsed intake document; raises ValidationError naming the field."""
    root = Obj(data, "", _INTAKE_KEYS, {"procedure", "applicant"})
    documents = tuple(
        _document(Obj(v, p, {"name", "count", "kind"}, {"name"}))
        for p, v in root.items("documents", optional=True)
    )
    return Intake(
        procedure=root.required_text("procedure", 40),
        applicant=_applicant(root.child("applicant", _APPLICANT_KEYS, {"name"})),
        documents=documents,
        channel=root.choice("channel", CHANNELS, default="direct"),
        received_at=root.timestamp("received_at"),
        sets=root.integer("sets", 1, 99, default=1),
        note=root.free_text("note", NOTE_MAX),
        return_by_post=root.boolean("return_by_post", default=False),
        request_id=read_request_id(root.raw("request_id")),
    )


def _applicant(obj: Obj) -> Applicant:
    id_type = obj.choice("id_type", ID_TYPES, default="citizen_id") if obj.has("id_type") else None
    id_number = obj.text("id_number", 40, optional=True)
    if id_number is not None:
        id_number = check_id_number(id_number, id_type, obj.path + ".id_number")
    phone = obj.text("phone", 30, optional=True)
    phone = phone_digits(phone) if phone else None
    email = obj.text("email", 254, optional=True)
    return Applicant(
        name=check_printable(
            obj.required_text("name", NAME_MAX), obj.path + ".name", "Họ tên người nộp"
        ),
        id_type=id_type,
        id_number=id_number,
        phone=phone,
        phone_key=phone_key(phone, obj.path + ".phone") if phone else None,
        address=obj.text("address", ADDRESS_MAX, optional=True) or "",
        email=check_email(email, obj.path + ".email") if email else None,
    )


def _document(obj: Obj) -> ReceivedDocument:
    kind = obj.choice("kind", ("original", "certified_copy", "copy")) if obj.has("kind") else None
    return ReceivedDocument(
        name=obj.required_text("name", 500),
        count=obj.integer("count", 1, 1000, default=1),
        kind=kind,
    )
