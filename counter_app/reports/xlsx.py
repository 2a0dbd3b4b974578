"""Biểu 06 as an Excel workbook (openpyxl): the official merged headings, numbers as
numbers, the signature blocks. Plain data in, bytes out."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from counter_app.clock import local
from counter_app.printing.page import signature_name
from counter_app.reports import form06
from counter_app.reports.model import Bieu06

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
HEADING_ROW = 8  # the first row of the table's heading
WIDTHS = [5, 34] + [10] * 16
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Signed:
    """Who the form comes from and when: printed above the signature blocks."""

    agency: str  # "UBND xã Tam Đảo"
    place: str  # "Tam Đảo"
    prepared_by: str
    at: datetime


def workbook(report: Bieu06, signed: Signed) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Biểu 06"
    last = get_column_letter(form06.COLUMNS)
    _top(sheet, report, signed, last)
    _heading(sheet, report.by)
    row = HEADING_ROW + 4
    for values in form06.body(report):
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=row, column=column, value=value)
            cell.border = BOX
            if column > 2:
                cell.alignment = Alignment(horizontal="right")
                cell.number_format = "0.00" if column == form06.COLUMNS else "#,##0"
        row += 1
    for cell in sheet[row - 1]:  # the total row
        cell.font = Font(bold=True)
    _signatures(sheet, row + 1, signed, last)
    as_text(sheet)
    for i, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_text(sheet: Worksheet) -> None:
    """Every text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, a tab
    or a carriage return first: an officer or a procedure named `=cmd|…` must never become
    a live formula) is stored as text and marked so (quotePrefix) for when it is edited."""
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"
                cell.quotePrefix = True


def _top(sheet: Worksheet, report: Bieu06, signed: Signed, last: str) -> None:
    sheet["A1"], sheet["A2"] = form06.FORM, form06.BASIS
    sheet["A1"].font = Font(bold=True)
    sheet["A2"].font = Font(italic=True)
    sheet["N1"] = f"Đơn vị báo cáo: {signed.agency} ({report.agency_code})"
    sheet["N2"] = "Đơn vị nhận báo cáo: ............................"
    for row, text, bold in ((4, form06.TITLE, True), (5, form06.period_line(report), False)):
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = sheet[f"A{row}"]
        cell.value, cell.font, cell.alignment = (
            text,
            Font(bold=bold, size=13 if bold else 11),
            CENTER,
        )
    sheet.row_dimensions[4].height = 34
    sheet[f"{last}6"] = form06.UNIT_LINE
    sheet[f"{last}6"].alignment = Alignment(horizontal="right")


def _heading(sheet: Worksheet, by: str) -> None:
    for h in form06.headings(by):
        top, left = HEADING_ROW + h.row, h.column + 1
        bottom, right = top + h.rows - 1, left + h.columns - 1
        if (bottom, right) != (top, left):
            sheet.merge_cells(start_row=top, start_column=left, end_row=bottom, end_column=right)
        cell = sheet.cell(row=top, column=left, value=h.text)
        cell.font, cell.alignment = Font(bold=True), CENTER
        for r in range(top, bottom + 1):
            for c in range(left, right + 1):
                sheet.cell(row=r, column=c).border = BOX
    for column, number in enumerate(form06.NUMBERS, 1):
        cell = sheet.cell(row=HEADING_ROW + 3, column=column, value=number)
        cell.font, cell.alignment, cell.border = Font(italic=True, size=9), CENTER, BOX
    for offset, height in enumerate((30, 30, 45)):
        sheet.row_dimensions[HEADING_ROW + offset].height = height


def _signatures(sheet: Worksheet, row: int, signed: Signed, last: str) -> None:
    day = local(signed.at)
    sheet.merge_cells(f"L{row}:{last}{row}")
    sheet[f"L{row}"] = f"{signed.place}, ngày {day:%d} tháng {day:%m} năm {day:%Y}"
    sheet[f"L{row}"].alignment, sheet[f"L{row}"].font = CENTER, Font(italic=True)
    for column, role, hint, name in (
        ("B", form06.PREPARER, form06.PREPARER_HINT, signature_name(signed.prepared_by)),
        ("L", form06.HEAD, form06.HEAD_HINT, ""),
    ):
        end = "D" if column == "B" else last
        for offset, text, font in (
            (1, role, Font(bold=True)),
            (2, hint, Font(italic=True)),
            (6, name, Font(bold=True)),
        ):
            sheet.merge_cells(f"{column}{row + offset}:{end}{row + offset}")
            cell = sheet[f"{column}{row + offset}"]
            cell.value, cell.font, cell.alignment = text, font, CENTER
