"""An earlier document of the same citizen (same ID number) stored on this desk, chosen to
be this line's document too (record.Reuse). The list is read in a worker, through the
audited look: it shows another dossier's papers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from counter_app.formats import show_datetime
from counter_app.messages import for_people
from counter_app.ui.i18n import tr
from counter_app.ui.table_base import RowsModel, TableView

if TYPE_CHECKING:
    from counter_app.digitisation.earlier import Earlier
    from counter_app.ui.app import AppContext


class ReuseDialog(QDialog):
    def __init__(
        self, context: AppContext, code: str, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._context, self._code = context, code
        self.found: tuple[Earlier, ...] = ()
        self.chosen: str | None = None
        self.setWindowTitle(tr("Dùng lại giấy tờ đã số hóa cho: {}").format(name))
        self.model = RowsModel(("Hồ sơ", "Giấy tờ", "Số trang", "Ký số", "Ngày số hóa"), self)
        self.table = TableView(selectionBehavior=TableView.SelectionBehavior.SelectRows)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _: self._on_chosen())
        self.status = QLabel(tr("Đang tìm giấy tờ của công dân…"), wordWrap=True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_chosen)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Giấy tờ của cùng công dân (cùng số giấy tờ tùy thân):")))
        layout.addWidget(self.table)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(760, 360)
        self._load()

    def _load(self) -> None:
        from counter_app.digitisation.earlier import of_citizen

        c, code, tools = self._context, self._code, self._context.digitisation
        c.tasks.run(
            lambda: c.look(
                lambda s, _who: of_citizen(s, code, tools.store()),
                code=lambda _: code,
                detail=lambda _: {"list": "earlier documents"},
            ),
            self._on_found,
            lambda e: self.status.setText(for_people(e)),
            owner=self,
        )

    def _on_found(self, found: tuple[Earlier, ...]) -> None:
        self.found = tuple(x for x in found if x.here)
        self.model.set_rows(
            [
                (x.code, x.name, str(x.pages), tr("Đã ký") if x.signed else "", show_datetime(x.at))
                for x in self.found
            ]
        )
        if self.found:
            self.status.setText(tr("Chọn một giấy tờ rồi bấm Enter."))
            self.table.selectRow(0)
            self.table.setFocus()
        else:
            self.status.setText(tr("Công dân này chưa có giấy tờ nào đã số hóa trên bàn này."))

    def _on_chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self.found:
            return
        self.chosen = self.found[rows[0].row()].sha256
        self.accept()
