"""The fee report to a file: an .xlsx workbook or an A4 landscape PDF (the agency heading,
the period, the totals, the rows by procedure or officer, the exemptions, the replaced
receipts, "Người lập biểu" and "Thủ trưởng đơn vị"), written beside the target and
renamed like Biểu 06 (reports/export.py). Both draw the same `sections`; plain data in,
bytes out; the PDF uses printing's page kit."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab.platypus import Flowable, KeepTogether, Spacer

from counter_app.clock import local
from counter_app.models import Agency
from counter_app.printing.data import PageOptions
from counter_app.printing.page import Form, text
from counter_app.reports import export, form06
from counter_app.reports.fees import FeeReport
from counter_app.reports.xlsx import BOX, as_text
from counter_app.services.catalog.fee_schedule import KINDS
from counter_app.services.printouts.printouts import agency_header

TITLE = "BÁO CÁO THU PHÍ, LỆ PHÍ"
BASIS = "Thu phí, lệ phí tại Bộ phận Một cửa (Luật Phí và lệ phí 2015; NĐ 123/2020/NĐ-CP)"
WHAT = "báo cáo phí, lệ phí"
METHOD_NAMES = {"cash": "Tiền mặt", "transfer": "Chuyển khoản", "qr": "VietQR"}
GROUPS = {
    "procedure": ("Theo thủ tục", "Mã thủ tục", "Tên thủ tục"),
    "officer": ("Theo cán bộ thu", "Tên đăng nhập", "Cán bộ thu"),
}
MONEY = "Số tiền (đồng)"
NOTE = (
    "Chỉ tính biên lai còn hiệu lực (biên lai bị thay thế không tính; tiền được tính một "
    "lần, ở biên lai thay thế). Phí và lệ phí: mỗi lần nộp được tính vào các khoản của "
    "hồ sơ theo thứ tự trong biểu phí, khoản đầu trước."
)


@dataclass(frozen=True)
class Section:
    title: str
    headers: list[str]
    rows: list[list[object]]  # numbers as numbers
    widths: list[float]  # of the page's width, for the PDF
    empty: str = ""  # said instead of the table when it has no rows
    total: bool = False  # the last row is a total (bold)


def period_line(report: FeeReport) -> str:
    """ "Tháng 3 năm 2026 (từ ngày … đến ngày …)", "Từ ngày … đến ngày …"."""
    wording = report.period.wording
    return wording[:1].upper() + wording[1:]


def receipt_label(series: str, number: int) -> str:
    return f"{series} số {number:07d}"


def sections(report: FeeReport) -> list[Section]:
    m = report.by_method
    summary: list[list[object]] = [["Tổng số đã thu", report.count, report.amount]]
    summary += [[KINDS[k], None, report.by_kind[k]] for k in ("phi", "le_phi")]
    summary += [[METHOD_NAMES[k], None, m[k]] for k in METHOD_NAMES]
    found = [Section("Tổng hợp", ["Nội dung", "Số biên lai", MONEY], summary, [0.3, 0.12, 0.18])]
    if report.by:
        title, key, name = GROUPS[report.by]
        lines: list[list[object]] = [
            [i, r.key, r.name, r.count, r.amount, *(r.by_method[k] for k in METHOD_NAMES)]
            for i, r in enumerate(report.rows, 1)
        ]
        lines.append([None, None, "Tổng số", report.count, report.amount, *m.values()])
        found.append(
            Section(
                title,
                ["STT", key, name, "Số biên lai", MONEY, *METHOD_NAMES.values()],
                lines,
                [0.05, 0.12, 0.31, 0.09, 0.12, 0.11, 0.1, 0.1],
                total=True,
            )
        )
    found.append(
        Section(
            "Hồ sơ được miễn phí, lệ phí (theo ngày chọn miễn)",
            ["STT", "Trường hợp", "Đối tượng", "Căn cứ", "Số hồ sơ", "Số tiền được miễn (đồng)"],
            [
                [i, e.code, e.who, e.basis, e.count, e.amount]
                for i, e in enumerate(report.exemptions, 1)
            ],
            [0.05, 0.12, 0.25, 0.33, 0.1, 0.15],
            "Không có hồ sơ nào được miễn trong kỳ.",
        )
    )
    found.append(
        Section(
            "Biên lai bị thay thế (theo ngày thay thế)",
            ["STT", "Hồ sơ", "Biên lai bị thay thế", "Biên lai thay thế", "Lý do", MONEY, "Ngày"],
            [
                [
                    i,
                    r.dossier,
                    receipt_label(r.series, r.number),
                    receipt_label(r.by[1], r.by[2]),
                    r.reason,
                    r.amount,
                    f"{local(r.at):%d/%m/%Y}",
                ]
                for i, r in enumerate(report.replaced, 1)
            ],
            [0.05, 0.2, 0.15, 0.15, 0.23, 0.11, 0.11],
            "Không có biên lai nào bị thay thế trong kỳ.",
        )
    )
    return found


def checked_path(value: str | Path) -> Path:
    return export.checked_path(value, WHAT)


def document(
    agency: Agency,
    report: FeeReport,
    path: Path,
    prepared_by: str,
    now: datetime,
    font_path: str | None = None,
) -> bytes:
    if path.suffix.lower() == ".xlsx":
        return workbook(report, prepared_by, now)
    return render(agency, report, prepared_by, now, font_path)


def workbook(report: FeeReport, prepared_by: str, now: datetime) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Phí, lệ phí"
    sheet["A1"] = f"{report.agency_name} ({report.agency_code})"
    sheet["A2"], sheet["A3"] = TITLE, period_line(report)
    sheet["A2"].font = Font(bold=True, size=13)
    row = 5
    for part in sections(report):
        sheet.cell(row=row, column=1, value=part.title).font = Font(bold=True)
        row += 1
        for column, heading in enumerate(part.headers, 1):
            cell = sheet.cell(row=row, column=column, value=heading)
            cell.font, cell.border = Font(bold=True), BOX
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        for values in part.rows:
            row += 1
            for column, value in enumerate(values, 1):
                cell = sheet.cell(row=row, column=column, value=value)
                cell.border = BOX
                if isinstance(value, int) and column > 1:
                    cell.number_format = "#,##0"
                if part.total and values is part.rows[-1]:
                    cell.font = Font(bold=True)
        if not part.rows:
            row += 1
            sheet.cell(row=row, column=1, value=part.empty).font = Font(italic=True)
        row += 2
    sheet.cell(row=row, column=1, value=NOTE).font = Font(italic=True, size=9)
    day = local(now)
    sheet.cell(row=row + 2, column=5, value=f"Ngày {day:%d} tháng {day:%m} năm {day:%Y}")
    sheet.cell(row=row + 3, column=2, value=form06.PREPARER).font = Font(bold=True)
    sheet.cell(row=row + 3, column=5, value=form06.HEAD).font = Font(bold=True)
    sheet.cell(row=row + 8, column=2, value=prepared_by)
    as_text(sheet)
    for i, width in enumerate([30, 16, 34, 30, 16, 18, 14, 12], 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def shown(value: object) -> str:
    """A figure as printed: 1.234.567 (thousands by dots); nothing for no figure."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}".replace(",", ".")
    return str(value)


