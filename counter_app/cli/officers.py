"""`counter-app officer …` and `counter-app audit …` (shared/spec/officers.md)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from counter_app.clock import parse_day
from counter_app.errors import ValidationError
from counter_app.formats import iso, show_datetime

if TYPE_CHECKING:
    from counter_app.cli.context import Commands, Context

ROLES = ("reception", "leader", "admin", "inspector")
DAY_HELP = "ngày dạng YYYY-MM-DD"


def add_commands(commands: Commands) -> None:
    officer = commands.add("officer", "cán bộ: thêm, liệt kê, khoá, mở lại, đổi mật khẩu")
    nested = officer.add_subparsers(dest="officer_command", metavar="LỆNH", required=True)
    add = commands.add("add", "thêm cán bộ (mật khẩu: COUNTER_APP_NEW_PASSWORD hoặc hỏi)", nested)
    add.add_argument("username", metavar="USERNAME", help="tên đăng nhập")
    add.add_argument("--name", required=True, metavar="NAME", help="họ tên, in trên phiếu")
    add.add_argument("--role", required=True, choices=ROLES, help="vai trò")
    commands.add("list", "danh sách cán bộ", nested)
    for name, text in (
        ("disable", "khoá tài khoản"),
        ("enable", "mở lại tài khoản"),
        ("passwd", "đặt mật khẩu mới"),
    ):
        commands.add(name, text, nested).add_argument(
            "username", metavar="USERNAME", help="tên đăng nhập"
        )
    audit = commands.add(
        "audit",
        "nhật ký truy cập (cán bộ thực hiện: --officer đặt trước lệnh, hoặc COUNTER_APP_OFFICER)",
        acting_officer=False,
    )
    audit.add_argument(
        "what",
        nargs="?",
        choices=("verify",),
        metavar="verify",
        help="kiểm tra nhật ký không bị sửa, xoá hay chèn",
    )
    audit.add_argument("--from", dest="first", metavar="DATE", help=DAY_HELP)
    audit.add_argument("--to", dest="last", metavar="DATE", help=DAY_HELP)
    audit.add_argument(
        "--officer", dest="by_officer", metavar="U", help="chỉ các mục của cán bộ này"
    )
    audit.add_argument("--code", metavar="CODE", help="chỉ các mục về hồ sơ này")


def new_password(stdin_is_terminal: bool | None = None) -> str:
    """From COUNTER_APP_NEW_PASSWORD, or asked twice on a terminal (never echoed)."""
    given = os.environ.get("COUNTER_APP_NEW_PASSWORD")
    if given:
        return given
    if not (sys.stdin.isatty() if stdin_is_terminal is None else stdin_is_terminal):
        raise ValidationError(
            "Cần mật khẩu mới: đặt COUNTER_APP_NEW_PASSWORD, hoặc chạy "
            "lệnh trong cửa sổ dòng lệnh để được hỏi.",
            "password",
        )
    first = getpass.getpass("Mật khẩu mới: ")
    if getpass.getpass("Nhập lại mật khẩu mới: ") != first:
        raise ValidationError("Hai lần nhập mật khẩu không khớp.", "password")
    return first


def cmd_officer(ctx: Context) -> int:
    from counter_app.officers import accounts
    from counter_app.sync.office_officers import refuse_at_a_joined_desk

    a, now = ctx.args, ctx.now()
    match a.officer_command:
        case "list":
            rows = ctx.act(lambda s, who: accounts.officers(s, who), False)
            ctx.emit(
                {"officers": [_json(o) for o in rows]},
                "\n".join(_line(o) for o in rows) or "Chưa có cán bộ nào.",
            )
            return 0
        case "add":
            refuse_at_a_joined_desk(ctx.settings.db_url)
            password = new_password()
            done = ctx.act(
                lambda s, who: accounts.add(s, who, a.username, a.name, a.role, password, now),
                False,
            )
        case "passwd":
            refuse_at_a_joined_desk(ctx.settings.db_url)
            password = new_password()
            done = ctx.act(
                lambda s, who: accounts.set_password(s, who, a.username, password, now), False
            )
        case _:
            refuse_at_a_joined_desk(ctx.settings.db_url)
            active = a.officer_command == "enable"
            done = ctx.act(
                lambda s, who: accounts.set_active(s, who, a.username, active, now), False
            )
    ctx.emit(_json(done), _line(done), f"Đã ghi thay đổi của cán bộ {done.username}")
    return 0


def _json(o: Any) -> dict[str, Any]:
    return {"username": o.username, "name": o.name, "role": o.role, "active": o.active}


def _line(o: Any) -> str:
    from counter_app.acting.roles import ROLE_LABELS, Role

    role = ROLE_LABELS[Role(o.role)] if o.role else "chưa có tài khoản"
    return f"{o.username:<16} {o.name} · {role} · {'hoạt động' if o.active else 'đã khoá'}"


def _day(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return parse_day(value)
    except ValueError:
        raise ValidationError(f"{name}: {DAY_HELP}.", name) from None


def cmd_audit(ctx: Context) -> int:
    from counter_app.audit import query
    from counter_app.audit.verify import verify_as

    a = ctx.args
    if a.what == "verify":
        from counter_app.anchors import gather

        anchors, told = gather(ctx.settings.db_url)
        verdict = ctx.act(lambda s, who: verify_as(s, who, ctx.now(), anchors), False)
        if verdict.intact:
            ctx.emit(
                {
                    "intact": True,
                    "entries": verdict.entries,
                    "desks": verdict.desks,
                    "anchors": told,
                },
                f"Nhật ký nguyên vẹn: {verdict.entries} mục của {verdict.desks} bàn. "
                f"{_anchors_text(told)}",
            )
            return 0
        b = verdict.first_break
        print(
            f"error: nhật ký KHÔNG nguyên vẹn — bàn {b.desk}, mục số {b.seq}"
            f"{' (' + show_datetime(b.at) + ')' if b.at else ''}: {b.why}.",
            file=sys.stderr,
        )
        return 1
    where = query.Filter(_day(a.first, "--from"), _day(a.last, "--to"), a.by_officer, a.code)
    found = ctx.act(lambda s, who: query.read(s, who, where, ctx.now()), False)
    ctx.emit(
        {
            "entries": [
                {
                    "at": iso(e.at),
                    "officer": e.officer,
                    "desk": e.desk,
                    "action": e.action,
                    "code": e.code,
                    "outcome": e.outcome,
                }
                for e in found
            ]
        },
        "\n".join(
            f"{show_datetime(e.at)}  {e.officer:<16} {e.desk} · {e.action}"
            f"{' · ' + e.code if e.code else ''}"
            f"{'' if e.outcome == 'ok' else ' · từ chối'}"
            for e in found
        )
        or "Không có mục nào.",
    )
    return 0


def _anchors_text(told: dict[str, Any]) -> str:
    server = {
        "checked": "khớp với bản đã gửi lên máy chủ văn phòng",
        "unreachable": "CHƯA đối chiếu được với máy chủ văn phòng (không kết nối được)",
        "not_joined": "bàn chưa tham gia máy chủ văn phòng",
    }[told["server"]]
    return f"Đối chiếu: {server}; {told['backups']} bản sao lưu."


def password_for(args: argparse.Namespace, username: str) -> str:
    """The acting officer's password: COUNTER_APP_PASSWORD, or asked on a terminal."""
    given = os.environ.get("COUNTER_APP_PASSWORD")
    if given:
        return given
    if not sys.stdin.isatty():
        from counter_app.errors import LoginRefused

        raise LoginRefused(
            "Cơ sở dữ liệu này yêu cầu đăng nhập: đặt COUNTER_APP_PASSWORD "
            "(mật khẩu của --officer), hoặc chạy lệnh trong cửa sổ dòng lệnh "
            "để được hỏi."
        )
    return getpass.getpass(f"Mật khẩu của {username}: ")
