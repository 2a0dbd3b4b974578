"""Biểu 06 as printed: the signature block never alone on its page, and under "Người lập
biểu" the officer's full name or a dotted line to write it — never a login name."""

from __future__ import annotations

import io
import uuid
from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from counter_app.clock import LOCAL_TZ
from counter_app.models import Officer
from counter_app.reports import export, form06
from counter_app.reports.model import Bieu06, Counts, Row
from counter_app.reports.pdf import Report06Data, render_report06
from counter_app.reports.periods import Period
from counter_app.reports.xlsx import Signed, workbook
from tests.unit.test_print_layout import AGENCY, page_lines

NOW = datetime(2026, 3, 31, 16, 0, tzinfo=LOCAL_TZ)


LONG_NAME = "Thủ tục hành chính số {} về hộ tịch, chứng thực bản sao"


def report(rows: int, name: str = LONG_NAME) -> Bieu06:
    counts = Counts(
        received=5,
        carried_over=1,
        online=1,
        direct=3,
        resolved=3,
        early=1,
        on_time=1,
        late=1,
        in_progress=2,
        within_time=2,
    )
    lines = tuple(Row(name.format(i), counts) for i in range(1, rows + 1))
    total = Row("Tổng cộng", sum((r.counts for r in lines), Counts()))
    period = Period(date(2026, 3, 1), date(2026, 3, 31), "Tháng 3 năm 2026")
    return Bieu06("H26.20", "UBND xã Tam Đảo", period, "procedure", lines, total)


@pytest.mark.parametrize(
    "rows,name",
    [
        (10, "Đăng ký khai sinh"),
        (25, "Đăng ký khai sinh"),
        (1, LONG_NAME),
        (5, LONG_NAME),
        (30, LONG_NAME),
    ],
)
def test_the_signature_block_is_never_alone_on_a_page(rows, name):
    pages = page_lines(render_report06(Report06Data(AGENCY, report(rows, name), "", NOW)))
    signed = [lines for lines in pages if any(form06.PREPARER in line for line in lines)]
    assert len(signed) == 1
    assert any("Tổng cộng" in line for line in signed[0])  # the table's last line with it


def officer_name(full_name: str | None) -> str:
    engine = create_engine("sqlite://")
    Officer.__table__.create(engine)
    with Session(engine) as session:
        session.add(Officer(id=uuid.uuid4(), username="motcua", full_name=full_name or "motcua"))
        session.flush()
        return export.officer_name(session, "motcua", None)


def xlsx_text(data: bytes) -> str:
    sheet = load_workbook(io.BytesIO(data)).active
    return "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)


@pytest.mark.parametrize("full_name", [None, "Trần Văn Bình"])
def test_the_preparer_is_a_full_name_or_a_dotted_line_never_a_login(full_name):
    name = officer_name(full_name)
    pdf = "\n".join(
        line
        for page in page_lines(render_report06(Report06Data(AGENCY, report(3), name, NOW)))
        for line in page
    )
    book = xlsx_text(workbook(report(3), Signed("UBND xã Tam Đảo", "Tam Đảo", name, NOW)))
    for text in (pdf, book):
        assert "motcua" not in text
        assert (full_name or "." * 30) in text
