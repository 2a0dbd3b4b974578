"""The leader's figures from the office's reporting replica (COUNTER_APP_REPORT_URL,
docs/province-cluster.md "Replicas for reports"), through a reading role made by `server
add-reader` — never a desk's role, never the administrator's.

The office keeps the dossiers and their events, not the desks' report facts: in one
REPEATABLE READ, READ ONLY transaction on the replica this copies the agency's dossiers
and counted events (row-level security gives the role nothing else) with the catalog into
an in-memory desk database, folds the facts there with the desks' own code
(facts/rebuild.py), and the report runs on that as on a desk. The same transaction reads
the replication lag, so the figures and the lag shown are of one moment."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    MetaData,
    String,
    Table,
    column,
    create_engine,
    insert,
    literal,
    select,
    text,
    type_coerce,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool, StaticPool

from counter_app.errors import ConfigurationError, CounterError, RefusedInput
from counter_app.facts.fold import COUNTED, COUNTS, DOSSIERS, PAUSES, STEPS
from counter_app.models import Agency, Dossier, Event, Procedure, ProcedureVersion, Unit

BATCH = 5000
CATALOG = (Agency, Procedure, ProcedureVersion)
# what the fold reads of a dossier and of an event (facts/rebuild.py), and what the
# dashboard lists of the dossiers behind a bar (reports/dashboard.py): nothing else crosses
FOLD_COLUMNS = {
    "dossiers": ("id", "agency_id", "procedure_version_id", "channel", "original_due_at")
    + ("code", "applicant_name", "status", "received_at"),
    "events": ("id", "dossier_id", "desk_seq", "kind", "at", "officer_id", "from_unit_id")
    + ("to_unit_id", "data", "server_status"),
}
_LAG = text(
    "SELECT pg_is_in_recovery(), CASE WHEN pg_is_in_recovery() THEN CASE WHEN "
    "pg_last_wal_receive_lsn() IS NOT NULL AND pg_last_wal_receive_lsn() = "
    "pg_last_wal_replay_lsn() THEN 0 ELSE extract(epoch FROM now() - "
    "pg_last_xact_replay_timestamp()) END END, pg_wal_lsn_diff(pg_last_wal_receive_lsn(), "
    "pg_last_wal_replay_lsn())"
)


class ReportSourceRefused(RefusedInput):
    """The report URL is not a reading role of this desk's agency."""


@dataclass(frozen=True)
class Source:
    """Where the figures came from: "desk" (this desk's own database), "replica" or
    "primary" (the office's server through the reading role)."""

    kind: str
    server: str | None = None
    lag_seconds: float | None = None  # replay lag on a replica; None elsewhere
    lag_bytes: int | None = None  # WAL received but not yet replayed

    def json(self) -> dict[str, Any]:
        return {
            "source": self.kind,
            "source_server": self.server,
            "replication_lag_s": self.lag_seconds,
            "replication_lag_bytes": self.lag_bytes,
        }

    def text(self) -> str:
        if self.kind == "desk":
            return "Số liệu từ cơ sở dữ liệu của bàn này."
        if self.kind == "primary":
            return f"Số liệu từ máy chủ chính {self.server} (không phải bản sao)."
        lag = "chưa rõ" if self.lag_seconds is None else f"{self.lag_seconds:.0f} giây"
        return f"Số liệu từ bản sao {self.server}, trễ {lag}."


DESK = Source("desk")


@contextmanager
def snapshot(url: str, agency_code: str) -> Iterator[tuple[Session, Agency, Source]]:
    """A session on the agency's figures copied from the report URL, its agency, and where
    they came from. Refuses a URL that is not a reading role of `agency_code`; a server
    that cannot be reached is a CounterError (exit 1): no silent fallback to other
    figures."""
    from counter_app.facts.rebuild import rebuild
    from counter_app.services.desk import desk_agency
    from counter_app.sync.state import shown

    # a scratch database of the tables the reports read: no foreign keys to the others
    local = create_engine("sqlite://", poolclass=StaticPool, hide_parameters=True)
    try:
        with local.begin() as into:
            tables = _scratch(into)
            source = _copy(url, agency_code, into, shown(url), tables)
            rebuild(into)
        with Session(local) as session:
            yield session, desk_agency(session, agency_code), source
    finally:
        local.dispose()


