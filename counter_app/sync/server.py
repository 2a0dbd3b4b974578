"""The office server, as its administrator sets it up from any desk PC: the schema and
functions (versioned SQL files beside this module), the catalog published, desks added
and removed. No program of ours runs on the server: this talks to it over SQL.
"""

from __future__ import annotations

import re
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app.errors import RefusedInput, ValidationError

SQL = Path(__file__).with_name("sql")
EVENT_SCHEMAS = "1"  # the desks' event schema versions this server takes (comma-separated)
_DESK_NAME = re.compile(r"[0-9A-Za-z][0-9A-Za-z ._-]{0,59}")


class ServerError(RefusedInput):
    """The server refused (wrong administrator URL, a desk that exists…)."""


@dataclass(frozen=True)
class Installed:
    version: int
    applied: list[str]


def scripts() -> list[tuple[int, Path]]:
    return sorted((int(p.name.split("_", 1)[0]), p) for p in SQL.glob("[0-9]*_*.sql"))


def connect(url: str, **options: Any) -> Any:
    """A psycopg connection from a URL (postgresql:// or postgresql+psycopg://)."""
    import psycopg

    plain = re.sub(r"^postgresql\+\w+://", "postgresql://", url.strip())
    if not plain.startswith(("postgresql://", "postgres://")):
        raise ValidationError(
            "Cần URL của máy chủ PostgreSQL: postgresql://NGƯỜI:MẬT_KHẨU@MÁY:CỔNG/CSDL.", "url"
        )
    options.setdefault("connect_timeout", 5)
    return psycopg.connect(plain, **options)


def install(admin_url: str) -> Installed:
    """Create or upgrade the central schema; safe to run again (each file once, in order,
    in one transaction with the version it brings)."""
    applied = []
    with connect(admin_url) as db:
        db.execute("SELECT pg_advisory_xact_lock(hashtext('counter-app server init'))")
        version = _version(db)
        for number, path in scripts():
            if number <= version:
                continue
            db.execute(path.read_text(encoding="utf-8"))
            _set(db, "schema_version", str(number))
            applied.append(path.name)
            version = number
        _same_cluster_or_new_epoch(db)
        _set(db, "event_schemas", EVENT_SCHEMAS)
        # the desks' right to this database of their own, so that the office may take
        # PUBLIC's away from every database (docs/office-server.md, section 4)
        from psycopg import sql

        db.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO counter_desk").format(
                sql.Identifier(db.info.dbname)
            )
        )
        db.execute(
            "GRANT EXECUTE ON FUNCTION counter.hello(), counter.push(jsonb), "
            "counter.pull(jsonb, integer), counter.lease(date, integer), "
            "counter.bind_desk(uuid, text), counter.taken_codes(text[]), "
            "counter.dossiers_by_id(uuid[]), counter.reserve(date, integer), "
            "counter.claim(jsonb, boolean) TO counter_desk"
        )
    return Installed(version, applied)


def _same_cluster_or_new_epoch(db: Any) -> None:
    """The feed's epoch names this cluster and timeline: a restore into a new cluster, or
    onto another timeline (an older backup, a failover that lost transactions), gets its
    rows re-stamped and a new epoch, so that desks pull everything again (they keep what
    they have) and nothing restored is held back. Run `server init` after any restore."""
    system, timeline = db.execute(
        "SELECT s.system_identifier::text, c.timeline_id FROM pg_control_system() s, "
        "pg_control_checkpoint() c"
    ).fetchone()
    here = f"{system}/{timeline}"
    if _get(db, "feed_epoch") is not None and _get(db, "cluster") == here:
        return
    if _get(db, "cluster") is not None:
        db.execute("SELECT counter.restamp()")
    _set(db, "cluster", here)
    _set(db, "feed_epoch", str(uuid.uuid4()))


def _version(db: Any) -> int:
    exists = db.execute("SELECT to_regclass('counter.meta')").fetchone()[0]
    if exists is None:
        return 0
    value = _get(db, "schema_version")
    return int(value) if value else 0


def _get(db: Any, key: str) -> str | None:
    row = db.execute("SELECT value FROM counter.meta WHERE key = %s", (key,)).fetchone()
    return None if row is None else str(row[0])


def _set(db: Any, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO counter.meta (key, value) VALUES (%s, %s) ON CONFLICT (key) "
        "DO UPDATE SET value = excluded.value",
        (key, value),
    )


