"""The national portal's messages and the office server (docs/portal.md, "One office, one
sender"): a joined desk hands its messages to the server in the push that carries their
events (server SQL 0021), and the office's one sender drains the server's table.

* `batch`: this desk's messages the office does not have yet, as the desk holds them
  (state, attempts, failure): a desk that sent some itself before joining hands them over
  as sent, and they are not sent again. `acknowledge`: once the server's answer says it
  took them, they become `office` at the desk, in the transaction that records the push
  acknowledged: no longer pending here, never sent from here.
* `office_sessions`: the server's `counter.portal_messages` through the same ORM model, so
  that the sender's claim and settle (portal/outbox.py) run on PostgreSQL unchanged.
* `compact`: the office's messages sent more than 30 days ago give their bodies back (server
  SQL 0027), as a desk's do; the office's sender runs it (`portal send`).
* `designate`: the one desk of an agency that may send its messages (`server
  portal-sender`); every other desk's role may only sync.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Engine, Table, create_engine, exists, select, update
from sqlalchemy.orm import Session, sessionmaker

from counter_app.errors import ConfigurationError, CounterError, RefusedInput
from counter_app.models import Event, PortalMessage
from counter_app.models.portal import is_sent_stub
from counter_app.sync import state
from counter_app.sync.rows import chunks

M = PortalMessage
TABLE = cast(Table, M.__table__)
TO_HAND = ("pending", "sent", "failed", "held")  # states of a message the office lacks
OFFICE = "office"  # handed to the office server: its sender sends it
PAGE = 1000  # messages a push carries (two an event: a page of events' worth)
TAKES = "portal_office"  # sync state: whether the server took the last push's messages
SENDER_ROLE = "counter_portal_sender"


class NotTheSender(RefusedInput):
    """This login may not drain the office's messages: another desk is the sender."""


