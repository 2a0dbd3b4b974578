"""`counter-app queue …` (docs/queue.md): the services, a ticket, the calls, the hall's
picture. The queue is the office server's on a joined desk, else the desk's own
(counter_app/queue/choose.py); refusals exit 2 with nothing written, a server that
cannot be reached exits 1 having called nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from counter_app.acting.roles import Permission, require
from counter_app.cli import queue_render as shown
from counter_app.queue.base import Queue, counters_text

if TYPE_CHECKING:
    from counter_app.cli.context import Commands, Context

ADMIN_HELP = (
    "URL quản trị của máy chủ văn phòng (bàn đã tham gia máy chủ: hàng chờ là của văn phòng)"
)


def add_commands(commands: Commands) -> None:
    queue = commands.add("queue", "hàng chờ: các dịch vụ, lấy số, gọi số")
    nested = queue.add_subparsers(dest="queue_command", metavar="LỆNH", required=True)
    _add_services(commands, nested)
    ticket = commands.add("ticket", "lấy một số thứ tự (việc của máy lấy số)", nested)
    ticket.add_argument("service", metavar="SERVICE", help="ký hiệu hàng chờ, ví dụ A")
    ticket.add_argument("--priority", action="store_true", help="số ưu tiên (gọi trước)")
    ticket.add_argument("--token", metavar="T", help="mã yêu cầu: gửi lại không cấp số thứ hai")
    call = commands.add("call", "gọi số tiếp theo cho quầy (F12)", nested)
    call.add_argument("--ticket", metavar="TICKET", help="gọi đúng số này (ví dụ số đã bỏ qua)")
    call.add_argument("--token", metavar="T", help="mã yêu cầu: gửi lại không gọi số khác")
    for name, text in (
        ("call", None),
        ("recall", "gọi lại số quầy đang gọi"),
        ("skip", "bỏ qua số quầy đang gọi (công dân không có mặt)"),
    ):
        parser = call if text is None else commands.add(name, text, nested)
        parser.add_argument("--counter", type=int, required=True, metavar="N", help="số quầy")
    back = commands.add("back", "số đã bỏ qua trở lại đầu hàng chờ (công dân đã quay lại)", nested)
    back.add_argument("ticket", metavar="TICKET", help="số thứ tự, ví dụ A021")
    move = commands.add("transfer", "chuyển số sang hàng chờ khác hoặc cho một quầy", nested)
    move.add_argument("ticket", metavar="TICKET", help="số thứ tự, ví dụ A021")
    move.add_argument("--to", metavar="SERVICE", help="ký hiệu hàng chờ nhận số")
    move.add_argument("--to-counter", type=int, metavar="N", help="quầy nhận số")
    status = commands.add("status", "số người chờ theo hàng chờ, các lần gọi gần nhất", nested)
    status.add_argument("--last", type=int, default=4, metavar="N", help="số lần gọi (mặc định 4)")
    times = commands.add("times", "thời gian chờ và phục vụ của các số đã gọi", nested)
    from counter_app.cli.parser import day_text

    times.add_argument("--from", dest="first", type=day_text, required=True, metavar="DATE")
    times.add_argument("--to", dest="last", type=day_text, required=True, metavar="DATE")


def _add_services(commands: Commands, nested: Any) -> None:
    service = commands.add("service", "các hàng chờ (dịch vụ) của cơ quan", nested)
    inner = service.add_subparsers(dest="service_command", metavar="LỆNH", required=True)
    commands.add("list", "các hàng chờ và số người đang chờ", inner)
    for name, text in (
        ("add", "thêm một hàng chờ"),
        ("set", "đổi tên hoặc các quầy của một hàng chờ"),
        ("open", "mở lại việc cấp số của một hàng chờ"),
        ("close", "ngừng cấp số của một hàng chờ (các số đã lấy vẫn được gọi)"),
    ):
        parser = commands.add(name, text, inner)
        parser.add_argument("prefix", metavar="PREFIX", help="ký hiệu: 1–3 chữ cái, ví dụ A")
        if name in ("add", "set"):
            parser.add_argument("--name", required=name == "add", metavar="NAME", help="tên")
            parser.add_argument(
                "--counters", metavar="1,2", help="các quầy gọi hàng chờ này (mặc định: mọi quầy)"
            )
        parser.add_argument("--admin-url", metavar="URL", help=ADMIN_HELP)


def cmd_queue(ctx: Context) -> int:
    handler = _SERVICES if ctx.args.queue_command == "service" else _ACTIONS
    key = ctx.args.service_command if ctx.args.queue_command == "service" else None
    return handler[key or ctx.args.queue_command](ctx)


def _officer(ctx: Context, permission: Permission) -> str:
    """The acting officer's login, whose role allows `permission` (a refusal is audited)."""

    def check(_session: Any, who: Any) -> str:
        require(who, permission)
        return str(who.officer)

    return str(ctx.act(check, need_agency=False))


