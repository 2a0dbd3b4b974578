"""What the desk does once it has started, in the background and one piece after the
other (one worker: the pool's other stays free for the officer's scans and lists): the
counts the start left out (COUNTED_LATER), then the day's automatic copy of the database.

Both were on the start's path: at 1,000,000 dossiers the counts took ~0.9 s before the
title, and the day's first start copied the whole file first (2.2 GB: 6-7 s).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from counter_app.ui.i18n import tr

if TYPE_CHECKING:
    from counter_app.backup.service import BackupResult
    from counter_app.ui.desk.main_window import MainWindow


def run(window: MainWindow, counted: bool) -> None:
    """`counted`: the start gave a list (its left-out counts are wanted); the copy is taken
    whatever happened (a login asked, an error told), as at every start of the day."""
    if counted:
        window.count_later(
            then=lambda: (daily_copy(window), sweep_documents(window), compact_portal(window))
        )
    else:
        daily_copy(window)
        sweep_documents(window)
        compact_portal(window)


def compact_portal(window: MainWindow) -> None:
    """The portal's messages sent a month ago give their bodies back (portal/compaction.py),
    in the background, after the day's copy."""
    c = window._context

    def compact() -> int:
        from counter_app.portal.compaction import compact

        return compact(c.sessions, c.now())

    c.tasks.run(compact, lambda _given: None, lambda _error: None, owner=None)


def sweep_documents(window: MainWindow) -> None:
    """Once the services are loaded: the documents folder's leftovers of an interrupted save
    (files no history entry names, older than 10 minutes) are removed, in the background."""
    c = window._context
    if c.sqlite_file() is None:
        return

    def sweep() -> int:
        from counter_app.digitisation import files

        store = c.digitisation.store()
        return len(store.sweep(c.read(files.named_hashes)))

    c.tasks.run(sweep, lambda _removed: None, lambda _error: None, owner=None)


def daily_copy(window: MainWindow) -> None:
    """The day's first start copies the database (nothing when the day has a copy); what the
    retention rule removed is told in the status bar."""
    c = window._context
    path = c.sqlite_file()
    if path is None:
        return

    def copy() -> BackupResult | None:
        from counter_app.backup.service import daily_backup_safely

        return daily_backup_safely(path, c.now(), c.settings.backup_all_days)

    def copied(made: BackupResult | None) -> None:
        removed = made.removed_names() if made else ()
        if removed:
            window.tell(
                tr("Sao lưu tự động: đã xoá {} bản sao cũ theo quy tắc giữ bản sao: {}").format(
                    len(removed), ", ".join(removed)
                )
            )

    c.tasks.run(copy, copied, lambda _error: None, owner=window)
