"""A runtime hook of the bundle (packaging/counter-app.spec), run before the program at
every start; it does nothing unless COUNTER_APP_BUNDLE_CHECK names a PDF file.

With it, the bundle shows that the Qt modules the desk loads only later (the print
preview's QtPdf and QtPdfWidgets, printing's QtPrintSupport, the dashboard's QtCharts)
load from the bundle and work, through the program's own modules: the PDF is rasterised
with QtPdf and printed on a QPrinter into FILE.printed.pdf (printer.print_pdf, as the desk
prints), the dashboard's chart view and the print preview's module are built. One line per
part on stdout, then the process exits (0: all worked). The smoke test decodes the
barcode of the printed copy (tests/bundle/test_bundle.py)."""

import os
import sys


def _check(pdf_path: str) -> int:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from counter_app.ui.prints.printer import PrinterChoice, make_printer, print_pdf

    app = QApplication(sys.argv[:1])
    with open(pdf_path, "rb") as source:
        pdf = source.read()
    printer: QPrinter = make_printer(PrinterChoice(None))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(f"{pdf_path}.printed.pdf")
    print(f"QtPdf, QtPrintSupport: {print_pdf(pdf, printer)} trang đã in ra tệp")
    from PySide6.QtPdfWidgets import QPdfView

    import counter_app.ui.prints.print_preview  # noqa: F401  QtPdfWidgets

    print(f"QtPdfWidgets: {type(QPdfView()).__name__}")
    from counter_app.ui.dashboard.charts import ChartView

    view = ChartView()
    print(f"QtCharts: {type(view).__name__} {view.grab().width()} px")
    app.quit()
    return 0


if os.environ.get("COUNTER_APP_BUNDLE_CHECK"):
    sys.exit(_check(os.environ["COUNTER_APP_BUNDLE_CHECK"]))
