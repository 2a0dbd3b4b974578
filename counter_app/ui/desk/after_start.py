"""What the desk does once it has started, in the background and one piece after the
other: the counts the start left out (COUNTED_LATER), the day's automatic copy of the
database, the documents folder's leftovers, the portal's month-old messages compacted.

One piece at a time, each started when the one before has ended: the pool has two
workers, and the other stays free for the officer's scans and lists. (Started together,
the day's copy and the compaction of a desk just upgraded took both: a scan waited for
the copy's end, over a second at 1,000,000 dossiers.) Once all are done the window's
`after_started` is sent.

The counts and the copy were on the start's path: at 1,000,000 dossiers the counts took
~0.9 s before the title, and the day's first start copied the whole file first (2.2 GB:
6-7 s).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from counter_app.ui.i18n import tr
from counter_app.ui.tasks import alive

if TYPE_CHECKING:
    from pathlib import Path

    from counter_app.backup.service import BackupResult
    from counter_app.ui.app import AppContext
    from counter_app.ui.desk.main_window import MainWindow

Then = Callable[[], None]


def run(window: MainWindow, counted: bool) -> None:
    """`counted`: the start gave a list (its left-out counts are wanted); the rest is done
    whatever happened (a login asked, an error told), as at every start of the day."""
    steps = (daily_copy, sweep_documents, compact_portal)

    def chain(left: tuple[Callable[[MainWindow, Then], None], ...]) -> None:
        if not alive(window):
            return
        if left:
            left[0](window, lambda: chain(left[1:]))
        else:
            window.after_start_done = True
            window.after_started.emit()

    if counted:
        window.count_later(then=lambda: chain(steps))
    else:
        chain(steps)


def _in_turn(window: MainWindow, work: Callable[[], Any], then: Then, done: Any = None) -> None:
    """`work` in the pool; `done(result)` on the GUI thread, then `then` (after a failure
    too: the next piece does not depend on this one)."""

    def finished(result: Any) -> None:
        try:
            if done is not None:
                done(result)
        finally:  # what it said failed to show: the next piece still comes
            then()

    window._context.tasks.run(work, finished, lambda _error: then(), owner=window)


def copy(c: AppContext, path: Path) -> BackupResult | None:
    from counter_app.backup.service import daily_backup_safely

    return daily_backup_safely(path, c.now(), c.settings.backup_all_days)


def sweep(c: AppContext) -> int:
    from counter_app.digitisation import files

    store = c.digitisation.store()
    return len(store.sweep(c.read(files.named_hashes)))


def compact(c: AppContext) -> int:
    from counter_app.portal.compaction import compact

    return compact(c.sessions, c.now())


def daily_copy(window: MainWindow, then: Then) -> None:
    """The day's first start copies the database (nothing when the day has a copy); what the
    retention rule removed is told in the status bar."""
    c = window._context
    path = c.sqlite_file()
    if path is None:
        then()
        return

    def copied(made: BackupResult | None) -> None:
        removed = made.removed_names() if made else ()
        if removed:
            window.tell(
                tr("Sao lưu tự động: đã xoá {} bản sao cũ theo quy tắc giữ bản sao: {}").format(
                    len(removed), ", ".join(removed)
                )
            )

    _in_turn(window, lambda: copy(c, path), then, copied)


def sweep_documents(window: MainWindow, then: Then) -> None:
    """The documents folder's leftovers of an interrupted save (files no history entry
    names, older than 10 minutes) are removed."""
    c = window._context
    if c.sqlite_file() is None:
        then()
        return
    _in_turn(window, lambda: sweep(c), then)


def compact_portal(window: MainWindow, then: Then) -> None:
    """The portal's messages sent a month ago give their bodies back (portal/compaction.py)."""
    c = window._context
    _in_turn(window, lambda: compact(c), then)
