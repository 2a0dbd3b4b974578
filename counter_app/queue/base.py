"""What a queue is, whoever keeps it (docs/queue.md): the `Queue` interface the command
line and the desk's windows use, the plain answers it gives, its refusals, and the rules
both keepers share (a service's letters, a ticket's label, the skip window).

Two keepers: `local.LocalQueue`, the desk's own database (a desk without an office
server), and `server.ServerQueue`, the office server's functions (a joined desk: one
office, one queue). `choose.queue_for` picks the one a desk uses.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from counter_app.errors import CounterError, RefusedInput
from counter_app.text import clean

SKIP_WINDOW = timedelta(minutes=30)  # a skipped ticket may come back for so long
LAST_CALLS = 4  # the hall display's last calls
ACTIONS = ("reception", "return")
MAX_COUNTER = 99
_PREFIX = re.compile(r"[A-Z]{1,3}")
_LABEL = re.compile(r"([A-Z]{1,3})([0-9]{3,6})")
_TOKEN = re.compile(r"[A-Za-z0-9_.:-]{1,64}")


class QueueRefused(RefusedInput):
    """A queue action refused (an unknown service, a counter that serves nothing…):
    nothing was written."""


class QueueUnavailable(CounterError):
    """A joined desk cannot reach the office server: the queue is the server's, so the
    desk calls nothing rather than call from a copy of its own (a ticket called twice)."""


@dataclass(frozen=True)
class Service:
    prefix: str
    name: str
    counters: tuple[int, ...]  # empty: every counter calls from it
    open: bool  # the kiosk gives tickets for it
    waiting: int  # tickets waiting in its line now


@dataclass(frozen=True)
class Issued:
    """A new ticket (the kiosk prints it)."""

    ticket: str  # A021
    service: str
    service_name: str
    priority: bool
    waiting_before: int  # tickets its line calls before it, now
    issued_at: datetime


@dataclass(frozen=True)
class Called:
    """A ticket called to a counter (the display shows it, the voice says it)."""

    ticket: str
    service: str
    counter: int
    called_at: datetime  # its call; a recall keeps the call's time
    waited_s: int  # from its printing to this call
    priority: bool
    recalls: int
    kind: str = "call"  # call | recall


@dataclass(frozen=True)
class Ticket:
    """One ticket as it stands."""

    ticket: str
    service: str
    state: str  # waiting | transferred | called | served | skipped | gone
    priority: bool
    issued_at: datetime
    called_at: datetime | None
    counter: int | None
    wanted_counter: int | None  # transferred to one counter
    recalls: int


@dataclass(frozen=True)
class Call:
    """One of the last calls (the hall display's list)."""

    ticket: str
    service: str
    counter: int
    at: datetime
    kind: str  # call | recall


@dataclass(frozen=True)
class Status:
    services: tuple[Service, ...]
    calls: tuple[Call, ...]  # newest first


@dataclass(frozen=True)
class Linked:
    ticket: str
    dossier_id: uuid.UUID
    action: str
    waited_s: int
    served_s: int


@dataclass(frozen=True)
class TicketTime:
    """A called ticket's times for the reports: one row per dossier it led to (or one
    row with no dossier). Seconds are whole; `served_s` None without a dossier."""

    day: date
    ticket: str
    service: str
    counter: int
    officer: str
    issued_at: datetime
    called_at: datetime
    waited_s: int
    dossier_id: uuid.UUID | None
    action: str | None
    ended_at: datetime | None
    served_s: int | None


class Queue(Protocol):
    """One office's queue. Every method is one unit of work: done whole or refused
    (`QueueRefused`, nothing written); a joined desk that cannot reach its server raises
    `QueueUnavailable` and has done nothing. `token`s make a retried call harmless: the
    same token gives back the first answer instead of a second ticket or call."""

    def close(self) -> None: ...

    def services(self) -> list[Service]: ...

    def add_service(self, prefix: str, name: str, counters: tuple[int, ...] = ()) -> Service: ...

    def change_service(
        self,
        prefix: str,
        name: str | None = None,
        counters: tuple[int, ...] | None = None,
        open: bool | None = None,
    ) -> Service: ...

    def issue(self, service: str, priority: bool = False, token: str | None = None) -> Issued: ...

    def call_next(self, counter: int, officer: str, token: str | None = None) -> Called | None: ...

    def call_ticket(self, ticket: str, counter: int, officer: str) -> Called: ...

    def recall(self, counter: int, officer: str) -> Called: ...

    def skip(self, counter: int, officer: str) -> Ticket: ...

    def back(self, ticket: str) -> Ticket: ...

    def transfer(
        self, ticket: str, to_service: str | None = None, to_counter: int | None = None
    ) -> Ticket: ...

    def ticket(self, ticket: str) -> Ticket: ...

    def link(
        self, ticket: str, dossier_id: uuid.UUID, action: str, ended_at: datetime
    ) -> Linked: ...

    def status(self, last_calls: int = LAST_CALLS) -> Status: ...

    def times(self, first: date, last: date) -> list[TicketTime]: ...


def label(prefix: str, number: int) -> str:
    """A021: the service's letters and the day's number, 3 digits (more past 999)."""
    return f"{prefix}{number:03d}"


def checked_prefix(value: str) -> str:
    prefix = value.strip().upper()
    if not _PREFIX.fullmatch(prefix):
        raise QueueRefused(
            "Ký hiệu hàng chờ phải là 1 đến 3 chữ cái không dấu (A–Z), ví dụ A hoặc HT."
        )
    return prefix


def checked_name(value: str) -> str:
    name = clean(value)
    if not name or len(name) > 100:
        raise QueueRefused("Tên hàng chờ phải có từ 1 đến 100 ký tự.")
    return name


def officer_name(value: str) -> str:
    name = clean(value)[:60]
    if not name:
        raise QueueRefused("Cần tên đăng nhập của cán bộ gọi số.")
    return name


def checked_counter(value: int) -> int:
    if not 1 <= value <= MAX_COUNTER:
        raise QueueRefused(f"Số quầy phải từ 1 đến {MAX_COUNTER}.")
    return value


def counters_text(value: str) -> tuple[int, ...]:
    """`1,2` → (1, 2); blank → () (every counter)."""
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if not all(p.isdigit() and len(p) <= 2 for p in parts):
        raise QueueRefused("Danh sách quầy viết dạng 1,2,3 (các số quầy từ 1 đến 99).")
    return tuple(sorted({checked_counter(int(p)) for p in parts}))


def checked_counters(values: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(sorted({checked_counter(v) for v in values}))


def checked_label(value: str) -> str:
    found = _LABEL.fullmatch(value.strip().upper())
    if not found:
        raise QueueRefused("Số thứ tự viết dạng chữ của hàng chờ và số, ví dụ A021.")
    return label(found.group(1), int(found.group(2)))


def split_label(value: str) -> tuple[str, int]:
    found = _LABEL.fullmatch(checked_label(value))
    assert found is not None
    return found.group(1), int(found.group(2))


def checked_token(value: str | None) -> str | None:
    if value is not None and not _TOKEN.fullmatch(value):
        raise QueueRefused("Mã yêu cầu (token) gồm 1–64 chữ cái không dấu, chữ số, . _ : -")
    return value


def checked_action(value: str) -> str:
    if value not in ACTIONS:
        raise QueueRefused("Việc gắn với số thứ tự là reception (tiếp nhận) hoặc return (trả).")
    return value


def seconds(later: datetime, earlier: datetime) -> int:
    return max(0, round((later - earlier).total_seconds()))


def unknown_service(prefix: str) -> QueueRefused:
    return QueueRefused(f"Không có hàng chờ {prefix}: xem các hàng chờ bằng queue service list.")


def unknown_ticket(ticket: str) -> QueueRefused:
    return QueueRefused(f"Hôm nay không có số {ticket}.")


def serves_nothing(counter: int) -> QueueRefused:
    return QueueRefused(
        f"Quầy {counter} không gọi hàng chờ nào: khai báo quầy cho hàng chờ "
        "(queue service add|set … --counters)."
    )


def nothing_called(counter: int, what: str) -> QueueRefused:
    return QueueRefused(f"Quầy {counter} không có số nào đang gọi để {what}.")


def not_called(ticket: str) -> QueueRefused:
    return QueueRefused(f"Số {ticket} chưa được gọi đến quầy: chưa gắn được với hồ sơ.")


def cannot_call(ticket: str, state: str, counter: int | None) -> QueueRefused:
    """Why a ticket asked for by its number cannot be called (or brought back)."""
    return QueueRefused(
        {
            "called": f"Số {ticket} đang được gọi ở quầy {counter}.",
            "served": f"Số {ticket} đã được phục vụ.",
            "gone": f"Số {ticket} đã bị bỏ qua quá 30 phút: công dân cần lấy số mới.",
        }.get(state, f"Số {ticket} không ở trạng thái bỏ qua.")
    )