def _text(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def batch(session: Session, desk_id: uuid.UUID, since: int, upto: int) -> list[dict[str, Any]]:
    """What a push carries: up to PAGE messages of this desk's earlier events (up to
    `since`, what the server holds) that the office does not have yet, then every message
    of the push's own events (after `since`, up to `upto`) whatever their state here: a
    server restored from an older copy lost them with those events, and they go again as
    pending (the gateway takes a repeated message_id as a success)."""
    mine = (
        select(*TABLE.columns)
        .join(Event, Event.id == M.event_id)
        .where(Event.desk_id == desk_id)
        .order_by(M.position)
    )
    earlier = mine.where(M.state.in_(TO_HAND), Event.desk_seq <= since).limit(PAGE)
    pushed = mine.where(Event.desk_seq > since, Event.desk_seq <= upto)
    read = session.connection().execute
    rows = [*read(earlier), *read(pushed)]
    found = [{name: _text(value) for name, value in row._mapping.items()} for row in rows]
    for message in found:  # a body given back (portal/compaction.py) was sent long ago
        if message["state"] == OFFICE:
            message["state"] = "sent" if is_sent_stub(message["body"]) else "pending"
    return found


def acknowledge(session: Session, sent: list[dict[str, Any]], answer: dict[str, Any]) -> bool:
    """Mark what the server took as the office's; False when the server does not take
    messages yet (a server not upgraded: the desk keeps them and says nothing)."""
    taken = answer.get("portal")
    if state.get(session, TAKES, True) != isinstance(taken, dict):
        state.put(session, TAKES, isinstance(taken, dict))
    if not isinstance(taken, dict):
        return False
    unknown = {str(i) for i in taken.get("unknown") or []}
    ids = [uuid.UUID(m["id"]) for m in sent if m["id"] not in unknown]
    for part in chunks(ids):
        session.execute(
            update(M)
            .where(M.id.in_(part))
            .values(state=OFFICE)
            .execution_options(synchronize_session=False)
        )
    return not unknown


def waiting(session: Session, desk_id: uuid.UUID) -> bool:
    """Whether a push would hand a message over (for a sync that has nothing else)."""
    if state.get(session, TAKES, True) is False:  # asked again with the next event's push
        return False
    return bool(
        session.scalar(
            select(
                exists().where(
                    M.state.in_(TO_HAND), M.event_id == Event.id, Event.desk_id == desk_id
                )
            )
        )
    )


def office_sessions(url: str) -> tuple[Engine, sessionmaker[Session]]:
    """Sessions on the office's outbox (schema `counter`) at `url`: a desk's joined URL or
    the administrator's. The connection is made by libpq from the URL as given (several
    hosts, sslrootcert…), as the desk's sync makes it."""
    from counter_app.sync.link import CONNECT_TIMEOUT_S, STATEMENT_TIMEOUT_MS
    from counter_app.sync.server import connect

    engine = create_engine(
        "postgresql+psycopg://",
        creator=lambda: connect(
            url,
            connect_timeout=CONNECT_TIMEOUT_S,
            options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
        ),
        pool_pre_ping=True,
        hide_parameters=True,
        execution_options={"schema_translate_map": {None: "counter"}},
    )
    return engine, sessionmaker(engine, expire_on_commit=False)


COMPACT_CHUNK = 1000  # messages a call of compact_portal looks at, in its own transaction
COMPACT_BUDGET_S = 10.0  # the most a sender's pass gives to it: the sending goes on after


def compact(
    sessions: sessionmaker[Session],
    stop: Callable[[], bool] = lambda: False,
    budget_s: float = COMPACT_BUDGET_S,
) -> int:
    """Give back the bodies of the office's messages sent more than 30 days ago, chunk after
    chunk from where the last call stopped (server SQL 0027), until none is left, `stop()`
    or `budget_s` seconds have gone (the next pass goes on); how many were given back. A
    server from before 0027: `trouble` says to upgrade it."""
    from sqlalchemy import text

    from counter_app.db import unit_of_work

    given, until = 0, time.monotonic() + budget_s
    while not stop() and time.monotonic() < until:
        with unit_of_work(sessions, write=True) as session:
            done = session.execute(
                text("SELECT counter.compact_portal(:most)"), {"most": COMPACT_CHUNK}
            ).scalar_one()
        given += int(done["given"])
        if not done["looked"]:
            break
    return given


def trouble(error: BaseException) -> CounterError | None:
    """What a failure on the office's outbox means, in Vietnamese; None when it is not one
    of the server's (the caller raises it as it is)."""
    from counter_app.sync.reach import cause

    seen: BaseException | None = error
    while seen is not None:
        name = type(seen).__name__
        if type(seen).__module__.startswith("psycopg"):
            if name == "InsufficientPrivilege":
                return NotTheSender(
                    "Máy này không phải máy gửi tin lên Cổng của văn phòng (mỗi văn phòng chỉ "
                    "một máy gửi): người quản trị chỉ định bàn gửi bằng counter-app server "
                    "portal-sender TÊN_BÀN --admin-url URL, hoặc chạy portal send trên máy chủ "
                    "với --office-url."
                )
            if name == "UndefinedTable":
                return ConfigurationError(
                    "Máy chủ văn phòng chưa có hàng đợi tin gửi Cổng: người quản trị chạy "
                    "counter-app server init để nâng cấp lược đồ."
                )
            if name == "UndefinedFunction":  # a server behind this program (SQL 0027…)
                return ConfigurationError(
                    "Máy chủ văn phòng chưa được nâng cấp cho phiên bản này của chương trình: "
                    "người quản trị chạy counter-app server init để nâng cấp lược đồ."
                )
            if name in ("OperationalError", "ConnectionTimeout", "QueryCanceled"):
                told = cause(seen, admin=False) or "không rõ nguyên nhân"
                return CounterError(
                    f"Không kết nối được máy chủ văn phòng: {told} ({name}). Không tin nào "
                    "bị mất: chúng sẽ được gửi lần sau."
                )
        seen = getattr(seen, "orig", None) or seen.__cause__
    return None


def designate(admin_url: str, name: str) -> tuple[str, list[str]]:
    """Desk NAME becomes its agency's one sender; returns its agency's code and the desks
    of that agency that were the sender and no longer are."""
    from psycopg import sql

    from counter_app.sync.server import ServerError, connect

    with connect(admin_url) as db:
        found = db.execute(
            "SELECT k.role_name, k.agency_id, a.code FROM counter.desks k JOIN "
            "counter.agencies a ON a.id = k.agency_id WHERE k.name = %s AND k.active",
            (name.strip(),),
        ).fetchone()
        if found is None or found[0] is None:
            raise ServerError(f"Không có bàn đang hoạt động tên '{name.strip()}' trên máy chủ.")
        role, agency, code = found
        others = db.execute(
            "SELECT k.name, k.role_name FROM counter.desks k JOIN pg_roles r ON "
            "r.rolname = k.role_name JOIN pg_auth_members m ON m.member = r.oid JOIN "
            "pg_roles s ON s.oid = m.roleid AND s.rolname = %s WHERE k.agency_id = %s "
            "AND k.role_name <> %s ORDER BY k.name",
            (SENDER_ROLE, agency, role),
        ).fetchall()
        for _, other in others:
            db.execute(
                sql.SQL("REVOKE {} FROM {}").format(
                    sql.Identifier(SENDER_ROLE), sql.Identifier(other)
                )
            )
        db.execute(
            sql.SQL("GRANT {} TO {}").format(sql.Identifier(SENDER_ROLE), sql.Identifier(role))
        )
    return str(code), [str(n) for n, _ in others]
