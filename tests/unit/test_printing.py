"""Printed forms: what a reader sees (text, dates, accents), paper size, barcodes that a
real decoder reads from a 300 dpi raster, layout under stress, identical bytes."""

from __future__ import annotations

import dataclasses
import io
import unicodedata

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from counter_app.clock import parse
from counter_app.printing import letters, tables
from counter_app.printing.barcodes import BarcodeError, code128
from counter_app.printing.data import (
    AgencyHeader,
    ApologyData,
    ControlSheetData,
    DocumentLine,
    Handoff,
    HandoverData,
    HandoverLine,
    PageOptions,
    Person,
    ReceiptData,
    RefusalData,
    RegisterData,
    RegisterLine,
    StopData,
    SupplementData,
)
from counter_app.printing.receipt import render_receipt

A4 = (595, 842)
A5 = (420, 595)
CODE = "000.00.20.H26-260213-0007"
AGENCY = AgencyHeader("UBND xã Tam Đảo", "Tam Đảo", "Xã Tam Đảo, tỉnh Phú Thọ", "0211 3824 225")
HOA = Person("Nguyễn Thị Hoà", "026190001234", "Thôn 3, xã Tam Đảo", "0912345678")
T = parse("2026-02-13T10:00+07:00")
DUE = parse("2026-02-25T17:00+07:00")


def receipt_data(**changes) -> ReceiptData:
    base = ReceiptData(
        agency=AGENCY,
        code=CODE,
        applicant=HOA,
        procedure="Đăng ký khai sinh",
        procedure_code="1.001193",
        documents=(
            DocumentLine("Tờ khai đăng ký khai sinh", "original", 1),
            DocumentLine("Giấy chứng sinh", "certified_copy", 1),
        ),
        sets=1,
        legal_duration="03 ngày làm việc",
        received_at=T,
        due_at=DUE,
        collect_at="Bộ phận tiếp nhận và trả kết quả",
        register_line=7,
        officer="Trần Văn Bình",
        printed_at=T,
    )
    return dataclasses.replace(base, **changes)


def handoffs(n: int) -> tuple[Handoff, ...]:
    return tuple(
        Handoff(
            "TP-HT" if i % 2 else "Bộ phận TN&TKQ",
            "VP-TK",
            T,
            T,
            "on_time" if i % 3 else None,
            f"bước {i}",
        )
        for i in range(n)
    )


def control_data(n: int = 2) -> ControlSheetData:
    return ControlSheetData(AGENCY, CODE, HOA, "Đăng ký khai sinh", T, DUE, handoffs(n), DUE, T)


def register_data(n: int) -> RegisterData:
    lines = tuple(
        RegisterLine(
            i, f"000.00.20.H26-260213-{i:04d}", "Đăng ký khai sinh", 1, HOA, T, DUE, None, None
        )
        for i in range(1, n + 1)
    )
    return RegisterData(AGENCY, T.date(), DUE.date(), lines, T)


FORMS = {
    "receipt": (
        lambda: render_receipt(receipt_data()),
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        [
            "13/02/2026 10:00",
            "25/02/2026 17:00",
            "Tờ khai đăng ký khai sinh",
            "026190001234",
            "0912345678",
            "01 bộ",
            "03 ngày làm việc",
            "Bộ phận tiếp nhận và trả kết quả",
            "số thứ tự 7",
            "Bản sao chứng thực",
            "Trần Văn Bình",
            "Đăng ký khai sinh (1.001193)",
        ],
    ),
    "supplement": (
        lambda: letters.render_supplement(
            SupplementData(
                AGENCY,
                CODE,
                HOA,
                "Đăng ký khai sinh",
                "Giấy chứng sinh bản chính",
                "Bản chụp mờ",
                "Trần Văn Bình",
                "0211 3824 225",
                T,
            )
        ),
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        [
            "Giấy chứng sinh bản chính",
            "13 tháng 02 năm 2026",
            "Trần Văn Bình",
            "0211 3824 225",
            "Bản chụp mờ",
        ],
    ),
    "refusal": (
        lambda: letters.render_refusal(
            RefusalData(
                AGENCY, HOA, "Đăng ký khai sinh", "Không thuộc thẩm quyền", "Trần Văn Bình", T
            )
        ),
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        ["Không thuộc thẩm quyền"],
    ),
    "apology": (
        lambda: letters.render_apology(
            ApologyData(
                AGENCY,
                CODE,
                HOA,
                "Đăng ký khai sinh",
                T,
                DUE,
                parse("2026-03-02T17:00+07:00"),
                "Chờ xác minh",
                "Lê Văn Tám",
                T,
            )
        ),
        "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT",
        ["25/02/2026 17:00", "02/03/2026 17:00", "Chờ xác minh"],
    ),
    "stop": (
        lambda: letters.render_stop(
            StopData(
                AGENCY,
                CODE,
                HOA,
                "Đăng ký khai sinh",
                T,
                "Đang thẩm định",
                "Hồ sơ giả mạo",
                "Không thu phí",
                "Lê Văn Tám",
                T,
            )
        ),
        "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
        ["13/02/2026 10:00", "Hồ sơ giả mạo"],
    ),
    "control-sheet": (
        lambda: tables.render_control_sheet(control_data()),
        "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
        ["25/02/2026 17:00"],
    ),
    "register": (
        lambda: tables.render_register(register_data(3)),
        "SỔ THEO DÕI HỒ SƠ",
        ["13/02/2026", "25/02/2026"],
    ),
    "handover": (
        lambda: tables.render_handover(
            HandoverData(
                AGENCY,
                "Bộ phận TN&TKQ",
                "TP-HT",
                T,
                (HandoverLine(CODE, "Nguyễn Thị Hoà", "Đăng ký khai sinh", DUE),),
            )
        ),
        "DANH SÁCH BÀN GIAO HỒ SƠ",
        ["25/02/2026", "Bên nhận: TP-HT"],
    ),
}


