"""How `counter-app queue …` shows its answers: JSON (docs/cli.md) and Vietnamese text."""

from __future__ import annotations

from typing import Any

from counter_app.formats import iso, show_datetime
from counter_app.queue.base import (
    SKIP_WINDOW,
    Called,
    Issued,
    Service,
    Status,
    Ticket,
    TicketTime,
)


def duration(seconds: int) -> str:
    minutes, second = divmod(seconds, 60)
    hours, minute = divmod(minutes, 60)
    if hours:
        return f"{hours} giờ {minute} phút"
    return f"{minute} phút {second} giây" if minute else f"{second} giây"


def counters_shown(counters: tuple[int, ...]) -> str:
    return "mọi quầy" if not counters else "quầy " + ", ".join(str(c) for c in counters)


def service_json(s: Service) -> dict[str, Any]:
    return {
        "prefix": s.prefix,
        "name": s.name,
        "counters": list(s.counters),
        "open": s.open,
        "waiting": s.waiting,
    }


def service_line(s: Service) -> str:
    state = "" if s.open else " (ngừng cấp số)"
    return f"{s.prefix}  {s.name} — {counters_shown(s.counters)}{state}; đang chờ: {s.waiting}"


def services_text(services: list[Service]) -> str:
    if not services:
        return "Chưa có hàng chờ nào: thêm bằng counter-app queue service add."
    return "\n".join(service_line(s) for s in services)


def issued_json(i: Issued) -> dict[str, Any]:
    return {
        "ticket": i.ticket,
        "service": i.service,
        "waiting_before": i.waiting_before,
        "issued_at": iso(i.issued_at),
        "service_name": i.service_name,
        "priority": i.priority,
    }


def issued_text(i: Issued) -> str:
    kind = " (ưu tiên)" if i.priority else ""
    return (
        f"Số {i.ticket}{kind} — {i.service_name}; {i.waiting_before} người chờ trước; "
        f"lấy lúc {show_datetime(i.issued_at)}."
    )


def called_json(c: Called) -> dict[str, Any]:
    return {
        "ticket": c.ticket,
        "counter": c.counter,
        "called_at": iso(c.called_at),
        "waited_s": c.waited_s,
        "service": c.service,
        "priority": c.priority,
        "recalls": c.recalls,
    }


def called_text(c: Called) -> str:
    if c.kind == "recall":
        return f"Gọi lại số {c.ticket} đến quầy {c.counter} (lần {c.recalls})."
    return f"Mời số {c.ticket} đến quầy {c.counter} (đã chờ {duration(c.waited_s)})."


def nobody_text(counter: int) -> str:
    return f"Không có ai đang chờ các hàng chờ của quầy {counter}."


def ticket_json(t: Ticket) -> dict[str, Any]:
    return {
        "ticket": t.ticket,
        "service": t.service,
        "state": t.state,
        "priority": t.priority,
        "issued_at": iso(t.issued_at),
        "called_at": iso(t.called_at),
        "counter": t.counter,
        "wanted_counter": t.wanted_counter,
        "recalls": t.recalls,
    }


def ticket_text(t: Ticket, said: str) -> str:
    minutes = int(SKIP_WINDOW.total_seconds() // 60)
    if said == "skip":
        return (
            f"Đã bỏ qua số {t.ticket}. Nếu công dân quay lại trong {minutes} phút: "
            f"counter-app queue back {t.ticket} (về đầu hàng chờ) hoặc "
            f"counter-app queue call --ticket {t.ticket} --counter N (gọi ngay)."
        )
    if said == "back":
        return f"Số {t.ticket} trở lại đầu hàng chờ {t.service}."
    where = f"hàng chờ {t.service}"
    if t.wanted_counter is not None:
        where += f", cho quầy {t.wanted_counter}"
    return f"Đã chuyển số {t.ticket} sang {where} (giữ số và thứ tự theo giờ lấy số)."


def status_json(s: Status) -> dict[str, Any]:
    return {
        "services": [service_json(x) for x in s.services],
        "calls": [
            {
                "ticket": c.ticket,
                "service": c.service,
                "counter": c.counter,
                "at": iso(c.at),
                "kind": c.kind,
            }
            for c in s.calls
        ],
    }


def status_text(s: Status) -> str:
    lines = [services_text(list(s.services)), "Các lần gọi gần nhất:"]
    lines += [
        f"  {show_datetime(c.at)}  {c.ticket} → quầy {c.counter}"
        + (" (gọi lại)" if c.kind == "recall" else "")
        for c in s.calls
    ] or ["  (chưa gọi số nào hôm nay)"]
    return "\n".join(lines)


def time_json(r: TicketTime) -> dict[str, Any]:
    return {
        "day": r.day.isoformat(),
        "ticket": r.ticket,
        "service": r.service,
        "counter": r.counter,
        "officer": r.officer,
        "issued_at": iso(r.issued_at),
        "called_at": iso(r.called_at),
        "waited_s": r.waited_s,
        "dossier_id": None if r.dossier_id is None else str(r.dossier_id),
        "action": r.action,
        "ended_at": iso(r.ended_at),
        "served_s": r.served_s,
    }


def times_text(rows: list[TicketTime]) -> str:
    if not rows:
        return "Không có số nào được gọi trong những ngày này."
    return "\n".join(
        f"{r.day:%d/%m/%Y}  {r.ticket}  quầy {r.counter}  {r.officer}  chờ {duration(r.waited_s)}"
        + ("" if r.served_s is None else f"  phục vụ {duration(r.served_s)}")
        for r in rows
    )
