"""The office's officers, managed on its server with the administrator's URL: added, given a
new password, disabled or enabled; every desk of the agency pulls them at its next sync (the
first administrator turns login on at every desk). A desk's own credentials can write no
officer (SQL 0016), so one desk's password in the wrong hands takes no agency over.

Each officer gets an identity of its own agency (two agencies may each have a `hoa`). The
password is hashed here (Argon2id, as at a desk) and only its hash reaches the server.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.errors import ValidationError
from counter_app.models.base import catalog_id
from counter_app.officers import passwords
from counter_app.officers.accounts import check_role, check_username
from counter_app.sync.server import ServerError, connect
from counter_app.text import clean


@dataclass(frozen=True)
class OfficeOfficer:
    username: str
    name: str
    role: str | None
    active: bool
    agency: str


def refuse_at_a_joined_desk(db_url: str) -> None:
    """Officers of a desk that joined an office server are the office's: changed on the
    server (`server officer …`), never at one desk."""
    from counter_app.sync.reception import joined

    if joined(db_url):
        raise ValidationError(
            "Bàn này đã tham gia máy chủ văn phòng: cán bộ do quản trị văn "
            "phòng quản lý trên máy chủ (counter-app server officer add|"
            "passwd|disable|enable … --admin-url URL), các bàn nhận ở lần "
            "đồng bộ tới.",
            "officer",
        )


def officer_id(agency_code: str, username: str) -> uuid.UUID:
    return catalog_id("officer", agency_code, username)


def add(
    admin_url: str,
    agency_code: str,
    username: str,
    name: str,
    role: str,
    password: str,
    now: datetime,
) -> OfficeOfficer:
    username, wanted = check_username(username), check_role(role)
    full_name = clean(name)
    if not full_name or len(full_name) > 200:
        raise ValidationError("Họ tên cán bộ gồm 1–200 ký tự.", "name")
    hashed = passwords.hash_password(password)
    with connect(admin_url) as db:
        agency_id, agency = _agency(db, agency_code)
        if db.execute(
            "SELECT 1 FROM counter.officers WHERE agency_id = %s AND username = %s "
            "AND password_hash IS NOT NULL",
            (agency_id, username),
        ).fetchone():
            raise ServerError(f"Cơ quan {agency} đã có cán bộ '{username}' trên máy chủ.")
        db.execute(
            "INSERT INTO counter.officers (id, username, full_name, active, role, "
            "password_hash, changed_at, agency_id) VALUES (%s, %s, %s, true, %s, %s, "
            "%s, %s) ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name, "
            "active = true, role = excluded.role, password_hash = "
            "excluded.password_hash, changed_at = excluded.changed_at",
            (
                officer_id(agency, username),
                username,
                full_name,
                wanted.value,
                hashed,
                now,
                agency_id,
            ),
        )
    return OfficeOfficer(username, full_name, wanted.value, True, agency)


def change(
    admin_url: str,
    agency_code: str,
    username: str,
    now: datetime,
    *,
    password: str | None = None,
    active: bool | None = None,
) -> OfficeOfficer:
    username = check_username(username)
    hashed = passwords.hash_password(password) if password is not None else None
    with connect(admin_url) as db:
        agency_id, agency = _agency(db, agency_code)
        row = db.execute(
            "UPDATE counter.officers SET password_hash = coalesce(%s, "
            "password_hash), active = coalesce(%s, active), changed_at = %s WHERE "
            "agency_id = %s AND username = %s RETURNING full_name, role, active",
            (hashed, active, now, agency_id, username),
        ).fetchone()
        if row is None:
            raise ServerError(f"Cơ quan {agency} không có cán bộ '{username}' trên máy chủ.")
    return OfficeOfficer(username, row[0], row[1], bool(row[2]), agency)


def _agency(db: Any, code: str) -> tuple[Any, str]:
    code = code.strip().upper()
    row = db.execute("SELECT id FROM counter.agencies WHERE code = %s", (code,)).fetchone()
    if row is None:
        raise ServerError(
            f"Máy chủ chưa có cơ quan '{code}': công bố danh mục trước (server catalog import)."
        )
    return row[0], code
