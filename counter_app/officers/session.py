"""An officer signed in at a desk (the desk window or one `counter-app` command), and the
units of work they act and read in.

Every action runs as the signed-in officer, re-checked at each unit of work (an officer
disabled meanwhile can no longer act). An action the role does not allow writes nothing
but its refusal in the audit trail. Reading a citizen's personal data is recorded too.
Five failed logins lock that username for five minutes. A refused login says the same
whatever was wrong (docs/cli.md, "Login").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Permission, require
from counter_app.audit import trail
from counter_app.db import read_only, unit_of_work
from counter_app.errors import DatabaseTrouble, LoginRefused, PermissionDenied
from counter_app.models import Officer
from counter_app.officers import passwords
from counter_app.officers.accounts import check_username, login_required
from counter_app.officers.signed import SignedIn
from counter_app.services import desk

T = TypeVar("T")
MAX_FAILURES = 5
LOCK_MINUTES = 5
# One refusal for an unknown name, a wrong password, a locked name and a disabled officer
# with a wrong password, so that a login never tells which user names exist. It names the
# lock for everyone, since only the real officer's name is in fact locked.
REFUSED = (
    f"Sai tên đăng nhập hoặc mật khẩu. Sau {MAX_FAILURES} lần sai liên tiếp, tên "
    f"đăng nhập bị tạm khoá {LOCK_MINUTES} phút."
)
DISABLED = "Tài khoản cán bộ này đã bị khoá; liên hệ quản trị."


@dataclass(frozen=True)
class Place:
    """Where the work is done: the database and the desk's settings."""

    sessions: sessionmaker[Session]
    agency_code: str | None = None
    officer: str = "motcua"  # the desk's officer by name, before login exists
    officer_name: str | None = None


def needs_login(place: Place) -> bool:
    with unit_of_work(place.sessions) as session:
        return login_required(session)


def unsigned(place: Place) -> SignedIn:
    """The desk's officer by name (a database without login)."""
    return SignedIn(None, place.officer, place.officer_name or "")


def sign_in(place: Place, username: str, password: str, now: datetime) -> SignedIn:
    """Check the password; a failure is counted and audited (committed) before the
    refusal is raised, and never says which of name or password was wrong."""
    with unit_of_work(place.sessions, write=True) as session:
        signed, refusal = _attempt(session, username, password, now)
    if refusal:
        raise LoginRefused(refusal)
    assert signed is not None
    return signed


def _attempt(
    session: Session, username: str, password: str, now: datetime
) -> tuple[SignedIn | None, str | None]:
    here = desk.local_desk(session).id
    try:
        name = check_username(username)
    except Exception:
        name = ""
    officer = session.scalars(select(Officer).where(Officer.username == name)).first()
    if officer is None or not officer.password_hash:
        passwords.verify(passwords.dummy_hash(), password)  # the same time as a real check
        trail.record(
            session,
            here,
            trail.Who(None, name or "?"),
            trail.Action.LOGIN_FAILED,
            now,
            outcome="refused",
        )
        return None, REFUSED
    who = trail.Who(officer.id, officer.username)
    proved = passwords.verify(officer.password_hash, password)  # locked too: the same time
    if officer.locked_until and officer.locked_until > now:
        trail.record(
            session,
            here,
            who,
            trail.Action.LOGIN_FAILED,
            now,
            outcome="refused",
            detail={"locked": True},
        )
        return None, REFUSED
    if not proved:
        officer.failed_logins += 1
        if officer.failed_logins >= MAX_FAILURES:
            officer.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            officer.failed_logins = 0
        trail.record(session, here, who, trail.Action.LOGIN_FAILED, now, outcome="refused")
        return None, REFUSED
    if not officer.active:  # told only to whom proved the password
        trail.record(
            session,
            here,
            who,
            trail.Action.LOGIN_FAILED,
            now,
            outcome="refused",
            detail={"disabled": True},
        )
        return None, DISABLED
    if passwords.needs_rehash(officer.password_hash):
        officer.password_hash = passwords.HASHER.hash(password)
    officer.failed_logins, officer.locked_until = 0, None
    trail.record(session, here, who, trail.Action.LOGIN, now)
    return SignedIn(officer.id, officer.username, officer.full_name, officer.role), None


