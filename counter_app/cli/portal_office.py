"""`portal send|status|export` where the office's messages are (docs/portal.md, "One office,
one sender"): on a desk joined to an office server, the server's table through the desk's
own URL; with `--office-url URL` (on the server's machine), that database directly, and no
desk database is opened. A desk that works alone keeps its own outbox, as before."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from counter_app.errors import ConfigurationError, CounterError

if TYPE_CHECKING:
    from counter_app.cli.context import Context
    from counter_app.config import Settings

Handler = Callable[["Context"], int]


class _OfficeOnly(argparse.Action):
    """--office-url: the command works on the office's database alone (no desk's)."""

    def __call__(self, parser: Any, namespace: Any, values: Any, option: Any = None) -> None:
        setattr(namespace, self.dest, values)
        namespace.no_database = without_desk


def add_office_url(*parsers: argparse.ArgumentParser) -> None:
    for parser in parsers:
        parser.add_argument(
            "--office-url",
            action=_OfficeOnly,
            metavar="URL",
            help="URL PostgreSQL của máy chủ văn phòng (chạy trên máy chủ: máy gửi của văn phòng)",
        )


def without_desk(settings: Settings, args: argparse.Namespace) -> int:
    from counter_app.cli.context import Context
    from counter_app.cli.portal import cmd_portal

    return cmd_portal(Context(settings, None, args))  # type: ignore[arg-type]


def office_url(ctx: Context) -> str | None:
    """The office's database when the messages are there: --office-url, or the server this
    desk joined; None for a desk that works alone."""
    given = getattr(ctx.args, "office_url", None)
    if given or ctx.sessions is None:
        return str(given) if given else None
    from counter_app.sync import state

    return state.load_url(ctx.settings.db_url)


def run(ctx: Context, url: str, outbound: Mapping[str, Handler]) -> int:
    """send and export on the office's table through the same code as a desk's own (the
    office's sender: the server's administrator or the designated desk); status from the
    office's figures, which any desk of the agency may read."""
    from counter_app.sync import portal_office

    if ctx.args.portal_command == "status":
        return _status(ctx, url)
    engine, sessions = portal_office.office_sessions(url)
    try:
        return outbound[ctx.args.portal_command](replace(ctx, sessions=sessions, office=True))
    except Exception as error:  # the server's refusal or a dead line, said in Vietnamese
        told = portal_office.trouble(error)
        if told is None:
            raise
        raise told from None
    finally:
        engine.dispose()


def _bounds(args: argparse.Namespace) -> tuple[datetime | None, datetime | None]:
    from counter_app.portal.status import bounds

    first = date.fromisoformat(args.first) if args.first else None
    last = date.fromisoformat(args.last) if args.last else None
    return bounds(first, last)


def _status(ctx: Context, url: str) -> int:
    from counter_app.portal import status
    from counter_app.sync.link import Link, Offline, Refused

    first, last = _bounds(ctx.args)
    try:
        with Link(url) as link:
            data = link.portal_status(first, last)
    except Offline as error:
        told = f"{error} Chưa xem được tình trạng gửi Cổng của văn phòng."
        if ctx.sessions is not None:
            told += f" Bàn này còn {_not_pushed(ctx)} tin chưa chuyển lên máy chủ."
        raise CounterError(told) from None
    except Refused as refused:
        if refused.sqlstate == "42883":  # undefined_function: a server before SQL 0021
            raise ConfigurationError(
                "Máy chủ văn phòng chưa có hàng đợi tin gửi Cổng: người quản trị chạy "
                "counter-app server init để nâng cấp lược đồ."
            ) from None
        raise
    found = status.from_office(data, ctx.now(), _calendar(ctx))
    shown, text = status.status_json(found), status.status_text(found)
    if ctx.sessions is not None:  # a joined desk: what it has not handed over yet
        shown["not_pushed"] = _not_pushed(ctx)
        text += f"\nBàn này còn {shown['not_pushed']} tin chưa chuyển lên máy chủ văn phòng."
    ctx.emit(shown, text)
    return 0


def _calendar(ctx: Context) -> Any:
    from counter_app.calendar import DEFAULT_HOURS, WorkingCalendar, WorkingHours
    from counter_app.db import unit_of_work
    from counter_app.portal import status

    calendar = WorkingCalendar(WorkingHours.parse(DEFAULT_HOURS))
    if ctx.sessions is not None:
        with unit_of_work(ctx.sessions) as session:
            calendar = status.calendar_of(session, ctx.settings.agency_code)
    return calendar


def _not_pushed(ctx: Context) -> int:
    if ctx.sessions is None:
        return 0
    from counter_app.db import unit_of_work
    from counter_app.portal import outbox

    with unit_of_work(ctx.sessions) as session:
        return outbox.pending_count(session)
