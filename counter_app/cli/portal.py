"""`counter-app portal configure|send|status|export|retry` (docs/portal.md)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from counter_app.cli.context import Commands, Context
    from counter_app.config import Settings

PASSWORD_ENV = "COUNTER_APP_PORTAL_PASSWORD"


def add_commands(commands: Commands) -> None:
    portal = commands.add("portal", "Cổng DVC quốc gia: khai báo, gửi, theo dõi, xuất tin")
    nested = portal.add_subparsers(dest="portal_command", metavar="LỆNH", required=True)
    conf = commands.add("configure", "khai báo cổng tích hợp của tỉnh (HTTPS)", nested)
    conf.add_argument("--url", required=True, metavar="URL", help="địa chỉ https:// của cổng")
    conf.add_argument("--user", default="", metavar="U", help="tài khoản đăng nhập cổng")
    conf.add_argument("--agency-code", default="", metavar="C", help="mã đơn vị (madonvi)")
    conf.add_argument("--ca", metavar="FILE", help="chứng chỉ CA riêng của cơ quan (PEM)")
    conf.set_defaults(no_database=configure)
    send = commands.add("send", "gửi các tin chưa gửi, theo thứ tự của từng hồ sơ", nested)
    when = send.add_mutually_exclusive_group()
    when.add_argument("--once", action="store_true", help="chỉ một lượt rồi thôi")
    when.add_argument(
        "--forever",
        action="store_true",
        help="chạy như một dịch vụ: gửi tin mới khi có; dừng bằng SIGTERM hoặc Ctrl+C",
    )
    status = commands.add("status", "tin chưa gửi, đã gửi, bị từ chối và lý do", nested)
    export = commands.add("export", "ghi các tin chưa gửi ra tệp JSON (100 tin một tệp)", nested)
    export.add_argument("-o", "--output", required=True, metavar="DIR", help="thư mục ghi")
    retry = commands.add("retry", "gửi lại các tin bị từ chối, khi đã sửa nguyên nhân", nested)
    which = retry.add_mutually_exclusive_group(required=True)
    which.add_argument("code", nargs="?", metavar="CODE", help="mã hồ sơ có tin bị từ chối")
    which.add_argument("--all-failed", action="store_true", help="mọi tin bị từ chối")
    from counter_app.cli.parser import day_text

    for form in (status, export):
        form.add_argument("--from", dest="first", type=day_text, metavar="DATE", help="từ ngày")
        form.add_argument("--to", dest="last", type=day_text, metavar="DATE", help="đến ngày")
    from counter_app.cli import portal_office

    portal_office.add_office_url(send, status, export)  # one sender per office
    from counter_app.cli import portal_import

    portal_import.add_inbound(commands, nested)  # import, accept, waiting: online dossiers


def configure(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.portal import settings as stored

    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        password = getpass.getpass("Mật khẩu cổng tích hợp: ") if sys.stdin.isatty() else ""
    ca = str(Path(args.ca).resolve()) if args.ca else None
    found = stored.PortalSettings(
        stored.checked_url(args.url), args.user, password, args.agency_code, ca
    )
    path = stored.settings_path()
    stored.save(found, path)
    print(f"Đã lưu cấu hình cổng tích hợp {found.url} vào {path} (chỉ người dùng này đọc được).")
    return 0


def cmd_portal(ctx: Context) -> int:
    from counter_app.cli.portal_import import INBOUND

    outbound = {"send": _send, "status": _status, "export": _export}
    if ctx.args.portal_command in outbound:  # joined to an office server: its one sender
        from counter_app.cli import portal_office

        if url := portal_office.office_url(ctx):
            return portal_office.run(ctx, url, outbound)
    elif ctx.args.portal_command == "retry":
        return _retry(ctx)
    return {**outbound, **INBOUND}[ctx.args.portal_command](ctx)


def _number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def _send(ctx: Context) -> int:
    from counter_app.errors import CounterError
    from counter_app.portal import sender
    from counter_app.portal import settings as stored
    from counter_app.portal.gateway import Gateway, Unreachable

    found = stored.load(stored.settings_path())
    timeout = _number("COUNTER_APP_PORTAL_TIMEOUT", 20)
    gateway = Gateway(found.url, found.user, found.password, found.agency_code, found.ca, timeout)
    lease = max(_number("COUNTER_APP_PORTAL_LEASE", 120), 5 * timeout)  # 4 requests a send
    backoff = _number("COUNTER_APP_PORTAL_BACKOFF", 30)
    upkeep = _office_upkeep(ctx)
    try:
        if ctx.args.forever:
            from counter_app.portal import service

            with service.stopped_by_signals() as stop:
                poll = _number("COUNTER_APP_PORTAL_POLL", 30)
                tally = service.forever(
                    ctx.sessions,
                    gateway,
                    ctx.now,
                    stop,
                    lease=lease,
                    backoff=backoff,
                    poll=poll,
                    upkeep=upkeep,
                )
        else:
            tally = sender.drain(
                ctx.sessions, gateway, ctx.now, once=ctx.args.once, lease=lease, backoff=backoff
            )
            if upkeep is not None:
                from counter_app.portal import service

                service.keep(lambda: upkeep(lambda: False))
    except Unreachable as error:
        raise CounterError(f"{error} Không tin nào bị mất: chúng sẽ được gửi lần sau.") from None
    finally:
        gateway.close()
    data = {"sent": tally.sent, "failed": tally.failed, "pending": tally.pending}
    text = f"Đã gửi {tally.sent}, bị từ chối {tally.failed}, còn chờ {tally.pending}."
    ctx.emit(data, text)
    return 0


def _office_upkeep(ctx: Context) -> Callable[[Callable[[], bool]], str] | None:
    """The office's sender (its table on PostgreSQL) also gives back the bodies of what it
    sent more than 30 days ago (server SQL 0027), as each desk does with its own."""
    if not ctx.office:  # a desk's own table (SQLite or PostgreSQL): the desk compacts it
        return None
    from counter_app.sync import portal_office

    def compact(stop: Callable[[], bool]) -> str:
        try:
            given = portal_office.compact(ctx.sessions, stop)
        except Exception as error:
            told = portal_office.trouble(error)
            if told is None:
                raise
            raise told from None
        return f"Đã thu gọn {given} tin gửi Cổng đã gửi quá 30 ngày." if given else ""

    return compact


def _days(args: argparse.Namespace) -> tuple[Any, Any]:
    from datetime import date

    return (
        date.fromisoformat(args.first) if args.first else None,
        date.fromisoformat(args.last) if args.last else None,
    )


def _status(ctx: Context) -> int:
    from counter_app.db import unit_of_work
    from counter_app.portal import status

    first, last = _days(ctx.args)
    with unit_of_work(ctx.sessions, snapshot=True) as session:
        calendar = status.calendar_of(session, ctx.settings.agency_code)
        found = status.status(session, first, last, now=ctx.now(), calendar=calendar)
    ctx.emit(status.status_json(found), status.status_text(found))
    return 0


def _export(ctx: Context) -> int:
    from counter_app.db import unit_of_work
    from counter_app.portal import status

    first, last = _days(ctx.args)
    with unit_of_work(ctx.sessions, snapshot=True) as session:
        files = status.export(session, Path(ctx.args.output), first, last)
    ctx.emit(
        {"files": [str(f) for f in files]},
        f"Đã ghi {len(files)} tệp vào {ctx.args.output} (không tin nào được đánh dấu đã gửi).",
    )
    return 0


def _retry(ctx: Context) -> int:
    from counter_app.portal import retry

    done = ctx.act(lambda s, who: retry.retry(s, who, ctx.now(), ctx.args.code), need_agency=False)
    data = {"pending": done.pending, "held": done.held, "dossiers": done.dossiers}
    text = f"Đã đưa {done.pending} tin bị từ chối của {done.dossiers} hồ sơ về hàng chờ gửi"
    if done.held:
        text += f"; {done.held} tin hồ sơ không gửi lại vì Cổng đã nhận thông tin mới hơn của hồ sơ"
    ctx.emit(data, text + ". Lần chạy portal send tới sẽ gửi chúng.")
    return 0
