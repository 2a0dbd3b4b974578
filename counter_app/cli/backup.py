"""`counter-app backup [-o FILE | --automatic]` and `counter-app restore FILE` (README:
officers)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from counter_app.backup import guarded, service
from counter_app.formats import show_datetime

if TYPE_CHECKING:
    from counter_app.cli.context import Context

MIB = 1024 * 1024


def cmd_backup(ctx: Context) -> int:
    db = service.sqlite_file(ctx.settings.db_url)
    target = Path(ctx.args.output) if ctx.args.output else None
    if ctx.args.automatic:  # the scheduled copy: no officer, the desk's own folder only
        result = service.take_backup(
            db, ctx.now(), kind="daily", all_days=ctx.settings.backup_all_days
        )
        _audit_automatic(ctx, result)
    else:
        result = guarded.backup_as(
            ctx.place, ctx.who, db, ctx.now, target, all_days=ctx.settings.backup_all_days
        )
    m = result.manifest
    ctx.emit(
        result.json(),
        f"Đã sao lưu {m.dossiers} hồ sơ, {m.events} sự kiện vào {result.file} "
        f"({m.bytes / MIB:.1f} MiB).\nSHA-256: {m.sha256}",
    )
    if result.removed:  # on stderr with --json too: a copy never goes without a word
        print(removed_line(result.removed_names(), ctx.settings.backup_all_days), file=sys.stderr)
    return 0


def _audit_automatic(ctx: Context, result: Any) -> None:
    """The trail says a copy was taken, by the desk itself (no officer signed in)."""
    from counter_app.audit import trail
    from counter_app.db import unit_of_work
    from counter_app.services import desk

    m = result.manifest
    detail: dict[str, object] = {"dossiers": m.dossiers, "events": m.events, "sha256": m.sha256}
    detail["automatic"] = True
    if result.removed:
        detail["removed"] = result.removed_names()
    with unit_of_work(ctx.sessions, write=True) as session:
        here = desk.local_desk(session).id
        who = trail.Who(None, "tự động")
        trail.record(session, here, who, trail.Action.BACKUP, ctx.now(), detail=detail)


def removed_line(names: list[str], all_days: int) -> str:
    return (
        f"Đã xoá {len(names)} bản sao cũ theo quy tắc giữ (mọi bản của {all_days} ngày "
        f"gần nhất, bản mới nhất của 7 ngày và 4 tuần gần nhất): {', '.join(names)}"
    )


def cmd_restore(ctx: Context) -> int:
    db = service.sqlite_file(ctx.settings.db_url)
    result = guarded.restore_as(ctx.place, ctx.who, db, Path(ctx.args.file), ctx.now)
    m = result.copy
    ctx.emit(
        result.json(),
        f"Đã khôi phục {db} từ bản sao lưu {result.file} (lúc "
        f"{show_datetime(m.created_at)}: {m.dossiers} hồ sơ, {m.events} sự kiện).\n"
        f"Dữ liệu trước khi khôi phục được giữ ở {result.kept}; có thể khôi phục lại "
        "từ tệp đó.",
    )
    return 0
