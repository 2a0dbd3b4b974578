"""Sending a PDF to a printer: each page rasterised at a capped resolution and painted on
the QPrinter. Runs in a worker thread (Qt allows QPainter on a QPrinter off the GUI
thread); it builds its own QPdfDocument there."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

MIN_DPI, MAX_DPI = 300, 600


class PrintingError(Exception):
    """The job could not be printed (shown to the officer; the PDF can still be saved)."""


@dataclass(frozen=True)
class PrinterChoice:
    name: str | None  # None: the system's default printer
    dpi: int = MIN_DPI


def installed_printers() -> list[str]:
    return [p.printerName() for p in QPrinterInfo.availablePrinters()]


def open_pdf(pdf: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over the bytes; keep the buffer alive as long as the document."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise PrintingError("Không đọc được tệp PDF để in.")
    return document, buffer


def print_pdf(pdf: bytes, printer: QPrinter, dpi: int = MIN_DPI) -> int:
    """Print every page; returns the number of pages printed."""
    dpi = max(MIN_DPI, min(MAX_DPI, dpi))
    document, _buffer = open_pdf(pdf)
    printer.setResolution(dpi)
    printer.setFullPage(True)
    _match_paper(printer, document.pagePointSize(0))
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintingError("Máy in không nhận lệnh in (hết giấy, chưa bật, hoặc không kết nối).")
    try:
        for page in range(document.pageCount()):
            if page and not printer.newPage():
                raise PrintingError("Máy in dừng giữa chừng.")
            points = document.pagePointSize(page)
            pixels = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, pixels)
            painter.drawImage(QRectF(painter.viewport()), image)
    finally:
        painter.end()
    return document.pageCount()


def _match_paper(printer: QPrinter, points: QSizeF) -> None:
    """The paper of the PDF (A4, A5, landscape register), not the printer's default."""
    portrait = QSizeF(min(points.width(), points.height()), max(points.width(), points.height()))
    size = QPageSize(portrait, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    orientation = (
        QPageLayout.Orientation.Landscape
        if points.width() > points.height()
        else QPageLayout.Orientation.Portrait
    )
    printer.setPageLayout(QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0)))


def make_printer(choice: PrinterChoice) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if choice.name:
        printer.setPrinterName(choice.name)
    return printer
