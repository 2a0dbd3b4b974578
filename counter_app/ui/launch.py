"""Starting the desk GUI (`counter-app` with no command)."""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from counter_app.config import Settings

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from counter_app.ui.app import AppContext
    from counter_app.ui.desk.main_window import MainWindow
    from counter_app.ui.desk.scanner import ScanFilter


@dataclass
class Desk:
    """The running desk's parts, kept referenced while it runs."""

    app: QApplication
    context: AppContext
    window: MainWindow
    translator: QTranslator | None
    scanner: ScanFilter | None = None  # armed once the first list is shown


def open_desk(db_url: str | None, officer: str | None) -> Desk:
    """The main window on screen, its first list on the way; settings come from the command
    line, the environment, then what the settings screen stored."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from counter_app.ui import import_check

    import_check.install()  # before the window's modules, and the workers' imports
    from counter_app.ui.app import AppContext
    from counter_app.ui.desk.main_window import MainWindow
    from counter_app.ui.i18n import install
    from counter_app.ui.preferences import Preferences

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("counter-app")
    preferences = Preferences()
    settings = Settings.load(db_url=db_url, officer=officer, stored=preferences.stored_settings())
    translator = install(settings.language)
    context = AppContext.build(settings)
    window = MainWindow(context, preferences)
    desk = Desk(app, context, window, translator)
    # The scanner works whatever widget has the focus, so it filters every event of every
    # widget, each one a call into Python: ~25 ms while the window is being built. Nobody
    # scans before the first list is on screen (or the error is told): armed just after.
    window.settled.connect(
        lambda: QTimer.singleShot(
            0, lambda: (arm_scanner(desk, settings), arm_idle_lock(desk, settings))
        )
    )
    window.show()
    return desk


def arm_idle_lock(desk: Desk, settings: Settings) -> None:
    """After the set idle minutes the desk locks itself (when its database has a login):
    any key, click or wheel restarts the count."""
    from counter_app.ui.desk.idle import IdleWatch

    watch = desk.window.idle = IdleWatch(settings.lock_minutes, desk.window)
    watch.idle.connect(desk.window.lock)
    if desk.scanner is not None:  # the scanner's filter sees every event already
        desk.scanner.activity = watch.restart
    else:
        desk.app.installEventFilter(watch)


def arm_scanner(desk: Desk, settings: Settings) -> None:
    """Armed at once with the general shape of a scan (no database: SQLAlchemy and the
    models may still be loading, and the first scan must not wait for them), then, once
    the full start is over, narrowed to the shapes of this database's dossier codes, read
    in the background."""
    from counter_app.services.codes.scans import scanner_made
    from counter_app.ui.desk.scanner import ScanFilter, ScannerSettings

    scanner = desk.scanner = ScanFilter(
        ScannerSettings(
            gap_ms=settings.scanner_gap_ms, prefix=settings.scanner_prefix, accepts=scanner_made
        )
    )
    scanner.scanned.connect(desk.window.on_scanned)
    desk.app.installEventFilter(scanner)
    c = desk.context

    def narrowed(accepts: Callable[[str], bool]) -> None:
        scanner.settings = replace(scanner.settings, accepts=accepts)

    def recogniser() -> Callable[[str], bool]:
        from counter_app.services.codes.codes import scan_recogniser

        return c.read(scan_recogniser)

    def narrow() -> None:
        c.tasks.run(recogniser, narrowed, lambda _: None, owner=scanner)

    if desk.window.full_started:  # a start that ended early (a login asked, an error told)
        narrow()
    else:
        desk.window.started.connect(narrow)


def _report_start(desk: Desk, started: float) -> None:
    """`--check-start`: once the first list is painted, print how long it took and quit;
    when an error is told instead (a damaged database…), print it and exit 1."""
    shown: list[int] = []

    def report(rows: int) -> None:
        shown.append(rows)
        desk.window.repaint()  # painted with its data, not only given it
        print(f"start: {time.perf_counter() - started:.3f} s ({rows} hồ sơ)")
        desk.app.quit()

    def settled() -> None:
        if not shown:
            from counter_app.db_trouble import start_failure

            print(f"error: {start_failure(desk.context.settings.db_url)}", file=sys.stderr)
            desk.app.exit(1)

    desk.window.worklist_shown.connect(report)
    desk.window.settled.connect(settled)


def run_desk(db_url: str | None, officer: str | None, check_start: bool = False) -> int:
    """Open the desk and run it until the officer closes it. `check_start`: quit as soon as
    the first list is shown, and print how long that took. A second desk of this user on
    the same database says the first is open and returns 1 (single_desk.py)."""
    started = time.perf_counter()
    from counter_app.ui import single_desk

    lock = None if check_start else single_desk.claim(Settings.load(db_url=db_url).db_url)
    if lock is None and not check_start:
        return _already_open()
    gc.disable()  # start-up only allocates what the desk keeps: no garbage to look for
    from PySide6.QtCore import QTimer

    try:
        desk = open_desk(db_url, officer)
        QTimer.singleShot(0, gc.enable)  # once the event loop runs
        if check_start:
            _report_start(desk, started)
        desk.window.start(then_full=not check_start)
        status = desk.app.exec()
        gc.freeze()  # exit: the collector need not walk every loaded module once more
        desk.context.tasks.wait()  # let a save or a load in progress finish before exit
        desk.context.dispose()
    finally:
        if lock is not None:
            lock.unlock()
    return status


def _already_open() -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from counter_app.ui.i18n import tr
    from counter_app.ui.single_desk import already_open

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("counter-app")
    QMessageBox.information(None, tr("Bàn tiếp nhận"), already_open())
    print(f"error: {already_open()}", file=sys.stderr)
    return 1