def _copy(
    url: str, agency_code: str, into: Connection, where: str, tables: dict[str, Table]
) -> Source:
    remote = _engine(url)
    try:
        with remote.connect() as conn:
            conn = conn.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
            with conn.begin():
                _check(conn, agency_code, where)
                replica, lag, behind = conn.execute(_LAG).one()
                agency = conn.execute(
                    select(Agency.id).where(Agency.code == agency_code)
                ).scalar_one()
                _tables(conn, into, agency, tables)
                _units(conn, into, where)
    except DBAPIError as error:
        import psycopg

        if not isinstance(error.orig, psycopg.Error):  # the scratch database's: a bug
            raise
        state = str(getattr(error.orig, "sqlstate", None) or "")
        said = str(error.orig)
        # invalid_authorization: a wrong password or a locked role (libpq's refusal at
        # connection carries no SQLSTATE: its words then)
        if (
            state.startswith("28")
            or "authentication failed" in said
            or "is not permitted to log in" in said  # server remove-reader locked it
        ):
            raise ReportSourceRefused(
                f"Máy chủ báo cáo {where} không nhận tài khoản trong COUNTER_APP_REPORT_URL "
                "(sai mật khẩu hoặc đã bị khoá): hỏi người quản trị URL mới (server add-reader)."
            ) from None
        if state == "40001":  # a standby cancelled the query to replay WAL
            raise CounterError(
                f"Bản sao {where} đã huỷ truy vấn báo cáo để áp dụng dữ liệu mới từ máy "
                "chủ chính; hãy thử lại (người quản trị: hot_standby_feedback, "
                "max_standby_streaming_delay)."
            ) from None
        if state and not state.startswith(("08", "57")):
            raise
        raise CounterError(
            f"Không kết nối được máy chủ báo cáo {where} (COUNTER_APP_REPORT_URL): "
            f"{_reason(error)}. Chưa có số liệu nào được đọc; bỏ COUNTER_APP_REPORT_URL "
            "để xem số liệu của chính bàn này."
        ) from None
    finally:
        remote.dispose()
    kind = "replica" if replica else "primary"
    seconds = None if lag is None else round(float(lag), 1)
    return Source(kind, where, seconds, None if behind is None else int(behind))


def _engine(url: str) -> Engine:
    plain = re.sub(r"^postgres(ql)?(\+\w+)?://", "postgresql+psycopg://", url.strip())
    if not plain.startswith("postgresql+psycopg://"):
        raise ReportSourceRefused(
            "COUNTER_APP_REPORT_URL phải là URL PostgreSQL do server add-reader in ra "
            "(postgresql://…)."
        )
    return create_engine(
        plain,
        poolclass=NullPool,
        hide_parameters=True,
        connect_args={"connect_timeout": 5},
        execution_options={"schema_translate_map": {None: "counter"}},
    )


def _check(conn: Connection, agency_code: str, where: str) -> None:
    try:
        with conn.begin_nested():
            who = conn.execute(text("SELECT counter.session_reader()")).scalar_one()
    except DBAPIError as error:
        state = getattr(error.orig, "sqlstate", None)
        if state == "42883":  # undefined_function: a server before SQL 0025
            raise ConfigurationError(
                f"Máy chủ {where} chưa có tài khoản đọc báo cáo: người quản trị chạy "
                "counter-app server init để nâng cấp lược đồ."
            ) from None
        if state in ("42501", "3F000"):  # no right on the schema: not one of ours
            who = {"kind": None}
        else:
            raise
    if who["kind"] == "desk":
        raise ReportSourceRefused(
            "COUNTER_APP_REPORT_URL là tài khoản của một bàn: báo cáo không bao giờ đọc "
            "bằng tài khoản của bàn. Người quản trị tạo tài khoản đọc báo cáo bằng "
            "counter-app server add-reader TÊN --agency MÃ --admin-url URL."
        )
    if who["kind"] != "reader":
        raise ReportSourceRefused(
            "COUNTER_APP_REPORT_URL không phải tài khoản đọc báo cáo (có thể là tài khoản "
            "quản trị): dùng URL do counter-app server add-reader in ra."
        )
    if who["agency"] != agency_code:
        raise ReportSourceRefused(
            f"Tài khoản đọc báo cáo thuộc cơ quan {who['agency']}, bàn này của "
            f"{agency_code}: dùng tài khoản của {agency_code}."
        )


