"""`counter-app backup [-o FILE]` and `counter-app restore FILE` (spec/officers.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from counter_app.backup import guarded, service
from counter_app.formats import show_datetime

if TYPE_CHECKING:
    from counter_app.cli.context import Context

MIB = 1024 * 1024


def cmd_backup(ctx: Context) -> int:
    db = service.sqlite_file(ctx.settings.db_url)
    target = Path(ctx.args.output) if ctx.args.output else None
    result = guarded.backup_as(ctx.place, ctx.who, db, ctx.now, target)
    m = result.manifest
    removed = f"\nĐã xoá {len(result.removed)} bản sao cũ theo quy tắc giữ 7 ngày, 4 tuần." \
        if result.removed else ""  # fmt: skip
    ctx.emit(result.json(),
             f"Đã sao lưu {m.dossiers} hồ sơ, {m.events} sự kiện vào {result.file} "
             f"({m.bytes / MIB:.1f} MiB).\nSHA-256: {m.sha256}{removed}")  # fmt: skip
    return 0


def cmd_restore(ctx: Context) -> int:
    db = service.sqlite_file(ctx.settings.db_url)
    result = guarded.restore_as(ctx.place, ctx.who, db, Path(ctx.args.file), ctx.now)
    m = result.copy
    ctx.emit(result.json(),
             f"Đã khôi phục {db} từ bản sao lưu {result.file} (lúc "
             f"{show_datetime(m.created_at)}: {m.dossiers} hồ sơ, {m.events} sự kiện).\n"
             f"Dữ liệu trước khi khôi phục được giữ ở {result.kept}; có thể khôi phục lại "
             "từ tệp đó.")  # fmt: skip
    return 0
