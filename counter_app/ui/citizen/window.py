"""The citizen's screen: a second top-level window for a monitor (or a cheap touch screen)
facing the citizen at the counter.

Idle, it welcomes in the agency's name. After a reception or a return at this desk it
shows that dossier's code, procedure and appointment, nothing of the person (the screen
faces the hall). When the officer invites a rating it asks the national scale's question
with three large touch buttons; tapping one records the rating at once (the criteria are
optional taps before it), then it thanks and goes back to its welcome. Unanswered, the
invitation lapses after a minute and nothing is recorded.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.citizen.criteria import CRITERIA, SCORES, VISITS
from counter_app.formats import show_datetime
from counter_app.ui.citizen.desk_side import CitizenDesk
from counter_app.ui.citizen.faces import LOOKS, face
from counter_app.ui.i18n import tr

TICK_MS = 500
THANKS_S = 6.0  # the thank-you (or what went wrong) stays so long


def _label(text: str = "", points: int = 24, bold: bool = False) -> QLabel:
    label = QLabel(text, wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    label.setFont(font)
    return label


class CitizenWindow(QWidget):
    def __init__(self, desk: CitizenDesk) -> None:
        super().__init__()
        self.desk = desk
        self.setWindowTitle(tr("Màn hình công dân"))
        self.setStyleSheet("CitizenWindow { background: #fdfdf8; }")
        self.pages = QStackedWidget()
        self.idle, self.shown, self.asking, self.thanks, self.paying = (QWidget() for _ in range(5))
        for page in (self.idle, self.shown, self.asking, self.thanks, self.paying):
            self.pages.addWidget(page)
        self._build_idle()
        self._build_shown()
        self._build_asking()
        self._build_paying()
        self.thanks_text = _label(points=34, bold=True)
        QVBoxLayout(self.thanks).addWidget(self.thanks_text)
        QVBoxLayout(self).addWidget(self.pages)
        self._back_at = 0.0  # the thanks page's end, on the desk's clock
        desk.agency.connect(self.agency.setText)
        desk.showing.connect(self._on_showing)
        desk.armed.connect(self._on_armed)
        desk.rated.connect(lambda _: self._finish(tr("Cảm ơn quý khách đã đánh giá!")))
        desk.failed.connect(self._finish)
        desk.paying.connect(self._on_paying)
        self.timer = QTimer(self, interval=TICK_MS, timeout=self.tick)
        self.timer.start()
        self.agency.setText(desk.agency_name)
        if not desk.agency_name:
            desk.load_agency()
        self._on_showing(desk.shown if desk.shown_until > desk.clock() else None)
        if desk.arming.current() is not None:
            self._on_armed(desk.arming.current())

    def _build_idle(self) -> None:
        column = QVBoxLayout(self.idle)
        self.agency = _label(points=30, bold=True)
        column.addStretch()
        column.addWidget(self.agency)
        column.addWidget(_label(tr("Bộ phận tiếp nhận và trả kết quả"), 22))
        column.addSpacing(40)
        column.addWidget(_label(tr("Xin kính chào quý khách!"), 36, bold=True))
        column.addStretch()

    def _build_shown(self) -> None:
        column = QVBoxLayout(self.shown)
        self.shown_title = _label(points=24)
        self.code = _label(points=36, bold=True)
        self.procedure = _label(points=22)
        self.appointment = _label(points=26, bold=True)
        column.addStretch()
        for label in (self.shown_title, self.code, self.procedure, self.appointment):
            column.addWidget(label)
        column.addStretch()

    def _build_asking(self) -> None:
        column = QVBoxLayout(self.asking)
        self.question = _label(points=28, bold=True)
        self.asked_code = _label(points=20)
        column.addWidget(self.question)
        column.addWidget(self.asked_code)
        column.addWidget(_label(tr("Quý khách muốn nói về (chạm để chọn, không bắt buộc):"), 18))
        toggles = QGridLayout()
        self.criteria: dict[str, QPushButton] = {}
        for i, (code, text) in enumerate(CRITERIA.items()):
            toggle = QPushButton(tr(text), checkable=True, minimumHeight=64)
            toggle.setStyleSheet(
                "QPushButton { font-size: 18pt; border: 2px solid #888; border-radius: 10px; }"
                "QPushButton:checked { background: #ffe082; border-color: #e65100; }"
            )
            toggles.addWidget(toggle, i // 3, i % 3)
            self.criteria[code] = toggle
        column.addLayout(toggles)
        row = QHBoxLayout()
        self.scores: dict[int, QPushButton] = {}
        for score in (3, 2, 1):
            button = QPushButton(face(score, 128), tr(SCORES[score]), minimumHeight=220)
            button.setObjectName(f"score_{score}")
            button.setIconSize(QSize(128, 128))
            button.setStyleSheet(
                f"QPushButton {{ background: {LOOKS[score][0]}; color: white; font-size: 26pt;"
                " font-weight: bold; border-radius: 18px; padding: 12px; }"
                "QPushButton:disabled { background: #9e9e9e; }"
            )
            button.clicked.connect(lambda _=False, s=score: self._on_score(s))
            row.addWidget(button)
            self.scores[score] = button
        column.addLayout(row, 1)
        self.countdown = _label(points=16)
        column.addWidget(self.countdown)

    def _build_paying(self) -> None:
        column = QVBoxLayout(self.paying)
        self.pay_title = _label(tr("Quét mã để nộp phí, lệ phí"), 28, bold=True)
        self.pay_qr = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.pay_amount = _label(points=30, bold=True)
        self.pay_code = _label(points=20)
        for widget in (self.pay_title, self.pay_qr, self.pay_amount, self.pay_code):
            column.addWidget(widget)

    def _on_paying(self, paying: object) -> None:
        """The officer's VietQR (code, amount, payload), large; None: back to the visit."""
        if paying is None:
            if self.page() == "paying":
                self._on_showing(
                    self.desk.shown if self.desk.shown_until > self.desk.clock() else None
                )
            return
        from counter_app.formats import show_money
        from counter_app.ui.fees.qr_image import qr_pixmap

        code, amount, payload = paying  # type: ignore[misc]
        self.pay_qr.setPixmap(qr_pixmap(payload, 420))
        self.pay_amount.setText(show_money(amount))
        self.pay_code.setText(tr("Hồ sơ {} — nội dung chuyển khoản: {}").format(code, code))
        self.pages.setCurrentWidget(self.paying)
        self.raise_()

    def page(self) -> str:
        return ("idle", "shown", "asking", "thanks", "paying")[self.pages.currentIndex()]

    def _on_showing(self, shown: object) -> None:
        if shown is None:
            self.pages.setCurrentWidget(self.idle)
            return
        visit = shown.visit  # type: ignore[attr-defined]
        self.shown_title.setText(
            tr("Hồ sơ quý khách vừa nộp")
            if visit == "reception"
            else tr("Quý khách đã nhận kết quả")
        )
        self.code.setText(shown.code)  # type: ignore[attr-defined]
        self.procedure.setText(shown.procedure)  # type: ignore[attr-defined]
        due = shown.due_at  # type: ignore[attr-defined]
        self.appointment.setText(
            tr("Hẹn trả kết quả: {}").format(show_datetime(due))
            if visit == "reception" and due is not None
            else ""
        )
        self.pages.setCurrentWidget(self.shown)

    def _on_armed(self, armed: object) -> None:
        shown = armed.showing  # type: ignore[attr-defined]
        visit = tr(VISITS[shown.visit]).lower()
        self.question.setText(tr("Quý khách có hài lòng với lượt {} này không?").format(visit))
        self.asked_code.setText(tr("Hồ sơ {} — {}").format(shown.code, shown.procedure))
        for toggle in self.criteria.values():
            toggle.setChecked(False)
        for button in self.scores.values():
            button.setEnabled(True)
        self.pages.setCurrentWidget(self.asking)
        self.tick()
        self.raise_()

    def _on_score(self, score: int) -> None:
        """The big button records the choice at once (a citizen who does not read well
        needs no «Gửi»); the criteria tapped before it go with it."""
        for button in self.scores.values():
            button.setEnabled(False)
        self.desk.submit(score, [c for c, t in self.criteria.items() if t.isChecked()])

    def _finish(self, text: str) -> None:
        self.thanks_text.setText(text)
        self.pages.setCurrentWidget(self.thanks)
        self._back_at = self.desk.clock() + THANKS_S

    def tick(self) -> None:
        """Every half second: the countdown, and back to the welcome when the minute of an
        invitation, the thanks, or the visit's time on screen is over."""
        now, page = self.desk.clock(), self.page()
        armed = self.desk.arming.current()
        if page == "asking":
            waiting = any(not b.isEnabled() for b in self.scores.values())
            if armed is None and not waiting:
                self.pages.setCurrentWidget(self.idle)  # the minute passed: nothing recorded
            elif armed is not None:
                left = max(0, int(armed.until - now))
                self.countdown.setText(tr("Còn {} giây").format(left))
        else:
            over = {"thanks": self._back_at, "shown": self.desk.shown_until}.get(page)
            if over is not None and now >= over:
                self.pages.setCurrentWidget(self.idle)


def place(window: CitizenWindow, desk_window: QWidget | None) -> None:
    """On a screen of its own when there is a second one (full screen, facing the
    citizen); else a normal window beside the desk's."""
    screens = QGuiApplication.screens()
    own = desk_window.screen() if desk_window is not None else QGuiApplication.primaryScreen()
    others = [s for s in screens if s is not own]
    if others:
        window.setScreen(others[0])
        window.setGeometry(others[0].geometry())
        window.showFullScreen()
        return
    window.resize(1000, 700)
    window.show()
