"""An exemption from digitising a line (TT 01/2023/TT-VPCP Điều 4): a reason chosen from a
short list, or typed, with an optional note; recorded with the line, nothing stored."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from counter_app.ui.i18n import tr

LAW = "TT 01/2023 Điều 4"
REASONS = (
    "Bản sao không chứng thực, chỉ để đối chiếu",
    "Thông tin đã có trong cơ sở dữ liệu quốc gia hoặc chuyên ngành",
    "Giấy tờ đã được số hóa và còn giá trị sử dụng",
    "Giấy tờ chỉ xuất trình, không nộp lại",
    "Lý do khác (ghi rõ bên dưới)",
)
OTHER = REASONS[-1]


class ExemptDialog(QDialog):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Miễn số hóa: {}").format(name))
        self.choice = QComboBox()
        for reason in REASONS:
            self.choice.addItem(tr(reason), reason)
        self.note = QLineEdit(maxLength=300)
        self.note.setPlaceholderText(tr("Ghi chú thêm (bắt buộc khi chọn lý do khác)"))
        self.error = QLabel(wordWrap=True, styleSheet="color: #a00")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_ok_clicked)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel(tr("Giấy tờ không phải số hóa theo {}.").format(LAW), wordWrap=True))
        form.addRow(tr("&Lý do:"), self.choice)
        form.addRow(tr("&Ghi chú:"), self.note)
        form.addRow(self.error)
        form.addRow(buttons)
        self.choice.setFocus()

    def reason(self) -> str:
        """The reason recorded: the chosen one (or the note alone for another reason), the
        note after it, and the article it rests on."""
        note = " ".join(self.note.text().split())
        chosen = str(self.choice.currentData())
        text = note if chosen == OTHER else f"{chosen}; {note}" if note else chosen
        return f"{text} ({LAW})"

    def _on_ok_clicked(self) -> None:
        if self.choice.currentData() == OTHER and not self.note.text().strip():
            self.error.setText(tr("Ghi rõ lý do miễn số hóa."))
            self.note.setFocus()
            return
        self.accept()
