"""The desk's side of the citizen's screen: which visit it shows (the dossier just received
or returned at this desk), the invitation to rate it, and the citizen's answer recorded.

The officer's windows call `visited` and `invite` (the only thing they can do: invite);
the citizen's window calls `submit`. Every database read and write runs in the pool.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from counter_app.citizen.arming import Arming, showing
from counter_app.messages import for_people
from counter_app.ui.i18n import tr

if TYPE_CHECKING:
    from counter_app.ui.app import AppContext

SHOWN_S = 120.0  # a visit stays on the citizen's screen so long, then the welcome
NO_VISIT = "Chưa có hồ sơ vừa tiếp nhận hoặc trả kết quả ở bàn này để mời đánh giá."


class CitizenDesk(QObject):
    showing = Signal(object)  # the Showing now on the citizen's screen; None: the welcome
    armed = Signal(object)  # Armed: the citizen's screen asks for a rating
    rated = Signal(object)  # RatingView: recorded, the screen thanks
    refused = Signal(str)  # an invitation refused: told to the officer
    failed = Signal(str)  # a rating not recorded: told on the citizen's screen
    agency = Signal(str)  # the agency's name, for the welcome
    paying = Signal(object)  # (code, amount, VietQR payload) to scan; None: no more

    def __init__(self, context: AppContext, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._context = context
        self.clock = clock
        self.arming = Arming(clock)
        self.visit: tuple[str, str] | None = None  # (code, reception|return)
        self.shown: object | None = None  # the Showing on screen
        self.shown_until = 0.0
        self.agency_name = ""

    def visited(self, code: str, visit: str) -> None:
        """A reception or a return was just recorded here: the citizen's screen shows its
        dossier (code, procedure, appointment: nothing of the person)."""
        self.visit = (code, visit)
        self.arming.disarm()
        c = self._context
        c.tasks.run(
            lambda: c.read(lambda s: showing(s, code, visit)),
            self._on_shown,
            lambda _: None,  # the screen keeps its welcome; the desk's work is done
            owner=self,
        )

    def _on_shown(self, shown: object) -> None:
        self.shown, self.shown_until = shown, self.clock() + SHOWN_S
        self.showing.emit(shown)

    def invite(self) -> None:
        """The officer's invitation (F11): arm the visit the citizen's screen shows."""
        if self.visit is None:
            self.refused.emit(tr(NO_VISIT))
            return
        (code, visit), c = self.visit, self._context
        counter = c.settings.counter
        c.tasks.run(
            lambda: c.act(lambda s, who: self.arming.arm(s, who, code, visit, counter), code),
            self.armed.emit,
            lambda error: self.refused.emit(for_people(error)),
            owner=self,
        )

    def submit(self, score: int, criteria: list[str]) -> None:
        """The citizen's choice, recorded for the armed visit (if still armed)."""
        c = self._context
        c.tasks.run(
            lambda: c.write(lambda s: self.arming.submit(s, score, criteria, c.now())),
            self.rated.emit,
            lambda error: self.failed.emit(for_people(error)),
            owner=self,
        )

    def show_payment(self, code: str, amount: int, payload: str) -> None:
        """The payment dialog's VietQR, for the citizen to scan (no personal data)."""
        self.paying.emit((code, amount, payload))

    def payment_over(self) -> None:
        self.paying.emit(None)

    def reset(self) -> None:
        """The desk locked or its officer left: nothing armed, the welcome."""
        self.arming.disarm()
        self.visit, self.shown = None, None
        self.showing.emit(None)

    def load_agency(self) -> None:
        from counter_app.services import desk

        c = self._context

        def done(name: str) -> None:
            self.agency_name = name
            self.agency.emit(name)

        c.tasks.run(
            lambda: c.read(lambda s: desk.desk_agency(s, c.settings.agency_code).name),
            done,
            lambda _: None,
            owner=self,
        )
