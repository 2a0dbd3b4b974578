"""One scan in a thread of its own (a scan lasts as long as the paper: it must not hold one
of the pool's workers the lists and saves need). Each page is announced as it is done,
with its preview; `cancel()` stops the scanner mid-page (SANE ends the scan in the
driver). The signals arrive on the GUI thread."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread, Signal

from counter_app.messages import for_people
from counter_app.ui.digitisation.pages_model import preview_of

if TYPE_CHECKING:
    from counter_app.scanning.base import Mode, Page, Scanner


class ScanWorker(QThread):
    page_scanned = Signal(int, bytes, bytes)  # (index in this scan, page data, preview)
    scanned = Signal(int)  # the scan ended well: how many pages
    cancelled = Signal()
    failed = Signal(str)  # what to tell the officer (Vietnamese)

    def __init__(
        self,
        scanner: Scanner,
        device: str | None,
        pages: int | None,
        dpi: int,
        mode: Mode,
        feeder: bool,
    ) -> None:
        super().__init__()
        self._scanner, self._device, self._pages = scanner, device, pages
        self._dpi, self._mode, self._feeder = dpi, mode, feeder
        self._stop = threading.Event()

    def cancel(self) -> None:
        self._stop.set()

    def run(self) -> None:
        from counter_app.scanning.base import ScanCancelled

        def on_page(index: int, page: Page) -> None:
            self.page_scanned.emit(index, page.data, preview_of(page.data))

        try:
            done = self._scanner.scan(
                self._device,
                self._pages,
                self._dpi,
                self._mode,
                on_page=on_page,
                cancelled=self._stop.is_set,
                feeder=self._feeder,
            )
        except ScanCancelled:
            self.cancelled.emit()
        except Exception as error:  # told to the officer; the scan's pages are dropped
            self.failed.emit(for_people(error))
        else:
            if self._stop.is_set():  # cancelled after the last page: nothing kept either
                self.cancelled.emit()
            else:
                self.scanned.emit(len(done))
