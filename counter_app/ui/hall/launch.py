"""Starting the hall's windows: `counter-app kiosk` and `counter-app display` (docs/hall.md).

Each runs on this PC's settings as the desk would (database, agency, printer; the
environment first, then what the desk's settings screen stored), in Vietnamese whatever
the desk's language, full screen: the kiosk on the main screen, the display on the second
screen when there is one (`--screen N` to choose)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication, QWidget

    from counter_app.ui.app import AppContext


@dataclass
class Hall:
    """A running hall window's parts, kept referenced while it runs."""

    app: QApplication
    context: AppContext
    window: QWidget
    translator: QTranslator | None

    def run(self) -> int:
        status = self.app.exec()
        self.context.tasks.wait()  # a ticket being issued or printed: finished first
        self.context.dispose()
        return status


def _start(db_url: str | None) -> tuple[QApplication, AppContext, QTranslator | None]:
    from PySide6.QtWidgets import QApplication

    from counter_app.config import Settings
    from counter_app.ui.app import AppContext
    from counter_app.ui.i18n import install
    from counter_app.ui.preferences import Preferences

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("counter-app")
    settings = Settings.load(db_url=db_url, stored=Preferences().stored_settings())
    translator = install("vi")  # the citizens' windows speak Vietnamese only
    return app, AppContext.build(settings), translator


def open_kiosk(db_url: str | None, paper: str = "A6", windowed: bool = False) -> Hall:
    from counter_app.errors import CounterError
    from counter_app.messages import for_people
    from counter_app.ui.hall.kiosk import KioskWindow
    from counter_app.ui.hall.ticket_output import TicketOutput

    app, context, translator = _start(db_url)
    try:
        output, why = TicketOutput(os.environ, context.settings.printer, paper), ""
    except CounterError as error:  # a printer written wrong: told on the kiosk's screen
        output, why = None, for_people(error)
    window = KioskWindow(context, output, why)
    if windowed:
        window.resize(1024, 768)
        window.show()
    else:
        window.showFullScreen()
    window.start()
    return Hall(app, context, window, translator)


def open_display(db_url: str | None, screen: int | None = None, windowed: bool = False) -> Hall:
    from counter_app.ui.hall.display import DisplayWindow

    app, context, translator = _start(db_url)
    window = DisplayWindow(context)
    screens = app.screens()
    if screen is not None and 1 <= screen <= len(screens):
        chosen = screens[screen - 1]
    else:  # the hall's TV is the second screen of a desk PC, or a mini-PC's only one
        chosen = screens[1] if len(screens) > 1 else app.primaryScreen()
    window.setScreen(chosen)
    window.setGeometry(chosen.availableGeometry())
    if windowed:
        window.resize(1280, 720)
        window.show()
    else:
        window.showFullScreen()
    window.start()
    return Hall(app, context, window, translator)


def run_kiosk(db_url: str | None, paper: str = "A6", windowed: bool = False) -> int:
    return open_kiosk(db_url, paper, windowed).run()


def run_display(db_url: str | None, screen: int | None = None, windowed: bool = False) -> int:
    return open_display(db_url, screen, windowed).run()