def sign_out(place: Place, signed: SignedIn, now: datetime, why: str = trail.Action.LOGOUT) -> None:
    if signed.officer_id is None:
        return
    with unit_of_work(place.sessions, write=True) as session:
        trail.record(
            session,
            desk.local_desk(session).id,
            trail.Who(signed.officer_id, signed.username),
            why,
            now,
        )


def actor_of(session: Session, place: Place, signed: SignedIn, need_agency: bool = True) -> Actor:
    """The actor of one unit of work, checked again against the database."""
    if signed.officer_id is None:
        return desk.actor(
            session, place.officer, place.agency_code, place.officer_name, need_agency
        )
    officer = session.get(Officer, signed.officer_id)
    if officer is None or not officer.active or not officer.role:
        raise LoginRefused("Tài khoản cán bộ này không còn hoạt động; đăng nhập lại.")
    return Actor(
        desk.local_desk(session).id,
        officer.id,
        officer.username,
        desk.agency_id(session, place.agency_code, need_agency),
        officer.role,
    )


def act(
    place: Place,
    signed: SignedIn,
    work: Callable[[Session, Actor], T],
    now: Callable[[], datetime],
    code: str | None = None,
    need_agency: bool = True,
) -> T:
    """One writing unit of work as the signed-in officer. Refused by the role: nothing of
    it is written, and the refusal is recorded in a unit of work of its own."""
    try:
        with unit_of_work(place.sessions, write=True) as session:
            return work(session, actor_of(session, place, signed, need_agency))
    except PermissionDenied as denied:
        with unit_of_work(place.sessions, write=True) as session:
            who = actor_of(session, place, signed, need_agency=False)
            trail.record(
                session,
                who.desk_id,
                trail.Who(who.officer_id, who.officer),
                trail.Action.REFUSED,
                now(),
                code=code,
                outcome="refused",
                detail={"permission": denied.permission},
            )
        raise


def look(
    place: Place,
    signed: SignedIn,
    work: Callable[[Session, Actor], T],
    now: Callable[[], datetime],
    action: str = trail.Action.VIEW,
    code: Callable[[T], str | None] | None = None,
    detail: Callable[[T], dict[str, object]] | None = None,
    unrecorded: Callable[[], None] | None = None,
) -> T:
    """Read what shows citizens' personal data, and record that it was shown: who, when,
    which dossier (or how many rows), never the data itself. On a database that can only
    be read, nothing can be recorded: without login the read goes on and `unrecorded` is
    told; with login it is refused (what is shown there must be answerable)."""
    if read_only(place.sessions):
        return _look_unrecorded(place, signed, work, unrecorded)

    def read(session: Session, who: Actor) -> T:
        require(who, Permission.READ_DOSSIERS)
        found = work(session, who)
        trail.record(
            session,
            who.desk_id,
            trail.Who(who.officer_id, who.officer),
            action,
            now(),
            code=code(found) if code else None,
            detail=detail(found) if detail else None,
        )
        return found

    return act(place, signed, read, now, need_agency=False)


def _look_unrecorded(
    place: Place,
    signed: SignedIn,
    work: Callable[[Session, Actor], T],
    unrecorded: Callable[[], None] | None,
) -> T:
    with unit_of_work(place.sessions) as session:
        if login_required(session):
            raise DatabaseTrouble(
                "Cơ sở dữ liệu chỉ đọc được: không ghi được nhật ký truy cập nên không hiện "
                "dữ liệu cá nhân. Hãy mở bản có quyền ghi."
            )
        reader = Actor(desk.NO_AGENCY, desk.NO_AGENCY, signed.username, desk.NO_AGENCY, None)
        found = work(session, reader)
    if unrecorded is not None:
        unrecorded()
    return found
