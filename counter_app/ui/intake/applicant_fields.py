"""The applicant's part of the reception form: the kind of paper, name, ID number, phone,
address and e-mail, each checked as typed with its reason shown under the field, and
filled at once from a chip ID card's QR code."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from counter_app.services.applicants.id_card import IdCard
from counter_app.ui.i18n import tr
from counter_app.ui.intake.applicant_checks import CHECKS, ID_TYPES, LABELS

RED = "color: #a00"


class ApplicantFields:
    """Made without a parent: the form's layout adopts them in its own order, which is
    also the order Tab follows (the kind of paper first, as on screen)."""

    def __init__(self) -> None:
        self.inputs = {k: QLineEdit() for k in LABELS}
        self.errors = {k: QLabel(wordWrap=True, styleSheet=RED, visible=False) for k in CHECKS}
        self.id_type = QComboBox()
        for value, label in ID_TYPES:
            self.id_type.addItem(tr(label), value)
        for key in CHECKS:
            self.inputs[key].textEdited.connect(lambda _=None, k=key: self.check(k))
        self.id_type.currentIndexChanged.connect(lambda _: self.check("id_number"))

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow(tr("Loại giấy tờ"), self.id_type)
        for key, label in LABELS.items():
            row = QVBoxLayout()
            row.addWidget(self.inputs[key])
            if key in self.errors:
                row.addWidget(self.errors[key])
            form.addRow(tr(label), row)

    def check(self, key: str) -> str | None:
        """The field's problem, shown under it (or cleared); None when it is fine."""
        problem = CHECKS[key](self.inputs[key].text(), self.id_type.currentData())
        self.errors[key].setText(problem or "")
        self.errors[key].setVisible(bool(problem))
        return problem

    def applicant(self) -> dict[str, Any]:
        """The intake document's `applicant` (spec/cli.md) as typed."""
        text = {k: w.text().strip() or None for k, w in self.inputs.items()}
        return {
            "name": text["name"] or "",
            "id_number": text["id_number"],
            "id_type": self.id_type.currentData() or None,
            "phone": text["phone"],
            "address": text["address"],
            "email": text["email"],
        }

    def has_text(self) -> bool:
        return any(w.text().strip() for w in self.inputs.values())

    def fill_from(self, card: IdCard) -> None:
        """A chip ID card read: its name, number and address; the phone is asked next."""
        self.id_type.setCurrentIndex(0)
        for key, value in (
            ("name", card.name),
            ("id_number", card.id_number),
            ("address", card.address),
        ):
            self.inputs[key].setText(value)
        for key in ("name", "id_number"):
            self.check(key)
        self.inputs["phone"].setFocus()  # what the card does not hold
