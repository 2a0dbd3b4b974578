"""Reading roles for the leader's reports (SQL 0025): `server add-reader NAME --agency
CODE` makes a login role, member of counter_reader, confined to its agency by the same
row-level security as a desk, read-only, and prints its URL once, as add-desk does. The
desks give that URL as COUNTER_APP_REPORT_URL (most often a replica's host:port)."""

from __future__ import annotations

import re
import secrets
import uuid
from urllib.parse import quote

from counter_app.errors import ValidationError
from counter_app.sync.server import _DESK_NAME, ServerError, connect, lock_role


def add_reader(admin_url: str, name: str, agency_code: str, host: str | None = None) -> str:
    """The role and its URL (the password, generated, is shown this once, kept nowhere)."""
    name = name.strip()
    if not _DESK_NAME.fullmatch(name):
        raise ValidationError(
            "Tên tài khoản đọc báo cáo gồm 1–60 chữ cái không dấu, chữ số, khoảng trắng, "
            "dấu chấm, gạch dưới hoặc gạch ngang.",
            "name",
        )
    code = agency_code.strip().upper()
    password = secrets.token_urlsafe(24)
    from psycopg import sql

    with connect(admin_url) as db:
        if db.execute("SELECT to_regclass('counter.readers')").fetchone()[0] is None:
            raise ServerError(
                "Máy chủ chưa có tài khoản đọc báo cáo: chạy counter-app server init để "
                "nâng cấp lược đồ."
            )
        # roles are the cluster's: the database's name keeps two offices apart
        role = "counter_read_" + re.sub(r"[^0-9a-z]+", "_", f"{db.info.dbname}_{name}".lower())
        role = role.strip("_")[:63]
        agency = db.execute("SELECT id FROM counter.agencies WHERE code = %s", (code,)).fetchone()
        if agency is None:
            raise ServerError(
                f"Máy chủ chưa có cơ quan '{code}': công bố danh mục trước (server catalog import)."
            )
        taken = db.execute(
            "SELECT 1 FROM counter.readers WHERE name = %s OR role_name = %s "
            "UNION ALL SELECT 1 FROM pg_roles WHERE rolname = %s",
            (name, role, role),
        ).fetchone()
        if taken:
            raise ServerError(f"Đã có tài khoản đọc báo cáo tên '{name}' trên máy chủ.")
        db.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE counter_reader").format(
                sql.Identifier(role), sql.Literal(password)
            )
        )
        for setting, value in (
            ("default_transaction_read_only", "on"),
            ("idle_in_transaction_session_timeout", "5min"),
        ):
            db.execute(
                sql.SQL("ALTER ROLE {} SET {} = {}").format(
                    sql.Identifier(role), sql.Identifier(setting), sql.Literal(value)
                )
            )
        db.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                sql.Identifier(db.info.dbname), sql.Identifier(role)
            )
        )
        db.execute(
            "INSERT INTO counter.readers (id, name, role_name, agency_id) VALUES (%s, %s, %s, %s)",
            (uuid.uuid4(), name, role, agency[0]),
        )
        where = host or f"{db.info.host}:{db.info.port}"
        database = db.info.dbname
    return f"postgresql://{quote(role)}:{quote(password)}@{where}/{quote(database)}"


def remove_reader(admin_url: str, name: str) -> None:
    """The reader can no longer log in, and a session it still holds on this server ends;
    a session open on a replica sees nothing more once the change has replayed there
    (session_agency() asks for an active reader)."""
    name = name.strip()
    missing = f"Không có tài khoản đọc báo cáo tên '{name}' trên máy chủ."
    with connect(admin_url) as db:
        if db.execute("SELECT to_regclass('counter.readers')").fetchone()[0] is None:
            raise ServerError(missing)
        role = lock_role(db, "readers", name, missing)
        db.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = %s", (role,)
        )
