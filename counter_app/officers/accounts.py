"""Officers as an administrator manages them: add, list, disable, enable, new password.

The first officer added must be an administrator: from then on the database needs a
login. An officer is never deleted (history keeps their name); a disabled one can no
longer log in or act. The last active administrator cannot be disabled, and every
change is in the audit trail (without the password, of course).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, Role, require
from counter_app.audit import trail
from counter_app.errors import ValidationError
from counter_app.models import Officer, catalog_id
from counter_app.officers import passwords
from counter_app.text import clean

USERNAME_MAX = 60


@dataclass(frozen=True)
class OfficerView:
    username: str
    name: str
    role: str | None
    active: bool


def login_required(session: Session) -> bool:
    """True once the database has an administrator: every action needs a login."""
    return bool(
        session.scalar(
            select(exists().where(Officer.role == Role.ADMIN, Officer.password_hash.is_not(None)))
        )
    )


def check_username(value: str) -> str:
    username = value.strip().lower()
    if (
        not username
        or len(username) > USERNAME_MAX
        or not all(ch.isascii() and (ch.isalnum() or ch in "._-") for ch in username)
    ):
        raise ValidationError(
            "Tên đăng nhập gồm 1–60 chữ cái không dấu, chữ số, dấu chấm, "
            "gạch dưới hoặc gạch ngang.",
            "username",
        )
    return username


def check_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        roles = ", ".join(r.value for r in Role)
        raise ValidationError(f"Vai trò phải là một trong: {roles}.", "role") from None


def _find(session: Session, username: str) -> Officer:
    officer = session.scalars(
        select(Officer).where(Officer.username == check_username(username))
    ).first()
    if officer is None:
        raise ValidationError(f"Không có cán bộ '{check_username(username)}'.", "username")
    return officer


def add(
    session: Session,
    actor: Actor,
    username: str,
    name: str,
    role: str,
    password: str,
    now: datetime,
) -> OfficerView:
    first = not login_required(session)
    if not first:
        require(actor, Permission.OFFICERS)
    username, wanted = check_username(username), check_role(role)
    if first and wanted != Role.ADMIN:
        raise ValidationError(
            "Cán bộ đầu tiên phải là quản trị (--role admin): từ đó bàn tiếp nhận cần đăng nhập.",
            "role",
        )
    full_name = clean(name)
    if not full_name or len(full_name) > 200:
        raise ValidationError("Họ tên cán bộ gồm 1–200 ký tự.", "name")
    from counter_app.printing.fonts import check_printable  # reportlab: not on the way to
    # the desk's first list, which imports this module (officers.session)

    check_printable(full_name, "name", "Họ tên cán bộ")
    officer = session.scalars(select(Officer).where(Officer.username == username)).first()
    if officer is not None and officer.password_hash:
        raise ValidationError(f"Đã có cán bộ '{username}'.", "username")
    if officer is None:  # a name recorded before login existed keeps its history
        # the same name, the same identity on every desk of an office
        officer = Officer(id=catalog_id("officer", username), username=username, active=True)
        session.add(officer)
    officer.full_name, officer.role, officer.active = full_name, wanted, True
    officer.password_hash, officer.changed_at = passwords.hash_password(password), now
    officer.sync_pending = True  # to the office server at the next sync
    session.flush()
    _audit(session, actor, officer, "added", now)
    return view(officer)


def officers(session: Session, actor: Actor) -> list[OfficerView]:
    require(actor, Permission.OFFICERS)
    return [view(o) for o in session.scalars(select(Officer).order_by(Officer.username))]


def set_active(
    session: Session, actor: Actor, username: str, active: bool, now: datetime
) -> OfficerView:
    require(actor, Permission.OFFICERS)
    officer = _find(session, username)
    if (
        not active
        and officer.role == Role.ADMIN
        and officer.active
        and _active_admins(session) <= 1
    ):
        raise ValidationError("Không thể khoá quản trị viên cuối cùng đang hoạt động.", "username")
    officer.active, officer.changed_at, officer.sync_pending = active, now, True
    officer.failed_logins, officer.locked_until = 0, None
    _audit(session, actor, officer, "enabled" if active else "disabled", now)
    return view(officer)


def set_password(
    session: Session, actor: Actor, username: str, password: str, now: datetime
) -> OfficerView:
    """An administrator resets anyone's password; an officer may change their own."""
    officer = _find(session, username)
    if officer.id != actor.officer_id:
        require(actor, Permission.OFFICERS)
    if not officer.role:
        raise ValidationError(
            f"Cán bộ '{officer.username}' chưa có vai trò: dùng officer add để cấp tài khoản.",
            "username",
        )
    officer.password_hash, officer.changed_at = passwords.hash_password(password), now
    officer.failed_logins, officer.locked_until, officer.sync_pending = 0, None, True
    _audit(session, actor, officer, "password", now)
    return view(officer)


def _active_admins(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(Officer)
            .where(Officer.role == Role.ADMIN, Officer.active.is_(True))
        )
        or 0
    )


def _audit(session: Session, actor: Actor, officer: Officer, change: str, now: datetime) -> None:
    trail.record(
        session,
        actor.desk_id,
        trail.Who(actor.officer_id, actor.officer),
        trail.Action.OFFICER,
        now,
        detail={"change": change, "officer": officer.username, "role": officer.role},
    )


def view(officer: Officer) -> OfficerView:
    return OfficerView(officer.username, officer.full_name, officer.role, officer.active)
