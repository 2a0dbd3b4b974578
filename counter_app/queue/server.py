"""The office's queue, kept by its server (a joined desk): the `Queue` of queue/base.py
on the server's functions (sync SQL 0022_queue.sql). One office, one queue: every desk,
the kiosk and the hall display are clients of the same tickets and calls.

The desk keeps no copy. When the server cannot be reached the desk says so and does
nothing (`QueueUnavailable`, exit 1): calling from a copy of its own could call a ticket
that another desk calls too. Each call is one short transaction on the server, on the
desk's connection (kept open between calls: the desk window keeps one object).

The services are the office's: changing them needs the administrator's URL, as the
catalog and the officers do (docs/office-server.md).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from counter_app.clock import local
from counter_app.queue.base import (
    LAST_CALLS,
    Call,
    Called,
    Issued,
    Linked,
    QueueRefused,
    QueueUnavailable,
    Service,
    Status,
    Ticket,
    TicketTime,
    checked_action,
    checked_counter,
    checked_counters,
    checked_label,
    checked_name,
    checked_prefix,
    checked_token,
    officer_name,
)
from counter_app.sync.link import Link, Offline, Refused

REFUSED = "CQ001"  # the queue functions' refusals, written for people (SQL 0022)
NOTHING_DONE = (
    "Hàng chờ là của máy chủ văn phòng: bàn không gọi hay cấp số nào khi mất kết nối "
    "(để không gọi trùng một số)."
)
NEEDS_ADMIN = (
    "Hàng chờ của văn phòng do người quản trị máy chủ khai báo: thêm --admin-url URL "
    "(URL quản trị của máy chủ, như cho server catalog import)."
)


class _Line(Link):
    """The desk's line to its server, asking the queue's functions."""

    def ask(self, sql: str, *args: Any) -> Any:
        try:
            return self._call(sql, *args)
        except Offline as offline:
            raise QueueUnavailable(f"{offline} {NOTHING_DONE}") from None
        except Refused as refused:
            told = str(refused).removeprefix("Máy chủ văn phòng từ chối: ")
            if refused.sqlstate == REFUSED:
                raise QueueRefused(told) from None
            if refused.sqlstate == "42883":  # undefined_function: a server not yet upgraded
                raise QueueUnavailable(
                    "Máy chủ văn phòng chưa có hàng chờ: người quản trị chạy "
                    "counter-app server init của phiên bản này."
                ) from None
            raise


class ServerQueue:
    """The office server's queue (docs/queue.md, "With an office server")."""

    def __init__(
        self, url: str, admin_url: str | None = None, agency_code: str | None = None
    ) -> None:
        self._line = _Line(url)
        self._admin_url = admin_url
        self._agency_code = agency_code

    def close(self) -> None:
        self._line.close()

    def __enter__(self) -> ServerQueue:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # services

    def services(self) -> list[Service]:
        return [_service(s) for s in self._line.ask("SELECT counter.queue_services_list()")]

    def add_service(self, prefix: str, name: str, counters: tuple[int, ...] = ()) -> Service:
        return self._put(
            checked_prefix(prefix), checked_name(name), checked_counters(counters), None, True
        )

    def change_service(
        self,
        prefix: str,
        name: str | None = None,
        counters: tuple[int, ...] | None = None,
        open: bool | None = None,
    ) -> Service:
        return self._put(
            checked_prefix(prefix),
            None if name is None else checked_name(name),
            None if counters is None else checked_counters(counters),
            open,
            False,
        )

    def _put(
        self,
        prefix: str,
        name: str | None,
        counters: tuple[int, ...] | None,
        open: bool | None,
        create: bool,
    ) -> Service:
        if self._admin_url is None or not self._agency_code:
            raise QueueRefused(NEEDS_ADMIN)
        from counter_app.queue.admin import put_service

        found = put_service(
            self._admin_url, self._agency_code, prefix, name, counters, open, create
        )
        return _service(found)

    # tickets and calls

    def issue(self, service: str, priority: bool = False, token: str | None = None) -> Issued:
        j = self._line.ask(
            "SELECT counter.queue_issue_ticket(%s, %s, %s)",
            checked_prefix(service),
            priority,
            checked_token(token),
        )
        return Issued(
            j["ticket"],
            j["service"],
            j["service_name"],
            j["priority"],
            int(j["waiting_before"]),
            _at(j["issued_at"]),
        )

    def call_next(self, counter: int, officer: str, token: str | None = None) -> Called | None:
        j = self._line.ask(
            "SELECT counter.queue_call_next(%s, %s, %s)",
            checked_counter(counter),
            officer_name(officer),
            checked_token(token),
        )
        return None if j.get("ticket") is None else _called(j)

    def call_ticket(self, ticket: str, counter: int, officer: str) -> Called:
        return _called(
            self._line.ask(
                "SELECT counter.queue_call_ticket(%s, %s, %s)",
                checked_label(ticket),
                checked_counter(counter),
                officer_name(officer),
            )
        )

    def recall(self, counter: int, officer: str) -> Called:
        return _called(
            self._line.ask(
                "SELECT counter.queue_recall(%s, %s)",
                checked_counter(counter),
                officer_name(officer),
            )
        )

    def skip(self, counter: int, officer: str) -> Ticket:
        return _ticket(
            self._line.ask(
                "SELECT counter.queue_skip(%s, %s)", checked_counter(counter), officer_name(officer)
            )
        )

    def back(self, ticket: str) -> Ticket:
        return _ticket(self._line.ask("SELECT counter.queue_back(%s)", checked_label(ticket)))

    def transfer(
        self, ticket: str, to_service: str | None = None, to_counter: int | None = None
    ) -> Ticket:
        return _ticket(
            self._line.ask(
                "SELECT counter.queue_transfer(%s, %s, %s)",
                checked_label(ticket),
                None if to_service is None else checked_prefix(to_service),
                None if to_counter is None else checked_counter(to_counter),
            )
        )

    def ticket(self, ticket: str) -> Ticket:
        return _ticket(self._line.ask("SELECT counter.queue_ticket(%s)", checked_label(ticket)))

    def link(self, ticket: str, dossier_id: uuid.UUID, action: str, ended_at: datetime) -> Linked:
        j = self._line.ask(
            "SELECT counter.queue_link(%s, %s, %s, %s)",
            checked_label(ticket),
            dossier_id,
            checked_action(action),
            ended_at,
        )
        return Linked(
            j["ticket"], uuid.UUID(j["dossier_id"]), j["action"], j["waited_s"], j["served_s"]
        )

    # reading

    def status(self, last_calls: int = LAST_CALLS) -> Status:
        j = self._line.ask("SELECT counter.queue_status(%s)", last_calls)
        return Status(
            tuple(_service(s) for s in j["services"]),
            tuple(
                Call(c["ticket"], c["service"], c["counter"], _at(c["at"]), c["kind"])
                for c in j["calls"]
            ),
        )

    def times(self, first: date, last: date) -> list[TicketTime]:
        return [
            TicketTime(
                date.fromisoformat(r["day"]),
                r["ticket"],
                r["service"],
                r["counter"],
                r["officer"] or "",
                _at(r["issued_at"]),
                _at(r["called_at"]),
                r["waited_s"],
                uuid.UUID(r["dossier_id"]) if r["dossier_id"] else None,
                r["action"],
                _at(r["ended_at"]) if r["ended_at"] else None,
                r["served_s"],
            )
            for r in self._line.ask("SELECT counter.queue_times(%s, %s)", first, last)
        ]


def _at(value: str) -> datetime:
    """The server's time, in local time, to the second (as the desk's own clock gives)."""
    return local(datetime.fromisoformat(value)).replace(microsecond=0)


def _service(j: dict[str, Any]) -> Service:
    return Service(j["prefix"], j["name"], tuple(j["counters"]), j["open"], int(j["waiting"]))


def _called(j: dict[str, Any]) -> Called:
    return Called(
        j["ticket"],
        j["service"],
        j["counter"],
        _at(j["called_at"]),
        j["waited_s"],
        j["priority"],
        j["recalls"],
        j["kind"],
    )


def _ticket(j: dict[str, Any]) -> Ticket:
    return Ticket(
        j["ticket"],
        j["service"],
        j["state"],
        j["priority"],
        _at(j["issued_at"]),
        _at(j["called_at"]) if j["called_at"] else None,
        j["counter"],
        j["wanted_counter"],
        j["recalls"],
    )
