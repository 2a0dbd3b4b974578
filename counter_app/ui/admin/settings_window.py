"""The desk's settings: its name, officer, printer and paper, language, scanner; the
agency shown.

Saved through Preferences (environment variables, if set, still win: IT staff can fix a
setting for every desk). The printing ones take effect at once; the officer's login name,
the language and the scanner when the desk is opened again, as said next to each. The
desk's name lives in the database, where the other desks will see it, and changes at once."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from counter_app.config import Settings
from counter_app.messages import for_people
from counter_app.ui.app import AppContext
from counter_app.ui.i18n import tr
from counter_app.ui.preferences import Preferences
from counter_app.ui.prints.printer import installed_printers

SIGNING = (("off", "Không dùng"), ("optional", "Tùy chọn"), ("required", "Bắt buộc"))


class SettingsWindow(QDialog):
    saved = Signal(dict)

    def __init__(
        self, context: AppContext, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context, self._preferences = context, preferences
        self.setWindowTitle(tr("Cài đặt bàn tiếp nhận"))
        s = context.settings
        self.agency = QLabel(tr("Đang đọc…"))
        self.desk_name = QLineEdit(maxLength=60, enabled=False)  # until read from the database
        self._desk_name = ""  # as read: saved only when changed
        self.error = QLabel(wordWrap=True)
        self.officer, self.officer_name = QLineEdit(s.officer), QLineEdit(s.officer_name or "")
        self.printer = QComboBox()
        self.printer.addItem(tr("Máy in mặc định của máy tính"), "")
        for name in installed_printers():
            self.printer.addItem(name, name)
        self.printer.setCurrentIndex(max(0, self.printer.findData(s.printer or "")))
        self.silent = QCheckBox(tr("In ngay, không hỏi"), checked=s.print_silently)
        self.dpi = QSpinBox(minimum=300, maximum=600, singleStep=100, value=s.print_dpi)
        self.paper, self.language = QComboBox(), QComboBox()
        for value, text in (("A4", "A4"), ("A5", "A5")):
            self.paper.addItem(text, value)
        for value, text in (("vi", "Tiếng Việt"), ("en", "English")):
            self.language.addItem(text, value)
        self.paper.setCurrentIndex(self.paper.findData(s.paper))
        self.language.setCurrentIndex(self.language.findData(s.language))
        self.gap = QSpinBox(minimum=10, maximum=200, suffix=" ms", value=s.scanner_gap_ms)
        self.prefix = QLineEdit(s.scanner_prefix, maxLength=1)
        self.signing = QComboBox()
        for value, text in SIGNING:
            self.signing.addItem(tr(text), value)
        self.signing.setCurrentIndex(max(0, self.signing.findData(s.signing)))
        self.scan_folder = QLineEdit(s.scan_folder or "")
        self.scan_folder.setPlaceholderText(
            tr("Thư mục máy photocopy quét vào (F8 lấy tệp mới nhất)")
        )
        # the counter this desk calls citizens to (F12); 0: not set, F12 says so
        self.counter = QSpinBox(minimum=0, maximum=99, value=s.counter or 0)
        self.counter.setSpecialValueText(tr("Chưa đặt"))
        self.font = QLabel(tr("Đang tìm…"))  # the family, on one line
        # What a missing Times New Roman means, under the row and across the whole window:
        # in the row's narrow field it wrapped into more lines than the row had room for.
        self.font_notice = QLabel(wordWrap=True, visible=False)
        self._lay_out()
        self._load_agency()

    def _lay_out(self) -> None:
        form = QFormLayout(self)
        for label, widget in (
            ("Cơ quan", self.agency),
            ("Tên bàn tiếp nhận", self.desk_name),
            ("Tên đăng nhập cán bộ", self.officer),
            ("Họ tên in trên phiếu", self.officer_name),
            ("Máy in", self.printer),
            ("", self.silent),
            ("Độ phân giải in (dpi)", self.dpi),
            ("Khổ giấy tiếp nhận", self.paper),
            ("Ngôn ngữ", self.language),
            ("Máy quét: khoảng cách phím tối đa", self.gap),
            ("Máy quét: ký tự đầu (nếu có)", self.prefix),
            ("Ký số giấy tờ số hóa", self.signing),
            ("Thư mục quét (máy photocopy)", self.scan_folder),
            ("Quầy số (gọi số: F12)", self.counter),
            ("Phông chữ in", self.font),
        ):
            if widget in (self.officer, self.officer_name) and self._context.signed.officer_id:
                continue  # with login, the officer is who logged in, by their full name
            text = tr(label) if label else ""
            if widget in (self.officer, self.language, self.gap, self.prefix):
                text += " " + tr("(khi mở lại chương trình)")  # the rest applies at once
            form.addRow(text, widget)
        form.addRow(self.font_notice)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(
            QLabel(
                tr("Các thay đổi có hiệu lực ngay, trừ những mục ghi «khi mở lại chương trình».")
            )
        )
        form.addRow(self.error)
        form.addRow(buttons)

    def _load_agency(self) -> None:
        from counter_app.services import desk

        c = self._context
        c.tasks.run(
            lambda: c.read(
                lambda s: (lambda a: f"{a.code} — {a.name}")(
                    desk.desk_agency(s, c.settings.agency_code)
                )
            ),
            self.agency.setText,
            lambda e: self.agency.setText(for_people(e)),
            owner=self,
        )
        c.tasks.run(
            lambda: c.read(lambda s: desk.local_desk(s).name),
            self._desk_read,
            lambda e: self.error.setText(for_people(e)),
            owner=self,
        )
        c.tasks.run(
            self._font, self._show_font, lambda e: self._show_font((for_people(e), "")), owner=self
        )

    @staticmethod
    def _font() -> tuple[str, str]:
        """The font the forms print with; said plainly when it is not Times New Roman."""
        import os

        from counter_app.printing.fonts import font_in_use

        used = font_in_use(os.environ.get("COUNTER_APP_FONT") or None)
        return used.family, used.notice or ""

    def _show_font(self, found: tuple[str, str]) -> None:
        family, notice = found
        self.font.setText(family)
        self.font_notice.setText(notice)
        self.font_notice.setVisible(bool(notice))
        if notice:  # the window grows to the lines the notice wraps into at its width
            layout = self.layout()
            if layout is not None:
                layout.activate()
            self.font_notice.setMinimumHeight(
                self.font_notice.heightForWidth(self.font_notice.width())
            )
            self.adjustSize()

    def _desk_read(self, name: str) -> None:
        self._desk_name = name
        self.desk_name.setText(name)
        self.desk_name.setEnabled(True)

    def values(self) -> dict[str, str]:
        return {
            "officer": self.officer.text().strip(),
            "officer_name": self.officer_name.text().strip(),
            "printer": str(self.printer.currentData()),
            "print_silently": "1" if self.silent.isChecked() else "0",
            "print_dpi": str(self.dpi.value()),
            "paper": str(self.paper.currentData()),
            "language": str(self.language.currentData()),
            "scanner_gap_ms": str(self.gap.value()),
            "scanner_prefix": self.prefix.text(),
            "signing": str(self.signing.currentData()),
            "scan_folder": self.scan_folder.text().strip(),
            "counter": str(self.counter.value()),
        }

    def save(self) -> None:
        values = self.values()
        if not values["officer"] or " " in values["officer"]:
            self._refuse(
                self.officer, tr("Tên đăng nhập cán bộ không được để trống hay có khoảng trắng.")
            )
            return
        name = " ".join(self.desk_name.text().split())
        if self.desk_name.isEnabled() and not name:
            self._refuse(self.desk_name, tr("Tên bàn tiếp nhận không được để trống."))
            return
        self._preferences.store_settings(values)
        if not self.desk_name.isEnabled() or name == self._desk_name:
            self._saved(values)
            return
        from counter_app.services import desk

        c = self._context
        c.tasks.run(
            lambda: c.act(
                lambda s, who: desk.rename_local_desk(s, name, who).name, need_agency=False
            ),
            lambda _: self._saved(values),
            lambda e: self.error.setText(tr("Chưa lưu tên bàn: {}").format(for_people(e))),
            owner=self,
        )

    def _refuse(self, field: QLineEdit, message: str) -> None:
        field.setFocus()
        field.setStyleSheet("border: 1px solid #a00")
        self.error.setText(message)

    def _saved(self, values: dict[str, str]) -> None:
        import os

        s = self._context.settings
        self._context.apply(
            Settings.load(
                db_url=s.db_url,
                officer=s.officer,
                environ=os.environ,
                stored=self._preferences.stored_settings(),
            )
        )
        self.saved.emit(values)
        self.accept()

    def settings_after_restart(self, db_url: str) -> Settings:
        """What the desk will run with once opened again (for checking)."""
        return Settings.load(db_url=db_url, environ={}, stored=self._preferences.stored_settings())
