"""The queue ticket as a PDF for an ordinary printer (issue 22): the thermal ticket's
content, on an 80 mm page or A6, its QR read back from the rasterised page."""

from __future__ import annotations

import io

import pypdfium2
import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from counter_app.printing.ticket import render_ticket_pdf
from tests.thermal import a_ticket, qr_texts


@pytest.mark.parametrize(("paper", "width_mm"), [("80mm", 80), ("A6", 105)])
def test_the_pdf_ticket_says_what_the_thermal_one_says(paper, width_mm):
    data = render_ticket_pdf(a_ticket(), paper)
    reader = PdfReader(io.BytesIO(data))
    [page] = reader.pages
    assert float(page.mediabox.width) == pytest.approx(width_mm * mm)
    text = " ".join(page.extract_text().split())
    for expected in (
        "ỦY BAN NHÂN DÂN XÃ TAM ĐẢO",
        "Hộ tịch — đăng ký khai sinh, kết hôn,",
        "SỐ THỨ TỰ",
        "A021",
        "Số người đang chờ trước bạn: 5",
        "Lấy số lúc 08:05 ngày 14/03/2025",
    ):
        assert expected in text
    assert reader.metadata.title == "Phiếu số thứ tự A021"
    picture = pypdfium2.PdfDocument(data)[0].render(scale=300 / 72).to_pil()
    assert qr_texts(picture) == ["A021|2025-03-14|000.00.20.H26"]


def test_the_80mm_page_is_as_tall_as_the_ticket():
    short = PdfReader(io.BytesIO(render_ticket_pdf(a_ticket(service="Đất đai")))).pages[0]
    long = PdfReader(io.BytesIO(render_ticket_pdf(a_ticket(service="Đất đai " * 12)))).pages[0]
    assert 90 * mm < float(short.mediabox.height) < float(long.mediabox.height) < 200 * mm


def test_an_unknown_paper_is_refused():
    with pytest.raises(ValueError, match="80mm"):
        render_ticket_pdf(a_ticket(), "A4")
