"""Joining an office server, asking how the desk stands, and listing what the server
refused of this desk's work (conflicts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from counter_app.clock import now as local_now
from counter_app.db import unit_of_work
from counter_app.errors import RefusedInput
from counter_app.models import Agency, CodeNumber, Dossier, DossierCounter, Event
from counter_app.services import desk
from counter_app.services.codes.numbering import format_code
from counter_app.services.dossiers.events import server_reason
from counter_app.services.dossiers.workflow import STATUS_LABELS, Status
from counter_app.sync import documents, numbers, outbox, state
from counter_app.sync.link import Link


class JoinRefused(RefusedInput):
    """Joining would give one code to two dossiers: the office decides first."""


def join(
    sessions: sessionmaker[Session], db_url: str, url: str, today: date | None = None
) -> dict[str, Any]:
    """Prove the URL, check that none of this desk's codes was given by the server to
    another dossier nor is held by another desk, take the server's identity for this desk,
    claim the numbers it gave alone (the server's counter never gives them again), then
    keep the URL. Nothing changes when it is refused."""
    today = today or local_now().date()
    with Link(url) as link:
        hello = link.hello()
        with unit_of_work(sessions) as session:
            here = desk.local_desk(session)
            codes = list(session.scalars(select(Dossier.code)))
            given = _given_alone(session, today)
            _same_agency(session, str(hello.get("agency") or ""))
        taken = []
        for start in range(0, len(codes), 1000):
            taken += link.taken_codes(codes[start : start + 1000])
        ours = {str(c) for c in taken} - _pushed_by_us(sessions, taken)
        if given and not hello.get("events_upto"):
            ours |= _held(sessions, link.claim(given, False))
        if ours:
            _refuse(ours)
        hello = link.bind(str(here.id), here.name)
        if given and not hello.get("events_upto"):
            held = _held(sessions, link.claim(given, True))
            if held:  # another desk took one of them between the two calls
                _refuse(held)
    state.save_url(db_url, url)
    with unit_of_work(sessions, write=True) as session:
        desk.local_desk(session).name = str(hello["name"])[:200]
        state.put(session, "server", state.shown(url))
        state.put(session, "agency", hello.get("agency"))
        numbers.set_aside_taken(session, today)
    return {"desk": hello["name"], "server": state.shown(url), "agency": hello.get("agency")}


def _same_agency(session: Session, server_agency: str) -> None:
    """A desk whose dossiers belong to another agency than the server gives its account
    would send them all to be refused: it is told now, and nothing changes."""
    mine = set(
        session.scalars(
            select(Agency.code).join(Dossier, Dossier.agency_id == Agency.id).distinct()
        )
    )
    if mine and mine != {server_agency}:
        raise JoinRefused(
            f"Không tham gia máy chủ: tài khoản này là của cơ quan {server_agency}"
            f", còn hồ sơ của bàn này thuộc {', '.join(sorted(mine))}. Hãy xin "
            "quản trị URL của đúng cơ quan; bàn chưa thay đổi gì."
        )


def _refuse(codes: set[str]) -> None:
    shown = ", ".join(sorted(codes)[:20]) + ("…" if len(codes) > 20 else "")
    raise JoinRefused(
        f"Không tham gia máy chủ: {len(codes)} mã hồ sơ của bàn này đã được "
        f"cấp hoặc giữ cho bàn khác trên máy chủ ({shown}). Văn phòng cần quyết "
        "định trước; bàn chưa thay đổi gì."
    )


def _given_alone(session: Session, today: date) -> dict[str, int]:
    """The numbers this desk gave from its own counter, every day: {day: last}."""
    return {
        day.isoformat(): int(last)
        for day, last in session.execute(
            select(DossierCounter.day, DossierCounter.last_seq).where(
                DossierCounter.last_seq > 0, DossierCounter.day <= today + timedelta(days=14)
            )
        )
    }


def _held(sessions: sessionmaker[Session], answer: dict[str, Any]) -> set[str]:
    """The codes of this desk's own dossiers among the numbers another desk holds."""
    held = answer.get("held") or []
    if not held:
        return set()
    with unit_of_work(sessions) as session:
        agency = desk.desk_agency(session, None)
        wanted = {
            format_code(
                agency.code_pattern, agency.code, date.fromisoformat(h["day"]), int(h["number"])
            )
            for h in held
        }
        return set(session.scalars(select(Dossier.code).where(Dossier.code.in_(wanted))))


def _pushed_by_us(sessions: sessionmaker[Session], codes: list[str]) -> set[str]:
    """Codes the server has because this very desk pushed them (joining again)."""
    with unit_of_work(sessions) as session:
        return {
            code
            for code, status in session.execute(
                select(Dossier.code, Event.server_status)
                .join(Event, Event.dossier_id == Dossier.id)
                .where(
                    Dossier.code.in_(codes),
                    Event.kind == "received",
                    Event.server_status == "applied",
                )
            )
        }


@dataclass(frozen=True)
class Conflict:
    code: str
    event: str
    reason: str
    server_status: str
    at: str
    resolved: bool  # the officer acted on the dossier since


def conflicts(session: Session) -> list[Conflict]:
    here = desk.local_desk(session).id
    rows = session.execute(
        select(
            Dossier.id,
            Dossier.code,
            Dossier.status,
            Event.kind,
            Event.server_reason,
            Event.at,
            Event.desk_seq,
        )
        .join(Event, Event.dossier_id == Dossier.id)
        .where(Event.desk_id == here, Event.server_status == "rejected")
        .order_by(Event.at)
    ).all()
    found = []
    for dossier_id, code, status, kind, reason, at, seq in rows:
        later = session.scalar(
            select(func.count())
            .select_from(Event)
            .where(
                Event.dossier_id == dossier_id,
                Event.desk_id == here,
                Event.desk_seq > seq,
                Event.kind.not_in(("note", "printed")),
            )
        )
        found.append(
            Conflict(code, kind, server_reason(reason), status, at.isoformat(), bool(later))
        )
    return found


def status(session: Session, db_url: str, today: date) -> dict[str, Any]:
    url = state.load_url(db_url)
    here = desk.local_desk(session).id
    reserve = {
        str(day): int(n)
        for day, n in session.execute(
            select(CodeNumber.day, func.count())
            .where(CodeNumber.state == "free", CodeNumber.day >= today)
            .group_by(CodeNumber.day)
            .order_by(CodeNumber.day)
        )
    }
    return {
        "server": state.shown(url) if url else None,
        "pending": outbox.pending(session, here, state.get(session, "events_upto", 0)),
        "last_sync_at": state.get(session, "last_sync_at"),
        "reserve": reserve,
        "conflicts": sum(1 for c in conflicts(session) if not c.resolved),
        "documents": {"waiting": documents.waiting(session)},
        "last_error": state.get(session, "last_error"),
    }


def label(status_value: str) -> str:
    return STATUS_LABELS.get(Status(status_value), status_value)
