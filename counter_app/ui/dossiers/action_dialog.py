"""Asks for what an action needs (operations.FIELDS) and shows a refusal next to the form,
keeping what was typed. By keyboard alone: Tab leaves a text of several lines too (Enter
is a new line there), and Ctrl+Enter records from any field."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from counter_app import clock
from counter_app.services.dossiers.operations import FIELDS, RETURN_WAYS, Field, label
from counter_app.services.dossiers.workflow import OUTCOME_LABELS, Action
from counter_app.ui.i18n import tr


class ActionDialog(QDialog):
    def __init__(
        self,
        action: Action,
        units: list[tuple[str, str]],
        parent: QWidget | None = None,
        defaults: dict[str, str] | None = None,
    ) -> None:
        """`defaults`: values the fields start with (the applicant as the receiver)."""
        super().__init__(parent)
        self.action = action
        self.setWindowTitle(tr(label(action)))
        self.inputs: dict[str, QWidget] = {}
        form = QFormLayout(self)
        for field in FIELDS[action]:
            self.inputs[field.name] = widget = self._input(field, units)
            if isinstance(widget, QLineEdit):
                widget.setPlaceholderText(tr(field.hint))
                widget.setText((defaults or {}).get(field.name, ""))
            form.addRow(
                tr(field.label) + ("" if field.required else tr(" (không bắt buộc)")), widget
            )
        way = self.inputs.get("way")
        if isinstance(way, QComboBox):
            way.currentIndexChanged.connect(lambda _: self._follow_way())
            self._follow_way()
        self.error = QLabel(wordWrap=True)
        self.error.setStyleSheet("color: #a00")
        self.error.hide()
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self).activated.connect(self.accept)

    def _input(self, field: Field, units: list[tuple[str, str]]) -> QWidget:
        if field.kind in ("unit", "outcome", "return_way"):
            box = QComboBox()
            if field.kind == "unit":
                choices = [(value, f"{value} — {text}") for value, text in units]
            else:
                labels = OUTCOME_LABELS if field.kind == "outcome" else RETURN_WAYS
                choices = [(value, tr(text)) for value, text in labels.items()]
            for value, text in choices:
                box.addItem(text, value)
            return box
        if field.kind == "datetime":
            soon = clock.now() + timedelta(days=3)  # the desk's time (+07:00), shown as such
            edit = QDateTimeEdit(
                QDateTime(QDate(soon.year, soon.month, soon.day), QTime(soon.hour, soon.minute)),
                calendarPopup=True,
            )
            edit.setDisplayFormat("dd/MM/yyyy HH:mm")
            return edit
        if field.kind == "long_text":
            lines = QPlainTextEdit()
            lines.setTabChangesFocus(True)
            return lines
        return QLineEdit()

    def values(self) -> dict[str, str]:
        result = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, QComboBox):
                result[name] = str(widget.currentData())
            elif isinstance(widget, QDateTimeEdit):
                result[name] = widget.dateTime().toString("yyyy-MM-ddTHH:mm:00")
            elif isinstance(widget, QPlainTextEdit):
                result[name] = widget.toPlainText()
            elif isinstance(widget, QLineEdit):
                result[name] = widget.text()
        return result

    def _follow_way(self) -> None:
        """By post: the tracking number, no receiver; in person: the other way round."""
        way = self.inputs["way"]
        assert isinstance(way, QComboBox)
        by_post = way.currentData() == "post"
        for name, wanted in (
            ("receiver", not by_post),
            ("receiver_id", not by_post),
            ("post", by_post),
        ):
            if name in self.inputs:
                self.inputs[name].setEnabled(wanted)

    def show_refusal(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