def pdf_text(pdf: bytes) -> list[str]:
    return [
        unicodedata.normalize("NFC", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages
    ]


def page_sizes(pdf: bytes) -> set[tuple[int, int]]:
    return {
        (round(p.mediabox.width), round(p.mediabox.height))
        for p in PdfReader(io.BytesIO(pdf)).pages
    }


def decoded(pdf: bytes, page: int = 0) -> set[tuple[str, str]]:
    image = pypdfium2.PdfDocument(pdf)[page].render(scale=300 / 72).to_pil()
    return {(str(r.format).replace(" ", ""), r.text) for r in zxingcpp.read_barcodes(image)}


@pytest.mark.parametrize("form", list(FORMS))
def test_form_shows_title_names_and_dates(form):
    render, title, facts = FORMS[form]
    text = "\n".join(pdf_text(render()))
    assert title in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "UBND XÃ TAM ĐẢO" in text.upper()
    assert "Nguyễn Thị Hoà" in text
    if form not in ("refusal", "register"):
        assert CODE in text.replace("\n", "")
    for fact in facts:
        assert fact in text, fact


@pytest.mark.parametrize("form", list(FORMS))
def test_identical_input_gives_identical_bytes(form):
    render = FORMS[form][0]
    assert render() == render()


@pytest.mark.parametrize("form,size", [("receipt", A4), ("apology", A4), ("register", (842, 595))])
def test_paper_size(form, size):
    assert page_sizes(FORMS[form][0]()) == {size}


def test_receipt_on_a5_and_two_copies():
    pdf = render_receipt(receipt_data(), PageOptions(paper="A5"))
    assert page_sizes(pdf) == {A5}
    text = "\n".join(pdf_text(pdf))
    assert "Liên 1: Giao người nộp hồ sơ" in text and "Liên 2: Lưu cùng hồ sơ" in text


@pytest.mark.parametrize("paper", ["A4", "A5"])
def test_receipt_barcode_and_qr_decode_at_300_dpi(paper):
    pdf = render_receipt(receipt_data(), PageOptions(paper=paper))
    assert decoded(pdf) >= {("Code128", CODE), ("QRCode", CODE)}


def test_qr_can_carry_a_lookup_url_with_the_code_only():
    pdf = render_receipt(receipt_data(), PageOptions(lookup_url="https://tra.cuu/hs/{code}"))
    assert ("QRCode", f"https://tra.cuu/hs/{CODE}") in decoded(pdf)


def test_control_sheet_barcode_decodes():
    assert ("Code128", CODE) in decoded(tables.render_control_sheet(control_data()))


@pytest.mark.parametrize(
    "render",
    [lambda: render_receipt(receipt_data()), lambda: tables.render_control_sheet(control_data())],
    ids=["receipt", "control sheet"],
)
def test_barcodes_carry_the_code_and_nothing_personal(render):
    found = decoded(render())
    assert found == {("Code128", CODE), ("QRCode", CODE)}  # both read, nothing else


@pytest.mark.parametrize("value", ["Nguyễn-260213-0001", "", "A\tB"])
def test_code_that_cannot_be_encoded_is_refused(value):
    with pytest.raises(BarcodeError):
        code128(value)


def test_barcode_module_fits_a_laser_printer():
    symbol = code128(CODE)
    assert 0.25 <= symbol.module_mm <= 0.34 and symbol.width_mm <= 80


def outside_chars(pdf: bytes, margin: float = 10) -> list[str]:
    """Characters whose box leaves the page (less a small margin), as pdfium lays them out."""
    found = []
    for page in pypdfium2.PdfDocument(pdf):
        width, height = page.get_size()
        text = page.get_textpage()
        for i in range(text.count_chars()):
            left, bottom, right, top = text.get_charbox(i)
            if left < margin or right > width - margin or bottom < 0 or top > height:
                found.append(text.get_text_range(i, 1))
    return found


def test_long_name_and_address_wrap_inside_the_page():
    name, address = "Tôn Nữ " + "Hoàng " * 32 + "Anh", "Số " + "nhà ngõ ngách " * 35
    name, address = name[:200], address[:500]
    pdf = render_receipt(receipt_data(applicant=Person(name, "026190001234", address)))
    text = " ".join(pdf_text(pdf)).replace("\n", " ")
    assert name.split()[-1] in text and "ngách" in text
    assert outside_chars(pdf) == []


def test_the_overflow_check_sees_text_past_the_edge():
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.drawString(500, 400, "this line runs off the right edge of the page")
    canvas.save()
    assert outside_chars(buffer.getvalue())


def test_thirty_documents_flow_with_repeated_table_header():
    docs = tuple(DocumentLine(f"Giấy tờ số {i}", "copy", 1) for i in range(1, 31))
    pages = pdf_text(render_receipt(receipt_data(documents=docs)))
    assert len(pages) >= 4  # two copies, each over two pages
    continued = [p for p in pages if "Giấy tờ số 30" in p and "LIÊN" not in p.upper()]
    assert continued and all("Tên giấy tờ" in p for p in continued)


def test_control_sheet_with_25_handoffs():
    pages = pdf_text(tables.render_control_sheet(control_data(25)))
    text = "\n".join(pages)
    assert all(f"bước {i}" in text for i in range(25))


def test_register_with_500_lines():
    pages = pdf_text(tables.render_register(register_data(500)))
    text = "".join(pages).replace("\n", "")
    assert len(pages) > 10
    assert all(f"260213-{i:04d}" in text for i in range(1, 501))
    assert all("Mã hồ sơ" in page for page in pages)  # header repeated on every page


def test_register_draws_a_stream_of_lines_and_tells_its_progress():
    seen: list[tuple[int, int]] = []
    stream = (line for line in register_data(600).lines)  # read once, as from the database
    data = RegisterData(AGENCY, T.date(), DUE.date(), stream, T, total=600)
    pdf = tables.render_register(data, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (600, 600) and len(seen) >= 3
    assert [done for done, _ in seen] == sorted({done for done, _ in seen})
    text = "".join(pdf_text(pdf)).replace("\n", "")
    assert all(f"260213-{i:04d}" in text for i in range(1, 601)) and "Tổng số: 600 hồ sơ" in text


def test_fonts_cover_vietnamese_and_a_configured_file_wins(tmp_path):
    from counter_app.errors import ConfigurationError
    from counter_app.printing import fonts

    found = fonts.font_family()
    assert found.regular.startswith("VN-")
    path = found.source.split(": ", 1)[1]
    configured = fonts.font_family(path)  # one file serves the four styles
    stem = "VN-" + path.rsplit("/", 1)[-1].removesuffix(".ttf").replace(" ", "")
    assert configured.regular == f"{stem}-regular" and configured.bold == f"{stem}-bold"
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    with pytest.raises(ConfigurationError):
        fonts.font_family(str(broken))


def test_text_is_nfc_before_drawing():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    pdf = render_receipt(receipt_data(applicant=Person(decomposed, None, "")))
    raw = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()  # not normalised by the test
    assert "Nguyễn Thị Hoà" in raw and decomposed not in raw


def test_qr_symbol_is_the_one_reportlab_makes():
    """The faster mask scoring picks reportlab's mask: the very same modules."""
    from reportlab.graphics.barcode import qrencoder

    from counter_app.printing.qrsymbol import lost_points, qr_matrix

    for i in range(40):
        value = f"000.00.20.H26-2602{i * 37 % 100:02d}-{i * 7919 % 10000:04d}"
        ref = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        ref.addData(value)
        ref.make()
        assert qr_matrix(value) == ref.modules
        for mask in range(8):
            ref.makeImpl(True, mask)
            assert lost_points(ref.modules) == qrencoder.QRUtil.getLostPoint(ref)