def render(
    agency: Agency, report: FeeReport, prepared_by: str, now: datetime, font_path: str | None
) -> bytes:
    form = Form(PageOptions(font_path=font_path), BASIS, wide=True)
    header = agency_header(agency)
    story: list[Flowable] = [
        form.header(header),
        Spacer(1, 3),
        *form.title(TITLE, period_line(report)),
        form.para(
            f"Đơn vị báo cáo: <b>{text(report.agency_name)}</b> ({text(report.agency_code)})",
            form.styles.small,
        ),
    ]
    for part in sections(report):
        story += [Spacer(1, 6), form.para(f"<b>{part.title}</b>")]
        if part.rows:
            rows = [[shown(v) for v in line] for line in part.rows]
            table = form.grid(part.headers, rows, part.widths, small=True)
            table.hAlign = "LEFT"
            story.append(table)
        else:
            story.append(form.para(f"<i>{part.empty}</i>", form.styles.small))
    closing = [
        Spacer(1, 4),
        form.para(f"<i>{NOTE}</i>", form.styles.small),
        Spacer(1, 6),
        form.dated(header, now),
        form.signatures(
            (form06.PREPARER, form06.PREPARER_HINT, prepared_by),
            (form06.HEAD, form06.HEAD_HINT, ""),
        ),
    ]
    story.append(KeepTogether(closing))  # the signatures never alone on a page
    return form.build(story, f"Phí, lệ phí {report.period.label}")


def save(path: Path, data: bytes) -> None:
    export.save(path, data)
