"""The preview shows the form off screen, prints through a QPrinter to a file whose barcode
still decodes, saves as PDF, and tells the officer when no printer is installed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from counter_app.printing.data import PageOptions
from counter_app.printing.receipt import render_receipt
from counter_app.ui import save_dialog
from counter_app.ui.prints import print_preview
from counter_app.ui.prints.print_preview import PrintPreview
from counter_app.ui.prints.printer import PrinterChoice
from counter_app.ui.tasks import Tasks
from tests.unit.test_printing import CODE, decoded, receipt_data


def preview(qtbot) -> PrintPreview:
    dialog = PrintPreview(
        render_receipt(receipt_data()), "Giấy tiếp nhận", Tasks(), PrinterChoice(None)
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_preview_shows_both_copies(qtbot):
    dialog = preview(qtbot)
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.document.pageCount() == 2
    assert dialog.view.document() is dialog.document
    assert dialog.status.text() == "2 trang"


def test_printing_to_a_pdf_printer_keeps_the_barcode_readable(qtbot, tmp_path):
    dialog = preview(qtbot)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(dialog.printed, timeout=30_000) as done:
        dialog.print_to(printer)
    assert done.args == [2]
    assert ("Code128", CODE) in decoded((tmp_path / "printed.pdf").read_bytes())


def test_save_as_pdf(qtbot, tmp_path):
    dialog = preview(qtbot)
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_to(tmp_path / "phieu.pdf")
    assert (tmp_path / "phieu.pdf").read_bytes() == dialog._pdf


def test_no_printer_says_so_and_offers_saving(qtbot, monkeypatch, tmp_path):
    dialog = preview(qtbot)
    told, asked = [], []
    monkeypatch.setattr(print_preview, "installed_printers", lambda: [])
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))
    monkeypatch.setattr(
        save_dialog.QFileDialog,
        "getSaveFileName",
        lambda *a: asked.append(a) or (str(tmp_path / "x.pdf"), ""),
    )
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.print_button.click()
    assert "chưa cài máy in" in told[0] and asked
    assert (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("paper,size", [("A5", (420, 595)), ("A4", (595, 842))])
def test_printed_paper_is_the_forms_paper(qtbot, tmp_path, paper, size):
    from counter_app.ui.prints.printer import print_pdf
    from tests.unit.test_printing import page_sizes

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    print_pdf(render_receipt(receipt_data(), PageOptions(paper=paper)), printer)
    assert page_sizes((tmp_path / "out.pdf").read_bytes()) == {size}


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1280, 720), (800, 600)])
def test_the_preview_fits_the_screen_with_its_buttons(qtbot, monkeypatch, width, height):
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, width, height))
    dialog = preview(qtbot)
    assert dialog.height() + 30 <= height and dialog.width() <= width  # title bar included
    bottom = dialog.print_button.mapTo(dialog, dialog.print_button.rect().bottomLeft()).y()
    assert bottom <= dialog.height()


def test_escape_closes_the_preview_at_once(qtbot):
    dialog = preview(qtbot)
    dialog.activateWindow()
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
