"""Entry point of the `counter-app` command: a thin layer over the services.

Exit codes (docs/cli.md): 0 success; 2 input refused, with one `error:` line on stderr and
nothing written; 1 any other failure (the database in trouble, a result that could not be
written after the work was done: the message says which).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

from counter_app.config import Settings
from counter_app.errors import CounterError, LoginNeeded, RefusedInput

EXIT_OK, EXIT_FAILURE, EXIT_REFUSED = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    from counter_app.cli.parser import build, desk_options

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        _check_arguments(argv)
        args = desk_options(argv) or build().parse_args(argv)
    except RefusedInput as error:
        return _fail(EXIT_REFUSED, str(error))
    except SystemExit as done:  # --help, --version: printed, nothing else to do
        return done.code if isinstance(done.code, int) else EXIT_OK
    if args.command is None:
        from counter_app.ui.launch import run_desk

        return run_desk(args.db, args.officer, check_start=args.check_start)
    try:
        return _run(Settings.load(db_url=args.db, officer=args.officer), args)
    except BrokenPipeError:  # the reader stopped early (| head): not a failure
        sys.stderr.close()
        return EXIT_OK
    except LoginNeeded:  # became needed while the command ran (another desk's admin)
        return _fail(
            EXIT_REFUSED,
            "Cơ sở dữ liệu này yêu cầu đăng nhập: cho biết cán bộ "
            "(--officer) và mật khẩu (COUNTER_APP_PASSWORD).",
        )
    except RefusedInput as error:
        return _fail(EXIT_REFUSED, str(error))
    except CounterError as error:
        return _fail(EXIT_FAILURE, str(error))
    except Exception as error:  # the last line of defence: one line, no personal data
        return _unexpected(error)


def _check_arguments(argv: list[str]) -> None:
    """Arguments that are not text (bytes a shell passed that are not UTF-8) are refused
    before anything reads them."""
    from counter_app.cli.parser import UsageError
    from counter_app.text import has_surrogate

    if any(has_surrogate(arg) for arg in argv):
        raise UsageError("Có đối số không phải văn bản UTF-8 (kiểm tra bảng mã của cửa sổ lệnh).")


def _run(settings: Settings, args: object) -> int:
    from counter_app.cli.commands import HANDLERS
    from counter_app.cli.context import Context
    from counter_app.cli.printing import cmd_print
    from counter_app.cli.reports import cmd_report

    HANDLERS.setdefault("print", cmd_print)
    HANDLERS.setdefault("report", cmd_report)
    if (no_database := getattr(args, "no_database", None)) is not None:  # devices
        return int(no_database(settings, args))
    if getattr(args, "sqlite_only", False):  # backup, restore: no PostgreSQL driver needed
        from counter_app.backup.service import sqlite_file

        sqlite_file(settings.db_url)
    from counter_app.db import make_engine, session_factory

    if args.command == "server":  # the office server, with its administrator's URL alone
        return HANDLERS["server"](Context(settings, None, args))  # type: ignore[arg-type]
    engine = make_engine(settings.db_url, settings.busy_timeout_s)
    try:
        _upgraded(engine)
        ctx = _signed_in(Context(settings, session_factory(engine), args))  # type: ignore[arg-type]
        return HANDLERS[args.command](ctx)  # type: ignore[attr-defined]
    finally:
        engine.dispose()


def _upgraded(engine: Any) -> None:
    """The schema brought to this version's, a copy taken first when it was behind
    (backup/upgrade.py); that copy is named on stderr, once."""
    from counter_app import clock
    from counter_app.backup.upgrade import migrate_keeping

    copy = migrate_keeping(engine, clock.now)
    if copy is not None:
        print(f"Đã nâng cấp cơ sở dữ liệu; bản sao lưu trước khi nâng cấp: {copy}", file=sys.stderr)


def _signed_in(ctx: Any) -> Any:
    """Once the database has an administrator, every command runs as an officer who
    proved their password (--officer or COUNTER_APP_OFFICER, COUNTER_APP_PASSWORD or a
    prompt); a failure is counted and audited, and refused with exit 2."""
    from dataclasses import replace

    from counter_app.cli.officers import password_for
    from counter_app.officers import session

    if not session.needs_login(ctx.place):
        return ctx
    if ctx.args.command == "init":  # nothing to set up on a database with officers: no login
        return ctx
    if ctx.args.command == "backup" and ctx.args.automatic:  # a scheduler has no password;
        return ctx  # the copy stays in the OS user's own folder, as the start-up copy does
    username = ctx.settings.officer
    signed = session.sign_in(ctx.place, username, password_for(ctx.args, username), ctx.now())
    return replace(ctx, signed=signed)


def _unexpected(error: Exception) -> int:
    """Database trouble told for what it is; anything else by its type alone."""
    from counter_app.db_trouble import explain

    trouble = explain(error)
    if trouble is not None:
        return _fail(
            EXIT_REFUSED if isinstance(trouble, RefusedInput) else EXIT_FAILURE, str(trouble)
        )
    if isinstance(error, OSError):  # a file the command reads or writes
        from counter_app.db_files import why

        return _fail(EXIT_FAILURE, f"Không đọc hoặc ghi được tệp: {why(error)}.")
    if os.environ.get("COUNTER_APP_DEBUG"):
        raise error
    return _fail(
        EXIT_FAILURE,
        f"lỗi không mong đợi ({type(error).__name__}); đặt COUNTER_APP_DEBUG=1 để xem chi tiết.",
    )


def _fail(code: int, message: str) -> int:
    """One line on stderr, whatever the message holds (typed input may contain newlines)."""
    from counter_app.cli.output import write_error

    write_error(message)
    return code
