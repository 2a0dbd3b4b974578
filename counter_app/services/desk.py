"""Who acts and where: the local desk, the officer, and the desk's agency."""

from __future__ import annotations

import re
import uuid

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.calendar import WorkingCalendar, WorkingHours
from counter_app.errors import ConfigurationError, LoginNeeded, ValidationError, quoted
from counter_app.models import Agency, DeclaredDay, Desk, Officer, catalog_id, new_id
from counter_app.services.codes.code_pattern import ANY_CODE, normalise_agency_code
from counter_app.text import clean

DEFAULT_DESK_NAME = "Bàn tiếp nhận 1"
_USERNAME = re.compile(r"[A-Za-z0-9._-]{1,60}")


def local_desk(session: Session) -> Desk:
    desk = session.scalars(select(Desk).where(Desk.is_local.is_(True))).first()
    if desk is None:
        desk = Desk(id=new_id(), name=DEFAULT_DESK_NAME, is_local=True, last_seq=0)
        session.add(desk)
        session.flush()
    return desk


def rename_local_desk(session: Session, name: str, actor: Actor | None = None) -> Desk:
    """Give this desk the name people know it by ("Bàn 2 — Tư pháp"); it is the desk's
    own setting, not a fact about a dossier, so it changes in place. An officer's change
    (`actor`) needs the settings permission."""
    if actor is not None:
        require(actor, Permission.SETTINGS)
    name = clean(name)
    if not name or len(name) > 60:
        raise ValidationError("Tên bàn tiếp nhận phải có từ 1 đến 60 ký tự.", "desk_name")
    desk = local_desk(session)
    desk.name = name
    session.flush()
    return desk


def officer(session: Session, username: str, full_name: str | None = None) -> Officer:
    """The officer with this user name, registered on first use; `full_name` (as printed
    on forms) is recorded when given."""
    username = username.strip()
    if (
        not username
        or len(username) > 60
        or not all(ch.isprintable() and not ch.isspace() for ch in username)
    ):
        shown = quoted(username, _USERNAME)
        raise ValidationError(
            f"Tên đăng nhập cán bộ{' ' + shown if shown else ''} không hợp "
            "lệ: cần 1–60 ký tự, không có dấu cách.",
            "officer",
        )
    found = session.scalars(select(Officer).where(Officer.username == username)).first()
    if found is None:
        found = session.get(Officer, catalog_id("officer", username))
        if found is not None:  # known here by another desk's events before this one acted
            found.username, found.full_name, found.active = username, username, True
        else:
            found = Officer(
                id=catalog_id("officer", username),
                username=username,
                full_name=username,
                active=True,
                sync_pending=True,
            )
            session.add(found)
    if full_name and clean(full_name) and found.full_name != clean(full_name):
        found.full_name = clean(full_name)[:200]
    session.flush()
    return found


def desk_agency(session: Session, agency_code: str | None) -> Agency:
    """The agency this desk receives for: the configured one, or the only active one."""
    query = select(Agency).where(Agency.merged_into_id.is_(None))
    if agency_code:
        query = query.where(Agency.code == normalise_agency_code(agency_code))
    agencies = list(session.scalars(query.limit(2)))
    if not agencies:
        raise ConfigurationError(
            "Chưa có cơ quan nào trong cơ sở dữ liệu: hãy nhập danh mục "
            "(counter-app catalog import TỆP) hoặc chạy counter-app init --demo."
            if not agency_code
            else f"Không có cơ quan mã {quoted(agency_code, ANY_CODE) or 'như vậy'} "
            "(COUNTER_APP_AGENCY)."
        )
    if len(agencies) > 1:
        raise ConfigurationError(
            "Cơ sở dữ liệu có nhiều cơ quan: đặt COUNTER_APP_AGENCY bằng mã cơ quan của bàn này."
        )
    return agencies[0]


def actor(
    session: Session,
    username: str,
    agency_code: str | None,
    full_name: str | None = None,
    need_agency: bool = True,
) -> Actor:
    """The desk's officer by name, on a database without login; once it has an
    administrator, officers act only through counter_app.officers.session."""
    if session.scalar(
        select(exists().where(Officer.role == "admin", Officer.password_hash.is_not(None)))
    ):
        raise LoginNeeded(
            "Cơ sở dữ liệu này nay yêu cầu đăng nhập: cán bộ đăng nhập bằng "
            "tên và mật khẩu của mình rồi làm lại."
        )
    desk = local_desk(session)
    who = officer(session, username, full_name)
    return Actor(
        desk_id=desk.id,
        officer_id=who.id,
        officer=who.username,
        agency_id=agency_id(session, agency_code, need_agency),
    )


NO_AGENCY = uuid.UUID(int=0)  # reading an empty database: nothing belongs to any agency yet


def agency_id(session: Session, agency_code: str | None, needed: bool = True) -> uuid.UUID:
    """The desk's agency; for a read (`needed` False) on a database with no catalog yet,
    NO_AGENCY: the lists are empty, and still shown."""
    try:
        return desk_agency(session, agency_code).id
    except ConfigurationError:
        if needed:
            raise
        return NO_AGENCY


def working_calendar(session: Session, agency: Agency) -> WorkingCalendar:
    days = session.execute(
        select(DeclaredDay.day, DeclaredDay.kind).where(DeclaredDay.agency_id == agency.id)
    ).all()
    return WorkingCalendar(
        WorkingHours.parse(agency.working_hours["periods"]),
        days_off=[d for d, kind in days if kind == "off"],
        working_days=[d for d, kind in days if kind == "working"],
    )
