"""Save dialogs open in the export folder (never the program's folder) and speak
Vietnamese, Qt's own texts included."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFileSystemModel,
    QLabel,
)

from counter_app.printing.receipt import render_receipt
from counter_app.ui import save_dialog
from counter_app.ui.prints.print_preview import PrintPreview
from counter_app.ui.prints.printer import PrinterChoice
from counter_app.ui.tasks import Tasks
from tests.ui.test_i18n import qt_vietnamese  # noqa: F401  (fixture)
from tests.unit.test_printing import receipt_data


def asked_in(monkeypatch) -> list[str]:
    asked: list[str] = []
    monkeypatch.setattr(
        save_dialog.QFileDialog,
        "getSaveFileName",
        lambda _parent, _title, start, _filters: asked.append(start) or ("", ""),
    )
    return asked


def test_the_receipt_is_saved_from_the_export_folder(qtbot, monkeypatch, tmp_path):
    monkeypatch.chdir(Path(__file__).parent)  # the program's folder, as a desk starts in it
    folder = tmp_path / "xuat"
    dialog = PrintPreview(
        render_receipt(receipt_data()),
        "Giấy tiếp nhận",
        Tasks(),
        PrinterChoice(None),
        export_dir=str(folder),
    )
    qtbot.addWidget(dialog)
    asked = asked_in(monkeypatch)
    dialog.save_button.click()
    assert asked == [str(folder / "Giấy tiếp nhận.pdf")] and folder.is_dir()


def test_without_a_setting_the_dialog_opens_in_documents(monkeypatch, tmp_path):
    monkeypatch.chdir(Path(__file__).parent)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    asked = asked_in(monkeypatch)
    save_dialog.ask_save_path(None, "Lưu", "bieu06.xlsx", "*.xlsx", None)
    assert asked == [str(Path(documents) / "bieu06.xlsx")]
    assert not asked[0].startswith(os.getcwd())


def test_an_export_folder_that_cannot_be_made_falls_back(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert save_dialog.export_folder(str(blocker / "sub")) != blocker / "sub"


def test_qt_file_dialog_speaks_vietnamese(qtbot, qt_vietnamese, tmp_path):  # noqa: F811
    dialog = QFileDialog(None, "Lưu phiếu", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert labels == ["&Tìm trong:", "&Tên tệp:", "&Loại tệp:"]
    model = dialog.findChild(QFileSystemModel)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Tên",
        "Cỡ",
        "Loại",
        "Ngày sửa",
    ]
    buttons = [b.text() for b in dialog.findChild(QDialogButtonBox).buttons()]
    assert sorted(buttons) == ["&Lưu", "Hủy"]
    assert QCoreApplication.translate("QFileSystemModel", "Computer") == "Máy tính"