def publish_catalog(admin_url: str, data: Any, now: datetime) -> Any:
    """The catalog file imported on the server, as a desk imports it (the same code, the
    same identifiers), then handed to the desks at their next pull."""
    from sqlalchemy import create_engine

    from counter_app.db import session_factory, unit_of_work
    from counter_app.services.catalog import catalog

    engine = create_engine(
        _sqlalchemy_url(admin_url), execution_options={"schema_translate_map": {None: "counter"}}
    )
    try:
        with unit_of_work(session_factory(engine), write=True) as session:
            # a server holds every agency of the office or province: no "one agency" rule
            code = data.get("agency", {}).get("code") if isinstance(data, dict) else None
            report = catalog.import_catalog(session, data, now, desk_agency=str(code or "-"))
            session.connection().exec_driver_sql(
                "INSERT INTO counter.meta (key, value) VALUES ('catalog_rev', '1') ON CONFLICT "
                "(key) DO UPDATE SET value = (counter.meta.value::int + 1)::text"
            )
        return report
    finally:
        engine.dispose()


def _sqlalchemy_url(url: str) -> str:
    return re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql+psycopg://", url.strip())


def add_desk(admin_url: str, name: str, agency_code: str, host: str | None = None) -> str:
    """A login role of the desk's own, member of counter_desk, confined to its agency; the
    URL it joins with (the password, generated, is shown this once and kept nowhere)."""
    name = name.strip()
    if not _DESK_NAME.fullmatch(name):
        raise ValidationError(
            "Tên bàn gồm 1–60 chữ cái không dấu, chữ số, khoảng trắng, dấu "
            "chấm, gạch dưới hoặc gạch ngang.",
            "name",
        )
    password = secrets.token_urlsafe(24)
    with connect(admin_url) as db:
        # roles are the cluster's: the database's name keeps two offices apart
        role = "counter_" + re.sub(r"[^0-9a-z]+", "_", f"{db.info.dbname}_{name}".lower())
        role = role.strip("_")[:63]
        agency = db.execute(
            "SELECT id FROM counter.agencies WHERE code = %s", (agency_code.strip().upper(),)
        ).fetchone()
        if agency is None:
            raise ServerError(
                f"Máy chủ chưa có cơ quan '{agency_code.strip().upper()}': "
                "công bố danh mục trước (server catalog import)."
            )
        taken = db.execute(
            "SELECT 1 FROM counter.desks WHERE name = %s OR role_name = %s", (name, role)
        ).fetchone()
        if taken:
            raise ServerError(f"Đã có bàn tên '{name}' trên máy chủ.")
        from psycopg import sql

        db.execute(
            sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE counter_desk").format(
                sql.Identifier(role), sql.Literal(password)
            )
        )
        for setting, value in (
            ("statement_timeout", "30s"),
            ("idle_in_transaction_session_timeout", "30s"),
        ):
            db.execute(
                sql.SQL("ALTER ROLE {} SET {} = {}").format(
                    sql.Identifier(role), sql.Identifier(setting), sql.Literal(value)
                )
            )
        db.execute(
            "INSERT INTO counter.desks (id, name, role_name, agency_id) VALUES (%s, %s, %s, %s)",
            (uuid.uuid4(), name, role, agency[0]),
        )
        where = host or f"{db.info.host}:{db.info.port}"
        database = db.info.dbname
    from urllib.parse import quote

    return f"postgresql://{quote(role)}:{quote(password)}@{where}/{quote(database)}"


def remove_desk(admin_url: str, name: str) -> None:
    """The desk can no longer log in or sync; its records stay."""
    with connect(admin_url) as db:
        lock_role(db, "desks", name.strip(), f"Không có bàn tên '{name.strip()}' trên máy chủ.")


def lock_role(db: Any, table: str, name: str, missing: str) -> str:
    """The login role of the row `name` of counter.<table> (desks, readers) can no longer
    log in and the row is inactive; its role's name. `missing`: the error when there is
    no such row."""
    from psycopg import sql

    row = db.execute(
        sql.SQL("SELECT role_name FROM counter.{} WHERE name = %s").format(sql.Identifier(table)),
        (name,),
    ).fetchone()
    if row is None:
        raise ServerError(missing)
    db.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(row[0])))
    db.execute(
        sql.SQL("UPDATE counter.{} SET active = false WHERE name = %s").format(
            sql.Identifier(table)
        ),
        (name,),
    )
    return str(row[0])
