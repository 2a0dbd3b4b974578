"""Entry point of the `counter-app` command: a thin layer over the services.

Exit codes (spec/cli.md): 0 success; 2 input refused, with one `error:` line on stderr and
nothing written; 1 any other failure.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from counter_app.config import Settings
from counter_app.errors import CounterError, RefusedInput

EXIT_OK, EXIT_FAILURE, EXIT_REFUSED = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    from counter_app.cli.parser import build, desk_options

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = desk_options(argv) or build().parse_args(argv)
    except RefusedInput as error:
        return _fail(EXIT_REFUSED, str(error))
    if args.command is None:
        from counter_app.ui.launch import run_desk

        return run_desk(args.db, args.officer, check_start=args.check_start)
    settings = Settings.load(db_url=args.db, officer=args.officer)
    try:
        return _run(settings, args)
    except BrokenPipeError:  # the reader stopped early (| head): not a failure
        sys.stderr.close()
        return EXIT_OK
    except RefusedInput as error:
        return _fail(EXIT_REFUSED, str(error))
    except CounterError as error:
        return _fail(EXIT_FAILURE, str(error))
    except Exception as error:  # the last line of defence: one line, no personal data
        if os.environ.get("COUNTER_APP_DEBUG"):
            raise
        return _fail(EXIT_FAILURE, f"lỗi không mong đợi ({type(error).__name__}); "
                                   "đặt COUNTER_APP_DEBUG=1 để xem chi tiết.")  # fmt: skip


def _run(settings: Settings, args: object) -> int:
    from counter_app.cli.commands import HANDLERS, Context
    from counter_app.cli.printing import cmd_print

    HANDLERS.setdefault("print", cmd_print)
    from counter_app.db import make_engine, migrate, session_factory

    engine = make_engine(settings.db_url)
    try:
        migrate(engine)
        ctx = Context(settings, session_factory(engine), args)  # type: ignore[arg-type]
        return HANDLERS[args.command](ctx)  # type: ignore[attr-defined]
    finally:
        engine.dispose()


def _fail(code: int, message: str) -> int:
    """One line on stderr, whatever the message holds (typed input may contain newlines)."""
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in message).split())
    print(f"error: {line}", file=sys.stderr)
    return code
