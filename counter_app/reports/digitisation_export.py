"""The digitisation rates to a file: an .xlsx workbook or an A4 landscape PDF (the agency
heading, the period, the table, "Người lập biểu" and "Thủ trưởng đơn vị"), written
beside the target and renamed like Biểu 06 (reports/export.py). Plain data in, bytes
out; the PDF uses printing's page kit."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab.platypus import Flowable, Spacer

from counter_app import out_files
from counter_app.clock import local
from counter_app.errors import ValidationError
from counter_app.models import Agency
from counter_app.printing.data import PageOptions
from counter_app.printing.page import Form
from counter_app.reports import form06
from counter_app.reports.digitisation import Digitisation, Row
from counter_app.reports.xlsx import FORMULA_STARTS
from counter_app.services.printouts.printouts import agency_header

TITLE = "TỶ LỆ SỐ HÓA HỒ SƠ, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
BASIS = "Số hóa hồ sơ, kết quả giải quyết TTHC (NĐ 107/2021/NĐ-CP, TT 01/2023/TT-VPCP)"
GROUPS = {"field": "Lĩnh vực", "procedure": "Thủ tục", "officer": "Cán bộ tiếp nhận"}
HEADERS = (
    "STT",
    "",  # the grouping's name
    "Hồ sơ tiếp nhận",
    "Có thành phần được số hóa",
    "Số hóa đủ thành phần bắt buộc",
    "Hồ sơ đã giải quyết (có kết quả)",
    "Kết quả được số hóa",
    "Tỷ lệ số hóa hồ sơ - cách tính của Cổng (%)",
    "Tỷ lệ số hóa đủ thành phần bắt buộc (%)",
    "Chênh lệch (điểm %)",
    "Tỷ lệ số hóa kết quả (%)",
)
NOTE = (
    "Cách tính của Cổng: hồ sơ có ít nhất một thành phần được số hóa / hồ sơ tiếp nhận. "
    "Cách tính đủ: mọi thành phần bắt buộc được số hóa hoặc thuộc diện không phải số hóa "
    "(TT 01/2023 Điều 4) / hồ sơ tiếp nhận. Kết quả: hồ sơ có kết quả trong kỳ (không tính "
    "hồ sơ rút, từ chối, dừng) có kết quả được số hóa hoặc thủ tục không có kết quả giấy."
)
SUFFIXES = (".xlsx", ".pdf")
HINT = "một tên tệp .xlsx hoặc .pdf"


def checked_path(value: str | Path) -> Path:
    if Path(str(value)).suffix.lower() not in SUFFIXES:
        raise ValidationError(f"-o '{value}': tỷ lệ số hóa ghi ra tệp .xlsx hoặc .pdf.", "output")
    return out_files.checked(value, HINT)


def _shown(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".replace(".", ",")


def body(report: Digitisation) -> list[list[object]]:
    """The table's lines, numbers as numbers (None for a rate with nothing to count)."""

    def line(number: object, row: Row) -> list[object]:
        f = row.figures
        return [
            number,
            row.name,
            f.received,
            f.with_component,
            f.all_required,
            f.resolved,
            f.with_result,
            f.portal_rate,
            f.strict_rate,
            f.gap,
            f.result_rate,
        ]

    return [line(i, r) for i, r in enumerate(report.rows, 1)] + [line("", report.total)]


def headers(report: Digitisation) -> list[str]:
    return [HEADERS[0], GROUPS[report.by], *HEADERS[2:]]


def document(
    agency: Agency,
    report: Digitisation,
    path: Path,
    prepared_by: str,
    now: datetime,
    font_path: str | None = None,
) -> bytes:
    if path.suffix.lower() == ".xlsx":
        return workbook(report, agency.name, prepared_by, now)
    return render(agency, report, prepared_by, now, font_path)


def workbook(report: Digitisation, agency_name: str, prepared_by: str, now: datetime) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Số hóa"
    sheet["A1"] = f"{agency_name} ({report.agency_code})"
    sheet["A2"], sheet["A3"] = TITLE, report.period.wording
    sheet["A2"].font = Font(bold=True, size=13)
    for column, text in enumerate(headers(report), 1):
        cell = sheet.cell(row=5, column=column, value=text)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    lines = body(report)
    for r, values in enumerate(lines, 6):
        for column, value in enumerate(values, 1):
            formula = isinstance(value, str) and value.startswith(FORMULA_STARTS)
            cell = sheet.cell(row=r, column=column, value=value)
            if formula:  # a name that a spreadsheet would take for a formula
                cell.data_type, cell.quotePrefix = "s", True
            if column > 7:
                cell.number_format = "0.00"
            if values is lines[-1]:
                cell.font = Font(bold=True)
    end = 6 + len(lines) + 1
    sheet.cell(row=end, column=1, value=NOTE).font = Font(italic=True, size=9)
    day = local(now)
    sheet.cell(row=end + 2, column=8, value=f"Ngày {day:%d} tháng {day:%m} năm {day:%Y}")
    sheet.cell(row=end + 3, column=2, value=form06.PREPARER).font = Font(bold=True)
    sheet.cell(row=end + 3, column=8, value=form06.HEAD).font = Font(bold=True)
    sheet.cell(row=end + 8, column=2, value=prepared_by)
    for i, width in enumerate([5, 34, *[13] * 9], 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.row_dimensions[5].height = 60
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render(
    agency: Agency, report: Digitisation, prepared_by: str, now: datetime, font_path: str | None
) -> bytes:
    form = Form(PageOptions(font_path=font_path), BASIS, wide=True)
    header = agency_header(agency)
    rows = [[_cell(v) for v in line] for line in body(report)]
    story: list[Flowable] = [
        form.header(header),
        Spacer(1, 3),
        *form.title(TITLE, report.period.wording),
        Spacer(1, 6),
        form.grid(headers(report), rows, [0.04, 0.2, *[0.076] * 9], small=True),
        Spacer(1, 4),
        form.para(f"<i>{NOTE}</i>", form.styles.small),
        Spacer(1, 6),
        form.dated(header, now),
        form.signatures(
            (form06.PREPARER, form06.PREPARER_HINT, prepared_by),
            (form06.HEAD, form06.HEAD_HINT, ""),
        ),
    ]
    return form.build(story, f"Tỷ lệ số hóa {report.period.label}")


def _cell(value: object) -> str:
    if value is None or isinstance(value, float):
        return _shown(value)  # type: ignore[arg-type]
    return str(value)


def save(path: Path, data: bytes) -> None:
    out_files.replace(path, data, HINT)
