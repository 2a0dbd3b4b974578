"""What a dossier has digitised, line by line in checklist order and the result last: the
current document of each line (none yet: source None), whether its file is on this desk
(`here`: a document another desk digitised comes with its event first, its file later),
and the documents it replaced (their files kept)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.digitisation.errors import DigitisationError, DocumentDamaged
from counter_app.digitisation.files import APPLIED, RESULT, RESULT_NAME, item_no
from counter_app.digitisation.store import Store
from counter_app.formats import iso
from counter_app.models import Event, Officer, VersionDocument
from counter_app.services.dossiers.event_kinds import EventKind
from counter_app.services.dossiers.lifecycle import load


@dataclass(frozen=True)
class Version:
    """One document a line has had (the current one is the last)."""

    source: str
    sha256: str | None
    pages: int
    bytes: int
    signed: bool
    at: datetime
    officer: str
    here: bool | None  # None: no file (exempt)
    reason: str | None

    def json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "sha256": self.sha256,
            "pages": self.pages,
            "bytes": self.bytes,
            "signed": self.signed,
            "at": iso(self.at),
            "officer": self.officer,
            "here": self.here,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Line:
    item: int | str
    name: str
    required: bool
    versions: tuple[Version, ...]  # oldest first; empty: not digitised yet

    @property
    def current(self) -> Version | None:
        return self.versions[-1] if self.versions else None

    def json(self) -> dict[str, Any]:
        now = self.current
        empty = dict.fromkeys(("source", "sha256", "pages", "bytes", "signed", "at", "officer"))
        shown = now.json() if now else empty | {"here": None, "reason": None}
        return (
            {"item": self.item, "name": self.name, "required": self.required}
            | shown
            | {"history": [v.json() for v in self.versions[:-1]]}
        )


@dataclass(frozen=True)
class Documents:
    code: str
    lines: tuple[Line, ...]

    def json(self) -> dict[str, Any]:
        return {"code": self.code, "documents": [line.json() for line in self.lines]}

    def line(self, item: int | str) -> Line | None:
        return next((x for x in self.lines if item_no(x.item) == item_no(item)), None)


def documents(session: Session, code: str, store: Store | None) -> Documents:
    dossier = load(session, code, lock=False)
    checklist = session.execute(
        select(VersionDocument.name, VersionDocument.required)
        .where(VersionDocument.version_id == dossier.procedure_version_id)
        .order_by(VersionDocument.position)
    ).all()
    history: dict[int, list[Version]] = {}
    rows = session.execute(
        select(Event.data, Event.at, Officer.username)
        .join(Officer, Officer.id == Event.officer_id)
        .where(Event.dossier_id == dossier.id, Event.kind == EventKind.DIGITISED, APPLIED)
        .order_by(Event.at, Event.desk_seq, Event.id)
    )
    for data, at, officer in rows:
        try:
            number = item_no(data["item"])
        except (KeyError, TypeError, ValueError):
            continue
        history.setdefault(number, []).append(_version(data, at, officer, store))
    lines = [
        Line(n, name, bool(required), tuple(history.get(n, ())))
        for n, (name, required) in enumerate(checklist, 1)
    ]
    lines.append(Line(RESULT, RESULT_NAME, False, tuple(history.get(0, ()))))
    return Documents(dossier.code, tuple(lines))


def _version(data: dict[str, Any], at: datetime, officer: str, store: Store | None) -> Version:
    sha = data.get("sha256")
    return Version(
        str(data.get("source")),
        sha,
        int(data.get("pages") or 0),
        int(data.get("bytes") or 0),
        bool(data.get("signed")),
        at,
        officer,
        None if sha is None else bool(store and store.has(sha)),
        data.get("reason"),
    )


def document_bytes(session: Session, code: str, item: int | str, store: Store) -> bytes:
    """The current document of a line, proved by its hash (DocumentDamaged otherwise)."""
    found = documents(session, code, store)
    line = found.line(item)
    now = line.current if line else None
    if line is None or now is None:
        raise DigitisationError(f"Dòng giấy tờ {item} của hồ sơ {found.code} chưa được số hóa.")
    if now.sha256 is None:
        raise DocumentDamaged(
            f"Dòng giấy tờ {item} của hồ sơ {found.code} được miễn số hóa: không có tệp."
        )
    if not now.here:
        raise DocumentDamaged(
            f"Tệp của dòng giấy tờ {item} (hồ sơ {found.code}) chưa có trên bàn này: "
            "nó đến sau khi đồng bộ tệp."
        )
    return store.read(now.sha256)
