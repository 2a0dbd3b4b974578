"""The satisfaction report's PDF (reports/satisfaction_pdf.py): a table longer than a page
goes on to the next with its heading repeated; figures that are missing read "—"."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from counter_app.printing.data import AgencyHeader
from counter_app.reports.periods import Period
from counter_app.reports.ratings import RatingCount
from counter_app.reports.satisfaction import Complaints, Criterion54, Satisfaction, TimeRow
from counter_app.reports.satisfaction_pdf import render

HEADER = AgencyHeader("UBND xã Tam Đảo", "Tam Đảo")


def report(times: tuple[TimeRow, ...], by: str | None = None, rows=()) -> Satisfaction:
    return Satisfaction(
        Period(date(2026, 1, 1), date(2026, 12, 31), "Năm 2026"),
        by,
        RatingCount("", "", 0, 0, 0, 0),
        rows,
        (None, None),
        (None, None),
        Complaints(0, 0, 0, 0),
        Criterion54(0, 0, 0, 0, None, None, None),
        times,
    )


def pages(pdf: bytes) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_a_long_table_repeats_its_heading_on_every_page():
    times = tuple(
        TimeRow(service, hour, 10, (60, 600), (120, 900))
        for service in "ABCDEFGH"
        for hour in (None, *range(7, 17))
    )
    found = pages(render(HEADER, report(times)))
    assert len(found) >= 3  # the table goes on over two pages at least
    assert all("Chờ p50 (giây)" in page for page in found[1:])
    assert "H 16 giờ 10 60 600 120 900" in found[-1]
    assert "MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN" in found[0] and "Năm 2026" in found[0]


def test_an_empty_period_reads_dashes_and_says_so():
    words = " ".join(pages(render(HEADER, report((), "procedure"))))
    assert "Ước tính tiêu chí 5.4 (100 % − (quá hạn + phản ánh)) —" in words
    assert "Không có đánh giá nào trong kỳ." in words
    assert "Không có số nào được gọi trong kỳ." in words
