"""`counter-app complaint add|reply|assign|close|list|show|due-days`: the register of
complaints and recommendations (docs/citizen.md). On a joined desk the register is the
office server's; alone, the desk's own."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from counter_app.formats import iso, show_datetime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from counter_app.acting.actor import Actor
    from counter_app.citizen.complaint_form import ComplaintRow
    from counter_app.citizen.register import Register
    from counter_app.cli.context import Commands, Context

ID_HELP = "số phản ánh, như PA-2026-0007"
LIST_CHOICES = {
    "open": "chưa đóng",
    "overdue": "quá hạn trả lời",
    "due_soon": "sắp đến hạn trả lời (3 ngày)",
    "published": "đã công khai trả lời",
}


def add_commands(commands: Commands) -> None:
    complaint = commands.add("complaint", "sổ phản ánh, kiến nghị")
    nested = complaint.add_subparsers(dest="complaint_command", metavar="LỆNH", required=True)
    commands.add("add", "ghi một phản ánh từ tệp JSON (hoặc -)", nested).add_argument(
        "file", metavar="FILE|-", help="phản ánh dạng JSON, hoặc - cho đầu vào chuẩn"
    )
    reply = commands.add("reply", "ghi trả lời một phản ánh", nested)
    reply.add_argument("id", metavar="ID", help=ID_HELP)
    reply.add_argument("--text", required=True, metavar="T", help="nội dung trả lời")
    reply.add_argument("--publish", action="store_true", help="công khai trả lời")
    assign = commands.add("assign", "giao phản ánh cho một cán bộ xử lý", nested)
    assign.add_argument("id", metavar="ID", help=ID_HELP)
    assign.add_argument("--to", required=True, metavar="OFFICER", help="tên đăng nhập cán bộ")
    commands.add("close", "đóng một phản ánh đã trả lời", nested).add_argument(
        "id", metavar="ID", help=ID_HELP
    )
    listing = commands.add("list", "các phản ánh (không có thông tin cá nhân)", nested)
    which = listing.add_mutually_exclusive_group()
    for name, text in LIST_CHOICES.items():
        flag = "--" + name.replace("_", "-")
        which.add_argument(flag, dest="which", action="store_const", const=name, help=text)
    commands.add("show", "xem một phản ánh, cả người phản ánh", nested).add_argument(
        "id", metavar="ID", help=ID_HELP
    )
    days = commands.add("due-days", "số ngày làm việc để trả lời (xem, hoặc đặt)", nested)
    days.add_argument("days", nargs="?", type=int, metavar="N", help="từ 1 đến 60")
    days.add_argument("--admin-url", metavar="URL", help="máy chủ văn phòng (người quản trị)")
    days.add_argument("--agency", metavar="CODE", help="mã cơ quan, với --admin-url")


def register(ctx: Context, session: Session, who: Actor) -> Register:
    from counter_app.citizen.register_office import opened

    return opened(session, who.agency_id, ctx.settings.db_url)


def row_json(row: ComplaintRow, now: Any) -> dict[str, Any]:
    return {
        "id": row.number,
        "received_at": iso(row.received_at),
        "due_at": iso(row.due_at),
        "status": row.status,
        "code": row.code,
        "assignee": row.assignee,
        "published": row.published_at is not None,
        "procedure": row.procedure,
        "channel": row.channel,
        "replied_at": iso(row.replied_at),
        "closed_at": iso(row.closed_at),
        "overdue": row.overdue(now),
    }


def row_text(row: ComplaintRow) -> str:
    from counter_app.citizen.complaint_form import CHANNELS, STATUSES

    about = f" · hồ sơ {row.code}" if row.code else ""
    return (
        f"{row.number}  nhận {show_datetime(row.received_at)}  hạn {show_datetime(row.due_at)}"
        f"  {STATUSES[row.status]}  {CHANNELS.get(row.channel, row.channel)}{about}"
        + (f" · giao {row.assignee}" if row.assignee else "")
        + (" · đã công khai" if row.published_at else "")
    )


def _changed(ctx: Context, work: Any, said: str) -> int:
    now = ctx.now()
    row = ctx.act(lambda s, who: work(register(ctx, s, who), s, who, now))
    ctx.emit(row_json(row, now), f"{said} {row.number}.\n{row_text(row)}", f"{said} {row.number}")
    return 0


def cmd_complaint(ctx: Context) -> int:
    from counter_app.citizen import complaints
    from counter_app.citizen.complaint_form import read_form
    from counter_app.cli.context import read_json

    a = ctx.args
    command = a.complaint_command
    if command == "add":
        form = read_form(read_json(a.file, 64 * 1024))
        return _changed(ctx, lambda r, s, w, n: complaints.add(r, s, w, form, n), "Đã ghi phản ánh")
    if command == "reply":
        return _changed(
            ctx,
            lambda r, s, w, n: complaints.reply(r, s, w, a.id, a.text, a.publish, n),
            "Đã ghi trả lời phản ánh",
        )
    if command == "assign":
        return _changed(
            ctx, lambda r, s, w, n: complaints.assign(r, s, w, a.id, a.to, n), "Đã giao phản ánh"
        )
    if command == "close":
        return _changed(
            ctx, lambda r, s, w, n: complaints.close(r, s, w, a.id, n), "Đã đóng phản ánh"
        )
    return {"list": _list, "show": _show, "due-days": _due_days}[command](ctx)


def _list(ctx: Context) -> int:
    from counter_app.citizen import complaints

    now = ctx.now()
    rows = ctx.look(
        lambda s, who: complaints.listed(register(ctx, s, who), who, ctx.args.which, now),
        "list",
        detail=lambda r: {"list": "complaints", "rows": len(r)},
    )
    ctx.emit(
        {"complaints": [row_json(r, now) for r in rows]},
        "\n".join(row_text(r) for r in rows) or "Không có phản ánh nào.",
    )
    return 0


def _show(ctx: Context) -> int:
    from counter_app.citizen import complaints

    now = ctx.now()
    found = ctx.act(lambda s, who: complaints.show(register(ctx, s, who), s, who, ctx.args.id, now))
    person = {"name": found.name, "phone": found.phone, "address": found.address}
    ctx.emit(
        row_json(found.row, now)
        | {"person": person, "content": found.content, "reply": found.reply},
        "\n".join(
            [
                row_text(found.row),
                f"Người phản ánh: {found.name}",
                f"Điện thoại: {found.phone or '—'} · Địa chỉ: {found.address or '—'}",
                f"Nội dung: {found.content}",
                f"Trả lời: {found.reply or '(chưa có)'}",
            ]
        ),
    )
    return 0


def _due_days(ctx: Context) -> int:
    from counter_app.citizen import complaints

    a = ctx.args
    if a.admin_url:
        from counter_app.citizen.register_office import set_due_days_on_server

        if a.days is None or not a.agency:
            raise _usage("với --admin-url, cần N và --agency MÃ.")
        set_due_days_on_server(a.admin_url, a.agency, a.days)
        days = a.days
    elif a.days is None:
        days = ctx.act(lambda s, who: register(ctx, s, who).due_days())
    else:
        days = ctx.act(
            lambda s, who: complaints.set_due_days(register(ctx, s, who), s, who, a.days, ctx.now())
        )
    ctx.emit({"due_days": days}, f"Hạn trả lời phản ánh: {days} ngày làm việc.")
    return 0


def _usage(message: str) -> Exception:
    from counter_app.cli.parser import UsageError

    return UsageError(message)


HANDLERS = {"complaint": cmd_complaint}
