"""Backup and restore (an admin screen): the copies kept, a copy now, a restore from a
chosen copy after saying what it will do. The work runs in the pool through
`counter_app.backup.service`; its progress arrives queued on the bar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.formats import show_datetime
from counter_app.messages import for_people
from counter_app.ui.app import AppContext
from counter_app.ui.i18n import tr
from counter_app.ui.screen_fit import fit
from counter_app.ui.table_base import RowsModel, TableView
from counter_app.ui.tasks import Progress

KIND_LABELS = {"daily": "Hằng ngày", "weekly": "Hằng tuần", "manual": "Theo yêu cầu"}
MIB = 1024 * 1024


def size_text(size: int) -> str:
    return f"{size / MIB:.1f} MiB".replace(".", ",")


class BackupWindow(QWidget):
    backed_up = Signal(str)  # what was done, as shown
    restored = Signal(str)  # the desk's lists must be read again
    failed = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context, self._db = context, context.sqlite_file()
        self.setWindowTitle(tr("Sao lưu và khôi phục dữ liệu"))
        fit(self, 900, 520)
        self.copies = RowsModel(("Thời điểm", "Loại", "Dung lượng", "Số hồ sơ", "Tệp"))
        self.table = TableView()
        self.table.setModel(self.copies)
        self.table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.backup_button = QPushButton(tr("Sao lưu ngay"))
        self.restore_button = QPushButton(tr("Khôi phục…"))
        self.progress = QProgressBar(visible=False)
        self.status = QLabel(wordWrap=True)
        self._build_layout()
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self._relay = Progress(self)
        self._relay.advanced.connect(self._on_progress)
        self._set_busy(False)
        self.reload()

    def _build_layout(self) -> None:
        rule = QLabel(
            tr(
                "Bản sao tự động được lấy khi mở bàn lần đầu mỗi ngày. Được giữ: mọi "
                "bản sao của {} ngày gần nhất, bản mới nhất của 7 ngày và 4 tuần gần "
                "nhất, trong thư mục chỉ người dùng máy này đọc được:"
            ).format(self._context.settings.backup_all_days)
            + f" {self.folder() or '—'}",
            wordWrap=True,
        )
        if self._db is None:
            rule.setText(
                tr(
                    "Bàn này dùng máy chủ PostgreSQL: máy chủ được sao lưu bằng công "
                    "cụ của PostgreSQL, không từ màn hình này."
                )
            )
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(rule)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)

    def folder(self) -> Path | None:
        from counter_app.backup.folder import folder_of

        return None if self._db is None else folder_of(self._db)

    def reload(self) -> None:
        from counter_app.backup import service

        if self._db is not None:
            db = self._db
            days = self._context.settings.backup_all_days
            self._context.tasks.run(
                lambda: service.list_copies(db, days), self._on_copies, self._on_failed, owner=self
            )

    def _on_copies(self, found: list[Any]) -> None:
        self.copies.set_rows(
            [
                (
                    show_datetime(c.taken_at),
                    tr(KIND_LABELS[c.kind]),
                    size_text(c.bytes),
                    "—" if c.dossiers is None else str(c.dossiers),
                    c.path.name,
                )
                for c in found
            ]
        )
        self.table.resizeColumnsToContents()

    def back_up(self) -> None:
        """A copy now, into the backup folder; the bar follows the pages copied."""
        from counter_app.backup import guarded

        if self._db is None:
            return
        db, c, relay = self._db, self._context, self._relay
        self._start(tr("Đang sao lưu…"))
        c.tasks.run(
            lambda: guarded.backup_as(
                c.place,
                c.signed,
                db,
                c.now,
                on_progress=relay.report,
                all_days=c.settings.backup_all_days,
            ),
            self._on_backed_up,
            self._on_failed,
            owner=self,
        )

    def _on_backed_up(self, result: Any) -> None:
        text = tr("Đã sao lưu {} hồ sơ vào {} ({}).").format(
            result.manifest.dossiers, result.file, size_text(result.manifest.bytes)
        )
        if result.removed:  # the admin sees every copy the retention rule took away
            text += "\n" + tr("Đã xoá {} bản sao cũ theo quy tắc giữ bản sao: {}").format(
                len(result.removed), ", ".join(result.removed_names())
            )
        self._finish(text)
        self.backed_up.emit(text)
        self.reload()

    def _on_restore_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            tr("Chọn bản sao lưu"),
            str(self.folder()),
            tr("Bản sao lưu (*.db *before-restore-*)"),
        )
        if path:
            self.inspect(Path(path))

    def inspect(self, path: Path) -> None:
        """Read what the copy says of itself, then ask before restoring it."""
        from counter_app.backup import manifest

        self._context.tasks.run(
            lambda: manifest.read(path),
            lambda m: self._confirm(path, m),
            self._on_failed,
            owner=self,
        )

    def _confirm(self, path: Path, described: Any) -> None:
        question = "\n\n".join(
            (
                tr("Khôi phục bản sao lưu lúc {} ({} hồ sơ, {} sự kiện)?").format(
                    show_datetime(described.created_at), described.dossiers, described.events
                ),
                tr(
                    "Toàn bộ dữ liệu hiện tại của bàn sẽ được thay bằng nội dung bản sao "
                    "này: những gì ghi sau thời điểm đó sẽ không còn."
                ),
                tr(
                    "Bản sao được kiểm tra trước (mã kiểm tra SHA-256, tính toàn vẹn, phiên bản); "
                    "dữ liệu hiện tại được giữ nguyên trong một tệp bên cạnh cơ sở dữ liệu và có "
                    "thể khôi phục lại từ tệp đó."
                ),
                tr("Trong lúc khôi phục, các bàn dùng chung cơ sở dữ liệu này phải chờ."),
            )
        )
        answer = QMessageBox.question(
            self,
            tr("Khôi phục dữ liệu"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.restore(path)

    def restore(self, path: Path) -> None:
        from counter_app.backup import guarded

        if self._db is None:
            return
        db, c, relay = self._db, self._context, self._relay
        self._start(tr("Đang kiểm tra và khôi phục…"))
        c.tasks.run(
            lambda: guarded.restore_as(c.place, c.signed, db, path, c.now, relay.report),
            self._on_restored,
            self._on_failed,
            owner=self,
        )

    def _on_restored(self, result: Any) -> None:
        text = tr(
            "Đã khôi phục bản sao lưu lúc {}: {} hồ sơ. Dữ liệu trước khi khôi phục được giữ ở {}."
        ).format(show_datetime(result.copy.created_at), result.copy.dossiers, result.kept)
        self._finish(text)
        self.restored.emit(text)
        self.reload()

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _on_failed(self, error: Exception) -> None:
        self.progress.setVisible(False)
        self._set_busy(False)
        text = tr("Không thực hiện được: {}").format(for_people(error))
        self.status.setText(text)
        self.failed.emit(for_people(error))

    def _start(self, text: str) -> None:
        self._set_busy(True)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.setText(text)

    def _finish(self, text: str) -> None:
        self._set_busy(False)
        self.status.setText(text)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.backup_button, self.restore_button):
            button.setEnabled(not busy and self._db is not None)
