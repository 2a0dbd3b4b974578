"""Online dossiers in (issue 21, point 4; docs/portal.md "Hồ sơ trực tuyến vào").

An online dossier is **received at import**: it takes its code from the same (agency, day)
counter as a reception at the desk, and its appointment from the portal's submission time
(NgayNopHoSo) by the procedure's online duration and cut-off, because the legal time runs
from the submission (a dossier submitted outside working hours counts from the next
working time, as the calendar's effective receipt already does). What the desk still owes
the citizen is its answer: until an officer accepts it the dossier is "Hồ sơ trực tuyến
chờ tiếp nhận" (`portal_accepted_at` NULL; listed with the time left to answer by
portal/waiting.py). The officer's three answers are the workflow's own: `accept` here (an
`accepted` event, the status stays `received`), `supplement` and `refuse` as for any
dossier just received (portal/answers.py gives the desk's window all three); each is an
event, so each reaches the portal through the outbox that follows `events.record`.

Idempotent by the portal's MaHoSo, kept as `portal_code`: the same object again gives back
the same dossier and writes nothing; a different object under the same MaHoSo is refused.
Attachments become the digitised documents of their checklist lines (digitisation/record:
the file stored first, then the `digitised` event, in the import's one transaction; source
`file`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.digitisation import record
from counter_app.digitisation.store import Store
from counter_app.errors import IllegalTransition, ValidationError
from counter_app.formats import show_datetime
from counter_app.models import Dossier, Event, VersionDocument
from counter_app.portal.inbound_file import OnlineDossier
from counter_app.services.codes.numbering import NumberSource
from counter_app.services.dossiers import events
from counter_app.services.dossiers.event_kinds import EventKind
from counter_app.services.dossiers.lifecycle import load
from counter_app.services.dossiers.workflow import Status
from counter_app.services.intake import intake
from counter_app.text import fold

WAITING_LABEL = "Hồ sơ trực tuyến chờ tiếp nhận"


@dataclass(frozen=True)
class Imported:
    code: str
    imported: bool  # False: this very object was imported before; nothing written
    digitised: int  # checklist lines given their documents by this import


def import_online(
    session: Session,
    actor: Actor,
    online: OnlineDossier,
    now: datetime,
    *,
    store: Store,
    number: NumberSource | None = None,
) -> Imported:
    """Record the online dossier, or find it when imported before. Raises a RefusedInput
    (nothing written, no file stored) when refused."""
    found = session.scalars(
        select(Dossier).where(Dossier.portal_code == online.portal_code)
    ).first()
    if found is not None:
        _check_same(session, found, online)
        return Imported(found.code, False, 0)
    dossier = intake.receive(
        session,
        actor,
        online.intake,
        now,
        number,
        online={"portal_code": online.portal_code, "portal_sha256": online.fingerprint},
    )
    lines = _lines(session, dossier)
    wanted = []
    for attachment in online.attachments:
        item = lines.get(fold(attachment.component))
        if item is None:  # checked before any file is stored
            raise ValidationError(
                f"TaiLieuNop: thành phần có tệp đính kèm thứ {len(wanted) + 1} không có trong "
                "danh mục giấy tờ của thủ tục nên không số hóa được; kiểm tra danh mục thủ "
                "tục trên cổng và trên bàn.",
                "TaiLieuNop",
            )
        wanted.append((item, attachment))
    for item, attachment in wanted:
        record.digitise(
            session,
            actor,
            dossier.code,
            item,
            record.Files(attachment.contents),
            store=store,
            now=now,
        )
    return Imported(dossier.code, True, len(wanted))


def _check_same(session: Session, dossier: Dossier, online: OnlineDossier) -> None:
    received = session.scalars(
        select(Event.data).where(Event.dossier_id == dossier.id, Event.kind == EventKind.RECEIVED)
    ).first()
    if (received or {}).get("portal_sha256") != online.fingerprint:
        raise ValidationError(
            f"MaHoSo: hồ sơ trực tuyến này đã được nhận thành hồ sơ {dossier.code} với nội dung "
            "khác; không ghi gì. Hồ sơ bổ sung hay sửa trên cổng được xử lý trên hồ sơ "
            f"{dossier.code}, không nhập lại.",
            "MaHoSo",
        )


def _lines(session: Session, dossier: Dossier) -> dict[str, int]:
    """The checklist's lines of the dossier's procedure version: folded name -> 1-based line
    (a name listed twice: its first line)."""
    names = session.scalars(
        select(VersionDocument.name)
        .where(VersionDocument.version_id == dossier.procedure_version_id)
        .order_by(VersionDocument.position)
    )
    lines: dict[str, int] = {}
    for n, name in enumerate(names, 1):
        lines.setdefault(fold(name), n)
    return lines


def accept(session: Session, actor: Actor, code: str, now: datetime) -> Dossier:
    """The officer takes on an online dossier waiting to be accepted: an `accepted` event
    (the status stays `received`, the appointment is the one set at import)."""
    dossier = load(session, code, lock=True)
    if dossier.portal_code is None:
        raise ValidationError(
            f"Hồ sơ {dossier.code} không phải hồ sơ trực tuyến nhận từ cổng: không có gì để "
            "tiếp nhận.",
            "code",
        )
    if dossier.portal_accepted_at is not None:
        raise IllegalTransition(
            f"Hồ sơ {dossier.code} đã được tiếp nhận lúc "
            f"{show_datetime(dossier.portal_accepted_at)}.",
            status=dossier.status,
            action="accept",
        )
    if dossier.status != Status.RECEIVED:
        raise IllegalTransition(
            f"Không thể tiếp nhận hồ sơ trực tuyến {dossier.code} ở trạng thái hiện tại "
            "(chỉ khi đang chờ tiếp nhận).",
            status=dossier.status,
            action="accept",
        )
    dossier.portal_accepted_at = now
    events.record(session, actor, dossier, EventKind.ACCEPTED, now)
    return dossier