def _scratch(into: Connection) -> dict[str, Table]:
    """The scratch database's tables, made: the catalog whole, the report facts, and the
    dossiers and events with only the columns the fold reads."""
    from counter_app.models import Base

    whole = [cast(Table, m.__table__) for m in (*CATALOG, Unit)]
    whole += [DOSSIERS, PAUSES, STEPS, COUNTS]
    Base.metadata.create_all(into, tables=whole)
    found = {t.name: t for t in whole}
    narrow = MetaData()
    for model in (Dossier, Event):
        table = cast(Table, model.__table__)
        names = FOLD_COLUMNS[table.name]
        kept = [
            Column(c.name, c.type, primary_key=c.primary_key) for c in table.c if c.name in names
        ]
        found[table.name] = Table(table.name, narrow, *kept)
    narrow.create_all(into)
    return found


def _tables(conn: Connection, into: Connection, agency: Any, tables: dict[str, Table]) -> None:
    """The catalog (the columns the office has: a desk's own bookkeeping columns it lacks
    are left empty), then the agency's dossiers and the events the facts count: found by
    their agency too (for a commune the events_feed index, not a scan of the province's
    events; for a centre of 12 % of them PostgreSQL still scans), only those the server
    applied (a rejected event counts nowhere, as on a desk), without the received event's
    copy of the dossier and its documents (the fold reads neither)."""
    names = [cast(Table, m.__table__).name for m in CATALOG]
    found = conn.execute(
        text(
            "SELECT table_name, column_name FROM information_schema.columns WHERE "
            "table_schema = 'counter' AND table_name = ANY(:names)"
        ),
        {"names": names},
    ).all()
    present = set(found)
    for model in CATALOG:
        table = cast(Table, model.__table__)
        columns = [c for c in table.columns if (table.name, c.name) in present]
        _rows(conn, into, select(*columns), tables[table.name])
    d, e = cast(Table, Dossier.__table__), cast(Table, Event.__table__)
    mine = d.c.agency_id == agency
    _rows(
        conn,
        into,
        select(*(d.c[n] for n in FOLD_COLUMNS["dossiers"])).where(mine),
        tables["dossiers"],
    )
    data = type_coerce(
        e.c.data.op("-")(literal("dossier", String)).op("-")(literal("documents", String)),
        e.c.data.type,
    )
    taken = [e.c[n] for n in FOLD_COLUMNS["events"] if n not in ("data", "server_status")]
    events = select(*taken, data.label("data")).where(
        column("agency_id") == agency,
        e.c.dossier_id.in_(select(d.c.id).where(mine)),
        e.c.kind.in_(sorted(COUNTED)),
        column("status") == "applied",
    )
    _rows(conn, into, events, tables["events"])


def _units(conn: Connection, into: Connection, where: str) -> None:
    """The agency's specialist units, which the dashboard's charts name (SQL 0026: a
    reader is given its agency's units through a function, not the table)."""
    try:
        with conn.begin_nested():
            rows = conn.execute(text("SELECT * FROM counter.reader_units()")).mappings().all()
    except DBAPIError as error:
        if getattr(error.orig, "sqlstate", None) != "42883":  # undefined_function
            raise
        raise ConfigurationError(
            f"Máy chủ {where} chưa cho tài khoản đọc báo cáo xem các bộ phận chuyên môn: "
            "người quản trị chạy counter-app server init để nâng cấp lược đồ."
        ) from None
    if rows:
        into.execute(insert(cast(Table, Unit.__table__)), [dict(r) for r in rows])


def _rows(conn: Connection, into: Connection, query: Any, table: Table) -> None:
    with conn.execute(query, execution_options={"yield_per": BATCH}) as result:
        for part in result.partitions():
            into.execute(insert(table), [row._asdict() for row in part])


def _reason(error: DBAPIError) -> str:
    first = str(error.orig).strip().splitlines()
    return first[0][:200] if first else type(error.orig).__name__
