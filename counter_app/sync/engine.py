"""One sync: push what the server does not have, pull what it has that this desk lacks,
keep the reserve of numbers filled. Every step is safe to cut at any moment: the server
owns "how far it has this desk", pushes are idempotent, and a pull is applied with its
cursors in one local transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from counter_app.db import unit_of_work
from counter_app.models import CodeNumber, Event, Officer
from counter_app.services import desk
from counter_app.sync import feed, numbers, outbox, portal_office, state
from counter_app.sync.link import Link, Refused

PAGE = 500  # events or audit entries a push carries (one server transaction)
PULL_PAGE = 1000  # rows of each stream a pull brings (one local transaction)
MAX_ROUNDS = 200  # a week offline is a few thousand records: a few dozen rounds


@dataclass(frozen=True)
class Result:
    pushed: int
    pulled: int
    pending: int
    rejected: int


def sync_once(
    sessions: sessionmaker[Session],
    link: Link,
    now: Callable[[], datetime],
    agency_code: str | None = None,
    push_only: bool = False,
) -> Result:
    """A push and a pull now (a dead line raises Offline: nothing is lost).

    A desk with nothing to send, on a connection that said hello less than a minute ago,
    only pulls: an idle sync every 2 s is then one call to the server, not two."""
    with unit_of_work(sessions, write=True) as session:
        here = desk.local_desk(session).id
        quiet = link.greeted_recently() and not (
            outbox.anything_to_send(
                session,
                here,
                state.get(session, "events_upto", 0),
                state.get(session, "audit_upto", 0),
            )
            or portal_office.waiting(session, here)
        )
    pushed = rejected = 0
    if not quiet:
        hello = link.hello()
        with unit_of_work(sessions, write=True) as session:
            if hello.get("desk") != str(here):
                from counter_app.errors import ConfigurationError

                raise ConfigurationError(
                    "Máy chủ coi tài khoản này là một bàn khác: hãy "
                    "tham gia lại (counter-app join)."
                )
            _epoch(session, str(hello.get("epoch")))
            _not_behind_the_server(session, here, hello)
        pushed, rejected = _push(sessions, link, here, hello)
    pulled = 0 if push_only else _pull(sessions, link, here)
    with unit_of_work(sessions, write=True) as session:
        numbers.void_past(session, now().date())
        if pulled:  # another desk's dossiers came: none of their numbers stays in reserve
            numbers.set_aside_taken(session, now().date())
        state.put(session, "last_sync_at", now().isoformat())
        state.put(session, "last_error", None)
        pending = outbox.pending(session, here, state.get(session, "events_upto", 0))
    if not push_only:
        refill(sessions, link, now, agency_code)
    return Result(pushed, pulled, pending, rejected)


def _not_behind_the_server(session: Session, here: uuid.UUID, hello: dict[str, Any]) -> None:
    """A desk restored from a copy older than what the server holds of it would number its
    next events as ones the server has (and would pass over): it stops and says so."""
    from counter_app.errors import ConfigurationError
    from counter_app.models import Desk

    mine = session.get(Desk, here)
    held = int(hello.get("events_upto") or 0)
    known = int(state.get(session, "events_upto", 0))
    if mine is not None and state.get(session, "restored_at") is not None:
        if held <= known:
            state.put(session, "restored_at", None)  # the copy holds all the server has
            return
        raise ConfigurationError(
            f"Bàn này được khôi phục từ một bản sao cũ hơn những gì máy chủ đã nhận của bàn "
            f"(máy chủ có đến việc số {held}, bản sao chỉ có đến {known}): bàn ngừng đồng bộ "
            "để không gửi trùng số. Việc làm từ khi khôi phục vẫn giữ ở bàn. Báo quản trị văn "
            "phòng: cho bàn tham gia lại như một bàn mới."
        )


def _epoch(session: Session, epoch: str) -> None:
    """A server restored elsewhere (a new cluster) numbers its feed anew: pull it all again
    (what is here already is recognised and kept)."""
    if state.get(session, "epoch") != epoch:
        state.put(session, "epoch", epoch)
        state.put(session, "cursors", {})


def _push(
    sessions: sessionmaker[Session], link: Link, here: uuid.UUID, hello: dict[str, Any]
) -> tuple[int, int]:
    events_upto, audit_upto = int(hello["events_upto"]), int(hello["audit_upto"])
    pushed = rejected = 0
    for _ in range(MAX_ROUNDS):
        with unit_of_work(sessions) as session:
            batch = outbox.batch(session, here, events_upto, audit_upto, PAGE)
            # the national portal's messages of these events (and of earlier ones the
            # office lacks), taken by the server in the same transaction as the events
            last = max((e["desk_seq"] for e in batch["events"]), default=events_upto)
            batch["portal"] = portal_office.batch(session, here, events_upto, last)
        if not any(batch[k] for k in ("events", "audit", "officers", "voids", "portal")):
            break
        answer = link.push(batch)
        events_upto, audit_upto = int(answer["events_upto"]), int(answer["audit_upto"])
        with unit_of_work(sessions, write=True) as session:
            _acknowledge(session, batch, answer)
            # more of the office's backlog, unless the server took none or refused some
            more_portal = portal_office.acknowledge(
                session, batch["portal"], answer
            ) and portal_office.waiting(session, here)
            state.put(session, "events_upto", events_upto)
            state.put(session, "audit_upto", audit_upto)
        pushed += len(batch["events"])
        rejected += len(answer.get("rejected") or [])
        if len(batch["events"]) < PAGE and len(batch["audit"]) < PAGE and not more_portal:
            break
    return pushed, rejected


def _acknowledge(session: Session, batch: dict[str, Any], answer: dict[str, Any]) -> None:
    for refusal in answer.get("rejected") or []:
        session.execute(
            update(Event)
            .where(Event.id == uuid.UUID(refusal["id"]))
            .values(server_status="rejected", server_reason=str(refusal["reason"])[:500])
        )
    for officer in batch["officers"]:  # unless it was changed again meanwhile
        session.execute(
            update(Officer)
            .where(
                Officer.id == uuid.UUID(officer["id"]),
                Officer.password_hash == officer["password_hash"],
                Officer.active == officer["active"],
            )
            .values(sync_pending=False)
        )
    for void in batch["voids"]:
        session.execute(
            update(CodeNumber)
            .where(
                CodeNumber.day == date.fromisoformat(void["day"]),
                CodeNumber.number == void["number"],
            )
            .values(void_sent=True)
        )


def _pull(sessions: sessionmaker[Session], link: Link, here: uuid.UUID) -> int:
    pulled = 0
    for _ in range(MAX_ROUNDS):
        with unit_of_work(sessions) as session:
            cursors = state.get(session, "cursors", {})
            deferred = set(state.get(session, "deferred", []))
        rows = link.pull(cursors, PULL_PAGE)
        with unit_of_work(sessions, write=True) as session:
            if rows.get("epoch") is not None and str(rows["epoch"]) != state.get(session, "epoch"):
                _epoch(session, str(rows["epoch"]))  # a new feed: from its start again
                continue
            done = feed.apply(session, rows, cursors, here, PULL_PAGE)
            state.put(session, "cursors", done.cursors)
            state.put(session, "deferred", sorted(deferred | done.deferred))
        pulled += done.rows
        if not done.full:
            break
        if not done.rows:  # a page that moved nothing: asking again now brings the same
            break  # (an event whose dossier a running transaction holds: the next sync)
    _refetch(sessions, link, here)
    return pulled


def _refetch(sessions: sessionmaker[Session], link: Link, here: uuid.UUID) -> None:
    """Dossiers a pull passed over while this desk waited for the server's answer to its
    own change of them: asked again now that the answers are in."""
    with unit_of_work(sessions) as session:
        deferred = list(state.get(session, "deferred", []))
    if not deferred:
        return
    rows = link.dossiers_by_id(deferred[:1000])
    with unit_of_work(sessions, write=True) as session:
        still = feed.apply_dossiers(session, rows, here)
        state.put(session, "deferred", sorted(still | set(deferred[1000:])))


def refill(
    sessions: sessionmaker[Session],
    link: Link,
    now: Callable[[], datetime],
    agency_code: str | None = None,
) -> None:
    """Keep RESERVE numbers for today and the next working day (leased in blocks; the
    lease comes back to this desk through the pull as well, should this step be cut)."""
    with unit_of_work(sessions) as session:
        agency = desk.desk_agency(session, agency_code)
        today = now().date()
        days = [today, desk.working_calendar(session, agency).next_working_day(today)]
        wanted = {day: numbers.RESERVE - numbers.free(session, agency.id, day) for day in days}
    for day, missing in wanted.items():
        if missing <= 0:
            continue
        try:
            lease = link.reserve(day, missing)
        except Refused:  # this desk's clock is a day off the server's: no reserve for it
            continue
        with unit_of_work(sessions, write=True) as session:
            for number in range(int(lease["first"]), int(lease["last"]) + 1):
                if session.get(CodeNumber, (agency.id, day, number)) is None:
                    session.add(
                        CodeNumber(
                            agency_id=agency.id,
                            day=day,
                            number=number,
                            state="free",
                            void_sent=False,
                            band=bool(lease.get("band")),
                        )
                    )
            numbers.set_aside_taken(session, today)
