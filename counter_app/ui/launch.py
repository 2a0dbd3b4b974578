"""Starting the desk GUI (`counter-app` with no command)."""

from __future__ import annotations

import sys
import time

from counter_app.config import Settings


def run_desk(settings: Settings, check_start: bool = False) -> int:
    started = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from counter_app.ui.app import AppContext
    from counter_app.ui.i18n import install
    from counter_app.ui.main_window import MainWindow
    from counter_app.ui.preferences import Preferences
    from counter_app.ui.scanner import ScanFilter

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("counter-app")
    translator = install(settings.language)  # kept referenced while the desk runs
    context = AppContext.build(settings)
    window = MainWindow(context, Preferences())
    scanner = ScanFilter()  # the scanner works whatever widget has the focus
    app.installEventFilter(scanner)
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
