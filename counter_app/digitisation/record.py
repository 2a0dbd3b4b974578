"""Recording a digitised document: the file first, made durable, then in the caller's one
transaction the `digitised` event (through the event writer: role table, audit entry with
the hash) and the line's current row. A crash or a full disk leaves the file alone (swept
later, or found again by its hash when the officer retries) or both; never an event
without its file. The same document for the same line again records nothing new.

The result (item "result") is digitised only once it is back from the unit (status
resolved or returned): before that there is no result paper to scan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.digitisation import checks, files, pdfa
from counter_app.digitisation.errors import DigitisationError
from counter_app.digitisation.files import RESULT, RESULT_NAME
from counter_app.digitisation.store import Store, checked_hash, crash_point
from counter_app.facts import digitised as digitised_facts
from counter_app.models import Dossier, Event, VersionDocument
from counter_app.models.digitised import DossierFile
from counter_app.services.dossiers import events
from counter_app.services.dossiers.event_kinds import EventKind
from counter_app.services.dossiers.lifecycle import load, required_text

RESULT_STATUSES = ("resolved", "returned")
REASON_MAX = 500
Signer = Callable[[bytes], bytes]


@dataclass(frozen=True)
class Files:
    """Files as given (a PDF alone is kept byte for byte; images become one PDF/A)."""

    contents: tuple[bytes, ...]
    source: str = "file"  # file | folder (a copier's scan-to-folder)


@dataclass(frozen=True)
class Scanned:
    """Pages from a scanner, in order, each with its rotation."""

    pages: tuple[pdfa.Page, ...]
    source: str = "scanner"


@dataclass(frozen=True)
class Reuse:
    """A document of the same citizen (same ID number) already stored on this desk."""

    sha256: str


@dataclass(frozen=True)
class Exempt:
    """Not digitised under TT 01/2023 Điều 4: the reason; nothing stored."""

    reason: str


Source = Files | Scanned | Reuse | Exempt


@dataclass(frozen=True)
class Digitised:
    code: str
    item: int | str
    name: str
    source: str
    sha256: str | None
    pages: int
    bytes: int
    signed: bool
    recorded: bool  # False: the line had this very document already (nothing new)

    def json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "item": self.item,
            "sha256": self.sha256,
            "pages": self.pages,
            "bytes": self.bytes,
            "signed": self.signed,
            "source": self.source,
            "name": self.name,
            "recorded": self.recorded,
        }


def line(session: Session, dossier: Dossier, item: int | str) -> tuple[int | str, str]:
    """The item as stored in events (1-based line or "result") and its name; refused when
    the dossier's procedure version has no such line."""
    if item == RESULT:
        return RESULT, RESULT_NAME
    try:
        number = int(item)
    except (TypeError, ValueError):
        raise DigitisationError(
            f"--item: cần số thứ tự dòng giấy tờ (1, 2, …) hoặc '{RESULT}'."
        ) from None
    names = list(
        session.scalars(
            select(VersionDocument.name)
            .where(VersionDocument.version_id == dossier.procedure_version_id)
            .order_by(VersionDocument.position)
        )
    )
    if not 1 <= number <= len(names):
        raise DigitisationError(
            f"Thủ tục của hồ sơ {dossier.code} không có dòng giấy tờ số {number} "
            f"(có {len(names)} dòng; kết quả là '{RESULT}')."
        )
    return number, names[number - 1]


