"""The fee receipt (issue 23 item 2, docs/fees.md "Receipts"): what the A5 PDF says, read
back with pypdf; its VietQR read back from a 300 dpi raster by a real decoder; the 80 mm
slip as wide as the printer prints, holding its number and its QR; the total in words;
values that make no receipt refused, the payer never named in the refusal."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest
import zxingcpp
from PIL import Image, ImageChops

from counter_app.errors import ValidationError
from counter_app.fees.vietqr import VietQR, payload
from counter_app.formats import show_money
from counter_app.printing.fee_receipt import (
    FeeItem,
    FeeReceipt,
    Replaced,
    in_words,
    render_80mm,
    render_a5,
    slip_blocks,
)
from counter_app.thermal.image import blocks_image
from counter_app.thermal.layout import Text
from tests.unit.test_printing import A5, decoded, outside_chars, page_sizes, pdf_text

PAYER = "Nguyễn Thị Hoà"
CODE = "000.00.20.H26-260314-0001"
QR = payload(VietQR("970436", "1031933430", 25000, CODE))


def a_receipt(**changes) -> FeeReceipt:
    values = {
        "agency": "Ủy ban nhân dân xã Tam Đảo",
        "agency_address": "Thôn 1, xã Tam Đảo, tỉnh Phú Thọ",
        "template": "01BLP0-001",
        "series": "AA-26E",
        "number": 12,
        "issued_at": datetime(2026, 3, 14, 8, 5),
        "payer": PAYER,
        "dossier_code": CODE,
        "procedure": "Đăng ký khai sinh",
        "items": (
            ("Lệ phí đăng ký khai sinh", "le_phi", 20000),
            ("Phí cấp bản sao trích lục", "phi", 5000),
        ),
        "total": 25000,
        "method": "cash",
        "officer": "Trần Văn Bình",
    }
    return FeeReceipt(**(values | changes))


def text_of(pdf: bytes) -> str:
    """The pages' text, runs of white space as one (a label and its bold value are drawn
    apart, and pypdf puts two spaces between them)."""
    return " ".join(" ".join(pdf_text(pdf)).split())


def test_the_a5_receipt_says_what_was_collected_and_for_what():
    pdf = render_a5(a_receipt())
    assert page_sizes(pdf) == {A5}
    text = text_of(pdf)
    for shown in (
        "BIÊN LAI THU PHÍ, LỆ PHÍ",
        "Mẫu số: 01BLP0-001",
        "Ký hiệu: AA-26E",
        "Số: 0000012",
        "Ngày 14 tháng 03 năm 2026",
        PAYER,
        CODE,
        "Đăng ký khai sinh",
        "Lệ phí đăng ký khai sinh",
        "Phí cấp bản sao trích lục",
        "20.000",
        "5.000",
        "Tổng số tiền: 25.000 đ",
        "Hai mươi lăm nghìn đồng chẵn",
        "Hình thức thanh toán: Tiền mặt",
        "NGƯỜI NỘP TIỀN",
        "NGƯỜI THU TIỀN",
        "Trần Văn Bình",
    ):
        assert shown in text, shown
    assert "thay thế" not in text  # an original names no other receipt
    assert outside_chars(pdf) == []


def test_a_replacing_receipt_names_the_one_it_replaces():
    receipt = a_receipt(number=13, replaces=("AA-26E", 11, "ghi sai họ tên người nộp"))
    assert receipt.replaces == Replaced("AA-26E", 11, "ghi sai họ tên người nộp")
    sentence = "Biên lai này thay thế biên lai ký hiệu AA-26E số 0000011: ghi sai họ tên người nộp"
    assert sentence in text_of(render_a5(receipt))
    assert any(sentence in b.text for b in slip_blocks(receipt) if isinstance(b, Text))


@pytest.mark.parametrize(("method", "shown"), [("transfer", "Chuyển khoản"), ("qr", "VietQR")])
def test_the_method_and_an_exemption_are_shown(method, shown):
    receipt = a_receipt(method=method, exemption="Trẻ em dưới 6 tuổi (Thông tư 85/2019)")
    text = text_of(render_a5(receipt))
    assert f"Hình thức thanh toán: {shown}" in text
    assert "Miễn, giảm: Trẻ em dưới 6 tuổi (Thông tư 85/2019)" in text


def test_the_preview_vietqr_reads_back_from_the_printed_page():
    pdf = render_a5(a_receipt(method="qr", vietqr=QR))
    assert ("QRCode", QR) in decoded(pdf)
    assert decoded(render_a5(a_receipt())) == set()  # no payload, no QR


def test_many_items_flow_on_with_the_header_and_the_total_at_the_end():
    items = tuple((f"Khoản thu số {i}", "phi", 1000) for i in range(1, 41))
    pages = pdf_text(render_a5(a_receipt(items=items, total=40000)))
    assert len(pages) >= 2
    assert all("Nội dung thu" in page for page in pages)  # the header repeated
    assert "Bốn mươi nghìn đồng chẵn" in pages[-1] and "NGƯỜI THU TIỀN" in pages[-1]


def test_identical_receipts_give_identical_bytes():
    assert render_a5(a_receipt()) == render_a5(a_receipt())


def holds(picture: Image.Image, line: Text) -> bool:
    """Whether `picture` holds `line` drawn as the slip draws it: the line drawn alone at
    the same width, its inked rows found, pixel for pixel, somewhere in the picture."""
    alone = blocks_image([dataclasses.replace(line, space_before=0)], picture.width)
    box = ImageChops.invert(alone.convert("L")).getbbox()
    assert box is not None
    piece = alone.crop((0, box[1], alone.width, box[3])).tobytes()
    rows = box[3] - box[1]
    return any(
        picture.crop((0, y, picture.width, y + rows)).tobytes() == piece
        for y in range(picture.height - rows + 1)
    )


@pytest.mark.parametrize("width", [576, 512, 384])
def test_the_80mm_slip_is_the_printers_width_and_holds_the_number(width):
    receipt = a_receipt()
    picture = render_80mm(receipt, width)
    assert picture.mode == "1" and picture.width == width
    number = next(b for b in slip_blocks(receipt) if isinstance(b, Text) and "0000012" in b.text)
    assert holds(picture, number)
    assert not holds(render_80mm(a_receipt(number=13), width), number)  # the check sees it


def test_the_80mm_slip_says_the_items_total_and_words():
    texts = [b.text for b in slip_blocks(a_receipt()) if isinstance(b, Text)]
    for shown in (
        "BIÊN LAI THU PHÍ, LỆ PHÍ",
        "Số: 0000012",
        f"Người nộp: {PAYER}",
        "1. Lệ phí đăng ký khai sinh",
        "Lệ phí: 20.000 đ",
        "Phí: 5.000 đ",
        "TỔNG CỘNG: 25.000 đ",
        "Bằng chữ: Hai mươi lăm nghìn đồng chẵn.",
        "Hình thức thanh toán: Tiền mặt",
    ):
        assert shown in texts, shown


def test_the_80mm_slip_carries_the_preview_vietqr():
    picture = render_80mm(a_receipt(method="qr", vietqr=QR))
    assert [r.text for r in zxingcpp.read_barcodes(picture.convert("L"))] == [QR]


WORDS = [
    (0, "Không đồng"),
    (5, "Năm đồng"),
    (15, "Mười lăm đồng"),
    (21, "Hai mươi mốt đồng"),
    (105, "Một trăm linh năm đồng"),
    (1_000, "Một nghìn đồng chẵn"),
    (1_005, "Một nghìn không trăm linh năm đồng"),
    (25_000, "Hai mươi lăm nghìn đồng chẵn"),
    (1_250_000, "Một triệu hai trăm năm mươi nghìn đồng chẵn"),
    (10_000_000, "Mười triệu đồng chẵn"),
    (2_000_000_000, "Hai tỷ đồng chẵn"),
    (
        999_999_999_999,
        "Chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu chín trăm chín mươi "
        "chín nghìn chín trăm chín mươi chín đồng",
    ),
]


@pytest.mark.parametrize(("total", "words"), WORDS, ids=[str(n) for n, _ in WORDS])
def test_the_total_in_words(total, words):
    assert in_words(total) == words


@pytest.mark.parametrize(
    ("amount", "shown"), [(0, "0 đ"), (5000, "5.000 đ"), (1_250_000, "1.250.000 đ")]
)
def test_money_is_shown_with_dots(amount, shown):
    assert show_money(amount) == shown


def test_items_given_as_tuples_are_kept_as_items():
    assert a_receipt().items[0] == FeeItem("Lệ phí đăng ký khai sinh", "le_phi", 20000)
    assert a_receipt().shown_number == "0000012"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"total": 24000}, "total"),
        ({"items": (("Lệ phí", "le_phi", -5000),), "total": -5000}, "items.1"),
        ({"items": (("Lệ phí", "le_phi", 2.5),), "total": 2.5}, "items.1"),
        ({"items": (("Lệ phí", "thue", 5000),), "total": 5000}, "items.1"),
        ({"items": (), "total": 0}, "items"),
        ({"method": "card"}, "method"),
        ({"number": 0}, "number"),
        ({"number": 10_000_000}, "number"),
        ({"number": True}, "number"),
        ({"series": "AA 26E"}, "series"),
        ({"template": "../01BLP0"}, "template"),
        ({"payer": "  "}, "payer"),
        ({"payer": PAYER * 40}, "payer"),
        ({"replaces": ("AA-26E", 11, "")}, "replaces.reason"),
        ({"replaces": ("AA-26E", 0, "sai")}, "replaces.number"),
        ({"vietqr": "mã có dấu"}, "vietqr"),
    ],
)
def test_values_that_make_no_receipt_are_refused_without_naming_the_payer(changes, field):
    with pytest.raises(ValidationError) as refused:
        a_receipt(**changes)
    assert refused.value.field == field
    assert PAYER not in str(refused.value) and "Nguyễn" not in str(refused.value)
