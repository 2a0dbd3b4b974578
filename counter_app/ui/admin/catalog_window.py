"""The catalog: procedures in force, the versions of the one selected, and importing a
catalog file with a progress bar (the import runs in the pool, progress arrives queued)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Signal,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.acting.roles import Permission, allows
from counter_app.formats import show_date
from counter_app.messages import for_people
from counter_app.sync import state
from counter_app.ui.app import AppContext
from counter_app.ui.i18n import tr
from counter_app.ui.screen_fit import fit
from counter_app.ui.table_base import RowsModel, TableView
from counter_app.ui.tasks import Progress

Index = QModelIndex | QPersistentModelIndex


def duration(unit: str, value: int | None) -> str:
    from counter_app.calendar import DURATION_TEXT, DurationUnit, duration_text

    return duration_text(unit, value, template=tr(DURATION_TEXT[DurationUnit(unit)]))


class CatalogWindow(QWidget):
    imported = Signal(str)  # the import's summary
    failed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(tr("Danh mục thủ tục hành chính"))
        fit(self, 1000, 650)
        self.procedures = RowsModel(
            ("Mã", "Tên thủ tục", "Lĩnh vực", "Thời hạn", "Lệ phí", "Phiên bản")
        )
        self.versions = RowsModel(
            ("Phiên bản", "Hiệu lực từ", "Nhập lúc", "Thời hạn", "Lệ phí", "Số thành phần hồ sơ")
        )
        self.table, self.version_table = TableView(), TableView()
        self.table.setModel(self.procedures)
        self.table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.version_table.setModel(self.versions)
        for table in (self.table, self.version_table):  # whole headings, before any row
            table.resizeColumnsToContents()
        # The procedure's name takes the room the other columns leave, and wraps: sized to
        # the longest name it pushed the field, duration and fee off the window's edge.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.progress = QProgressBar(visible=False)
        self.status = QLabel(wordWrap=True)
        self.import_button = button = QPushButton(tr("Nhập tệp danh mục…"))
        button.setVisible(
            allows(context.signed, Permission.CATALOG)  # administrators, and
            and not state.load_url(context.settings.db_url)
        )  # not joined: the
        # office server publishes the catalog then
        layout = QVBoxLayout(self)
        for widget in (
            button,
            self.table,
            QLabel(tr("Các phiên bản của thủ tục đang chọn:")),
            self.version_table,
            self.progress,
            self.status,
        ):
            layout.addWidget(widget)
        button.clicked.connect(self._on_import_clicked)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _: self.show_versions(current.row())
        )
        self._relay = Progress(self)
        self._relay.advanced.connect(self._on_progress)
        self.reload()

    def reload(self) -> None:
        from counter_app.services import desk
        from counter_app.services.catalog import catalog

        c, s = self._context, self._context.settings
        self._context.tasks.run(
            lambda: c.read(
                lambda session: catalog.procedures_in_force(
                    session, desk.desk_agency(session, s.agency_code), c.now().date()
                )
            ),
            self._on_procedures,
            self._on_failed,
            owner=self,
        )

    def _on_procedures(self, found: list[Any]) -> None:
        self.procedures.set_rows(
            [
                (
                    p.code,
                    p.name,
                    p.field,
                    duration(p.duration_unit, p.duration_value),
                    f"{p.fee:,}".replace(",", "."),
                    p.version,
                )
                for p in found
            ]
        )

    def show_versions(self, row: int) -> None:
        from counter_app.services import desk
        from counter_app.services.catalog import catalog

        if not 0 <= row < len(self.procedures.rows):
            return
        c, s, code = self._context, self._context.settings, self.procedures.rows[row][0]
        self._context.tasks.run(
            lambda: c.read(
                lambda session: catalog.versions(
                    session, desk.desk_agency(session, s.agency_code), code
                )
            ),
            self._on_versions,
            self._on_failed,
            owner=self,
        )

    def _on_versions(self, found: list[Any]) -> None:
        self.versions.set_rows(
            [
                (
                    v.label,
                    show_date(v.effective_from),
                    show_date(v.imported_at),
                    duration(v.duration_unit, v.duration_value),
                    f"{v.fee:,}".replace(",", "."),
                    str(v.documents),
                )
                for v in found
            ]
        )
        self.version_table.resizeColumnsToContents()  # "Số thành phần hồ sơ" was cut short

    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("Chọn tệp danh mục"), "", tr("Danh mục JSON (*.json)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Import in the background; the bar follows each procedure."""
        from counter_app.services.catalog import catalog

        c, relay = self._context, self._relay
        self.progress.setVisible(True)
        self.progress.setValue(0)

        def work() -> Any:
            from counter_app.services.documents import json_input

            # the command's own reader: bounded size, duplicate keys refused, clear messages
            data = json_input.parse(json_input.read_file(str(path), json_input.CATALOG_MAX))
            return c.act(
                lambda session, who: catalog.import_catalog(
                    session, data, c.now(), c.settings.agency_code, relay.report, actor=who
                ),
                need_agency=False,
            )  # the first catalog brings the agency

        self._context.tasks.run(work, self._on_imported, self._on_failed, owner=self)

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _on_imported(self, report: Any) -> None:
        text = tr("Đã nhập {} thủ tục: {} mới, {} phiên bản mới, {} không đổi.").format(
            report.procedures, report.new_procedures, report.new_versions, report.unchanged
        )
        self.status.setText(text)
        self.imported.emit(text)
        self.reload()

    def _on_failed(self, error: Exception) -> None:
        self.progress.setVisible(False)
        self.status.setText(tr("Không nhập được: {}").format(for_people(error)))
        self.failed.emit(for_people(error))
