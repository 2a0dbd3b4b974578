"""Starting the desk GUI (`counter-app` with no command)."""

from __future__ import annotations

import sys
import time

from counter_app.config import Settings


def run_desk(db_url: str | None, officer: str | None, check_start: bool = False) -> int:
    """Open the desk; settings come from the command line, the environment, then what
    the settings screen stored."""
    started = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from counter_app.ui.app import AppContext
    from counter_app.ui.i18n import install
    from counter_app.ui.main_window import MainWindow
    from counter_app.ui.preferences import Preferences
    from counter_app.ui.scanner import ScanFilter, ScannerSettings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("counter-app")
    preferences = Preferences()
    settings = Settings.load(db_url=db_url, officer=officer,
                             stored=preferences.stored_settings())  # fmt: skip
    translator = install(settings.language)  # kept referenced while the desk runs
    context = AppContext.build(settings)
    window = MainWindow(context, preferences)
    scanner = ScanFilter(ScannerSettings(gap_ms=settings.scanner_gap_ms,
                                         prefix=settings.scanner_prefix))  # fmt: skip
    app.installEventFilter(scanner)  # the scanner works whatever widget has the focus
    scanner.scanned.connect(window.on_scanned)
    if check_start:
        def report(rows: int) -> None:
            print(f"start: {time.perf_counter() - started:.3f} s ({rows} hồ sơ)")
            app.quit()
        window.worklist_shown.connect(report)
    window.show()
    window.start(then_full=not check_start)
    status = app.exec()
    context.tasks.wait()  # let a save or a load in progress finish before Python exits
    context.dispose()
    del translator
    return status