def digitise(
    session: Session,
    actor: Actor,
    code: str,
    item: int | str,
    source: Source,
    *,
    store: Store,
    now: datetime,
    sign: Signer | None = None,
) -> Digitised:
    """Record `source` as the document of line `item` of dossier `code`."""
    dossier = load(session, code, lock=True)
    require(actor, events.PERMISSION[EventKind.DIGITISED])
    shown, name = line(session, dossier, item)
    if shown == RESULT:
        require(actor, Permission.RESULT)
        if dossier.status not in RESULT_STATUSES:
            raise DigitisationError(
                f"Hồ sơ {dossier.code} chưa có kết quả trả về: số hóa kết quả sau khi nhận "
                "kết quả từ đơn vị."
            )
    data = _document(session, dossier, source, f"{name} - hồ sơ {dossier.code}", store, sign)
    data = {"item": shown, "name": name} | data
    current = session.get(DossierFile, (dossier.id, files.item_no(shown)))
    if current is not None and _same(session, current, data):
        return _result(dossier.code, data, recorded=False)
    events.record(session, actor, dossier, EventKind.DIGITISED, now, data=data)
    files.refold(session, [dossier.id])
    digitised_facts.refresh(session, [dossier.id])  # the digitisation rates' row
    session.flush()
    crash_point("event-written")
    return _result(dossier.code, data, recorded=True)


def _document(
    session: Session,
    dossier: Dossier,
    source: Source,
    title: str,
    store: Store,
    sign: Signer | None,
) -> dict[str, Any]:
    """The event's data about the document, its file stored first (none when exempt)."""
    if isinstance(source, Exempt):
        reason = required_text(source.reason, "exempt", "lý do không số hóa (TT 01/2023 Điều 4)")
        if len(reason) > REASON_MAX:
            raise DigitisationError(f"Lý do dài {len(reason)} ký tự: tối đa {REASON_MAX}.")
        return {
            "source": "exempt",
            "sha256": None,
            "pages": 0,
            "bytes": 0,
            "signed": False,
            "reason": reason,
        }
    if isinstance(source, Reuse):
        return _reused(session, dossier, checked_hash(source.sha256), store)
    if isinstance(source, Files):
        found = checks.check_files(list(source.contents))
        if found[0].kind == "pdf":
            pdf, pages = source.contents[0], found[0].pages
        else:
            built = pdfa.build([pdfa.Page(c) for c in source.contents], title)
            pdf, pages = built.pdf, built.pages
    else:
        built = pdfa.build(source.pages, title)
        pdf, pages = built.pdf, built.pages
    if sign is not None:
        pdf = sign(pdf)
    sha = store.put(pdf)
    return {
        "source": source.source,
        "sha256": sha,
        "pages": pages,
        "bytes": len(pdf),
        "signed": sign is not None,
    }


def _reused(session: Session, dossier: Dossier, sha: str, store: Store) -> dict[str, Any]:
    """The data of an earlier document of the same citizen (same ID number) on this desk."""
    earlier = None
    if dossier.id_number:
        for data in session.scalars(
            select(Event.data)
            .join(Dossier, Dossier.id == Event.dossier_id)
            .where(Event.kind == EventKind.DIGITISED, Dossier.id_number == dossier.id_number)
        ):
            if data.get("sha256") == sha:
                earlier = data
    if earlier is None:
        raise DigitisationError(
            "Không có giấy tờ đã số hóa với mã SHA-256 này của cùng công dân (cùng số giấy "
            "tờ tùy thân) trên bàn này."
        )
    if not store.verify(sha):
        raise DigitisationError(
            "Giấy tờ cần dùng lại chưa có trên bàn này hoặc đã bị thay đổi: chưa dùng lại được."
        )
    return {
        "source": "reuse",
        "sha256": sha,
        "pages": int(earlier.get("pages") or 0),
        "bytes": int(earlier.get("bytes") or 0),
        "signed": bool(earlier.get("signed")),
    }


def _same(session: Session, current: DossierFile, data: dict[str, Any]) -> bool:
    """Whether the line already has this document (a retry): same file, same source;
    an exemption only with the same reason."""
    if current.sha256 != data["sha256"] or current.source != data["source"]:
        return False
    if data["source"] != "exempt":
        return True
    before = session.get(Event, current.event_id)
    return before is not None and before.data.get("reason") == data.get("reason")


def _result(code: str, data: dict[str, Any], recorded: bool) -> Digitised:
    return Digitised(
        code,
        data["item"],
        data["name"],
        data["source"],
        data["sha256"],
        data["pages"],
        data["bytes"],
        data["signed"],
        recorded,
    )
