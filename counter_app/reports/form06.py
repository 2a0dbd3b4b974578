"""The layout of Biểu số 06/VPCP/KSTT, shared by the workbook and the PDF: its merged
headings, the column numbers with their sums, and the cells of a row. The official
columns (1)–(13) come first; the program's own follow, marked as outside the form."""

from __future__ import annotations

from dataclasses import dataclass

from counter_app.reports.model import Bieu06, Row

FORM = "Biểu số 06/VPCP/KSTT"
BASIS = "Ban hành kèm theo Thông tư số 01/2020/TT-VPCP"
TITLE = (
    "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP "
    "GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
)
UNIT_LINE = "Đơn vị tính: Số hồ sơ TTHC"
PREPARER, HEAD = "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"
PREPARER_HINT, HEAD_HINT = "(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)"
COLUMNS = 18
OFFICIAL = 13  # columns (1)..(13) are the form's; the rest the program's


@dataclass(frozen=True)
class Heading:
    row: int  # 0..2 within the heading
    column: int  # 0-based
    text: str
    rows: int = 1
    columns: int = 1


def headings(by: str) -> list[Heading]:
    first = "Lĩnh vực giải quyết" if by == "field" else "Thủ tục hành chính"
    return [
        Heading(0, 0, "STT", rows=3),
        Heading(0, 1, first, rows=3),
        Heading(0, 2, "Số hồ sơ nhận giải quyết", columns=4),
        Heading(1, 2, "Tổng số", rows=2),
        Heading(1, 3, "Trong đó", columns=3),
        Heading(2, 3, "Từ kỳ trước"),
        Heading(2, 4, "Mới tiếp nhận trực tuyến"),
        Heading(2, 5, "Mới tiếp nhận trực tiếp, dịch vụ bưu chính"),
        Heading(0, 6, "Số hồ sơ đã giải quyết", columns=4),
        Heading(1, 6, "Tổng số", rows=2),
        Heading(1, 7, "Trong đó", columns=3),
        Heading(2, 7, "Trước hạn"),
        Heading(2, 8, "Đúng hạn"),
        Heading(2, 9, "Quá hạn"),
        Heading(0, 10, "Số hồ sơ đang giải quyết", columns=3),
        Heading(1, 10, "Tổng số", rows=2),
        Heading(1, 11, "Trong đó", columns=2),
        Heading(2, 11, "Trong hạn"),
        Heading(2, 12, "Quá hạn"),
        Heading(0, 13, "Ngoài biểu, để theo dõi", columns=5),
        Heading(1, 13, "Trong số đã giải quyết", columns=3),
        Heading(2, 13, "Rút hồ sơ"),
        Heading(2, 14, "Dừng giải quyết"),
        Heading(2, 15, "Từ chối"),
        Heading(1, 16, "Đang tạm dừng chờ bổ sung", rows=2),
        Heading(1, 17, "Tỷ lệ trước hạn và đúng hạn (%)", rows=2),
    ]


NUMBERS = [
    "(1)",
    "(2)",
    "(3)=(4)+(5)+(6)",
    "(4)",
    "(5)",
    "(6)",
    "(7)=(8)+(9)+(10)",
    "(8)",
    "(9)",
    "(10)",
    "(11)=(12)+(13)",
    "(12)",
    "(13)",
    "(14)",
    "(15)",
    "(16)",
    "(17)",
    "(18)=((8)+(9))/(7)",
]


def cells(position: int | str, row: Row) -> list[object]:
    """A row's 18 cells: numbers as numbers, the rate as a number or empty."""
    c = row.counts
    rate = c.on_time_rate
    return [
        position,
        row.name,
        c.received,
        c.carried_over,
        c.online,
        c.direct + c.postal,
        c.resolved,
        c.early,
        c.on_time,
        c.late,
        c.in_progress,
        c.within_time,
        c.overdue,
        c.withdrawn,
        c.stopped,
        c.refused,
        c.paused,
        "" if rate is None else rate,
    ]


def body(report: Bieu06) -> list[list[object]]:
    """The rows under the heading, the total last (without a number)."""
    return [cells(i, row) for i, row in enumerate(report.rows, 1)] + [cells("", report.total)]


def period_line(report: Bieu06) -> str:
    return f"Kỳ báo cáo: {report.period.wording}"