def _with_queue(ctx: Context, work: Callable[[Queue], Any]) -> Any:
    from counter_app.queue.choose import queue_for

    admin_url = getattr(ctx.args, "admin_url", None)
    agency = _agency_code(ctx) if admin_url else None
    queue = queue_for(ctx.settings.db_url, ctx.sessions, admin_url, agency)
    try:
        return work(queue)
    finally:
        queue.close()


def _agency_code(ctx: Context) -> str:
    from counter_app.db import unit_of_work
    from counter_app.services.desk import desk_agency

    with unit_of_work(ctx.sessions) as session:
        return desk_agency(session, ctx.settings.agency_code).code


def _service_list(ctx: Context) -> int:
    found = _with_queue(ctx, lambda q: q.services())
    ctx.emit({"services": [shown.service_json(s) for s in found]}, shown.services_text(found))
    return 0


def _service_change(ctx: Context) -> int:
    a = ctx.args
    _officer(ctx, Permission.SETTINGS)
    counters = None if getattr(a, "counters", None) is None else counters_text(a.counters)
    is_open = {"open": True, "close": False}.get(a.service_command)

    def work(q: Queue) -> Any:
        if a.service_command == "add":
            return q.add_service(a.prefix, a.name, counters or ())
        return q.change_service(a.prefix, getattr(a, "name", None), counters, is_open)

    service = _with_queue(ctx, work)
    ctx.emit(shown.service_json(service), shown.service_line(service), "Đã ghi hàng chờ")
    return 0


def _ticket(ctx: Context) -> int:
    a = ctx.args
    issued = _with_queue(ctx, lambda q: q.issue(a.service, a.priority, a.token))
    ctx.emit(shown.issued_json(issued), shown.issued_text(issued), f"Đã cấp số {issued.ticket}")
    return 0


def _call(ctx: Context) -> int:
    a = ctx.args
    officer = _officer(ctx, Permission.RECEIVE)
    if a.ticket:
        if a.token:
            from counter_app.queue.base import QueueRefused

            raise QueueRefused("--token chỉ dùng khi gọi số tiếp theo (không kèm --ticket).")
        called = _with_queue(ctx, lambda q: q.call_ticket(a.ticket, a.counter, officer))
    else:
        called = _with_queue(ctx, lambda q: q.call_next(a.counter, officer, a.token))
    if called is None:
        ctx.emit({"ticket": None, "counter": a.counter}, shown.nobody_text(a.counter))
        return 0
    ctx.emit(shown.called_json(called), shown.called_text(called), f"Đã gọi số {called.ticket}")
    return 0


def _recall(ctx: Context) -> int:
    a = ctx.args
    officer = _officer(ctx, Permission.RECEIVE)
    called = _with_queue(ctx, lambda q: q.recall(a.counter, officer))
    ctx.emit(shown.called_json(called), shown.called_text(called), f"Đã gọi lại số {called.ticket}")
    return 0


def _ticket_change(ctx: Context, work: Callable[[Queue, str], Any], said: str) -> int:
    officer = _officer(ctx, Permission.RECEIVE)
    ticket = _with_queue(ctx, lambda q: work(q, officer))
    ctx.emit(
        shown.ticket_json(ticket), shown.ticket_text(ticket, said), f"Đã ghi số {ticket.ticket}"
    )
    return 0


def _times(ctx: Context) -> int:
    _officer(ctx, Permission.REPORTS)
    a = ctx.args
    rows = _with_queue(
        ctx, lambda q: q.times(date.fromisoformat(a.first), date.fromisoformat(a.last))
    )
    ctx.emit({"rows": [shown.time_json(r) for r in rows]}, shown.times_text(rows))
    return 0


def _status(ctx: Context) -> int:
    status = _with_queue(ctx, lambda q: q.status(ctx.args.last))
    ctx.emit(shown.status_json(status), shown.status_text(status))
    return 0


_SERVICES: dict[str, Callable[[Context], int]] = {
    "list": _service_list,
    "add": _service_change,
    "set": _service_change,
    "open": _service_change,
    "close": _service_change,
}
_ACTIONS: dict[str, Callable[[Context], int]] = {
    "ticket": _ticket,
    "call": _call,
    "recall": _recall,
    "skip": lambda ctx: _ticket_change(ctx, lambda q, who: q.skip(ctx.args.counter, who), "skip"),
    "back": lambda ctx: _ticket_change(ctx, lambda q, _: q.back(ctx.args.ticket), "back"),
    "transfer": lambda ctx: _ticket_change(
        ctx,
        lambda q, _: q.transfer(ctx.args.ticket, ctx.args.to, ctx.args.to_counter),
        "transfer",
    ),
    "status": _status,
    "times": _times,
}
