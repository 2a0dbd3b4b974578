"""The fee receipt (biên lai thu phí, lệ phí) on A5 portrait, from plain values
(fee_data.FeeReceipt); its 80 mm slip is fee_slip.render_80mm, both importable from here.

Drawn on the lean sheet layout (sheet.py) in the forms' serif (fonts.py), as the reception
receipt is: the agency top left and the receipt's template, series and number top right;
the heading; the payer, dossier and procedure; the items, each a fee (phí) or a charge (lệ
phí); the total in figures and in words; the method of payment; an exemption's reason; for
a replacing receipt, the sentence naming the one it replaces; the VietQR of a preview; the
payer's and the officer's signatures. One page; a receipt of many items flows on, its
header repeated, the total and the signatures kept together.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app import __version__
from counter_app.clock import local
from counter_app.formats import show_money
from counter_app.printing.barcodes import draw_qr
from counter_app.printing.fee_data import (
    KINDS,
    METHODS,
    TITLE,
    FeeItem,
    FeeReceipt,
    Replaced,
    in_words,
    replacement_sentence,
    shown_number,
)
from counter_app.printing.fee_slip import render_80mm, slip_blocks
from counter_app.printing.fonts import font_family
from counter_app.printing.page import draw_footer, signature_name
from counter_app.printing.sheet import Frame, Sheet

BASIS = "Biên lai thu phí, lệ phí — Nghị định 123/2020/NĐ-CP"
MARGIN = 12 * mm
SIZE = 10.5  # points, as the A5 reception receipt
QR_MM = 30.0
SIGNATURE_MM = 16.0

__all__ = [
    "FeeItem",
    "FeeReceipt",
    "Replaced",
    "in_words",
    "render_80mm",
    "render_a5",
    "replacement_sentence",
    "shown_number",
    "slip_blocks",
]


def render_a5(receipt: FeeReceipt, font_path: str | None = None) -> bytes:
    """The receipt as a PDF of one A5 page (more only for a very long list of items)."""
    fonts = font_family(font_path)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5, invariant=1)
    canvas.setTitle(f"{TITLE} {receipt.series} {receipt.shown_number}")
    canvas.setAuthor("counter-app")
    canvas.setCreator(f"counter-app {__version__}")
    width, height = A5
    sheet = Sheet(
        canvas,
        Frame(width, height, MARGIN),
        fonts,
        SIZE,
        lambda c, page: draw_footer(c, fonts, width, MARGIN, BASIS, page),
    )
    _top(sheet, receipt)
    _body(sheet, receipt)
    _closing(sheet, receipt)
    sheet.finish()
    canvas.save()
    return buffer.getvalue()


def _top(sheet: Sheet, r: FeeReceipt) -> None:
    f = sheet.fonts

    def agency(x: float, w: float) -> None:
        sheet.heading(r.agency.upper(), f.bold, x, w)
        if r.agency_address:
            sheet.paragraph(r.agency_address, size=sheet.size * 0.85, align="center", x=x, width=w)

    def numbering(x: float, w: float) -> None:
        for label, value in (("Mẫu số", r.template), ("Ký hiệu", r.series)):
            sheet.paragraph(f"{label}: {value}", align="right", x=x, width=w)
        sheet.paragraph(f"Số: {r.shown_number}", f.bold, align="right", x=x, width=w)

    sheet.columns([(0.6, agency), (0.4, numbering)])
    sheet.gap(4)
    sheet.heading(TITLE.upper(), f.bold, sheet.left, sheet.inner, size=sheet.size * 1.3)
    when = local(r.issued_at)
    sheet.paragraph(f"Ngày {when:%d} tháng {when:%m} năm {when:%Y}", f.italic, align="center")
    if r.replaces:
        sheet.gap(2)
        sheet.paragraph(replacement_sentence(r.replaces), f.italic, align="center")


def _body(sheet: Sheet, r: FeeReceipt) -> None:
    sheet.gap(4)
    sheet.field("Họ tên người nộp tiền", r.payer)
    sheet.field("Mã hồ sơ", r.dossier_code)
    sheet.field("Thủ tục hành chính", r.procedure)
    sheet.gap(2)
    sheet.table(
        ["TT", "Nội dung thu", "Loại", "Số tiền (đồng)"],
        [
            [i, item.name, KINDS[item.kind], show_money(item.amount).removesuffix(" đ")]
            for i, item in enumerate(r.items, 1)
        ],
        (0.08, 0.55, 0.14, 0.23),
        ("center", "left", "left", "right"),
    )
    sheet.gap(2)


def _closing(sheet: Sheet, r: FeeReceipt) -> None:
    """The total, the method, the QR and the signatures, kept on one page."""
    f = sheet.fonts
    facts = [
        ("Tổng số tiền", show_money(r.total)),
        ("Số tiền bằng chữ", f"{in_words(r.total)}."),
        ("Hình thức thanh toán", METHODS[r.method]),
    ]
    if r.exemption:
        facts.append(("Miễn, giảm", r.exemption))
    lines = sum(
        len(sheet.lines(f"{label}: {value}", f.bold, sheet.size, sheet.inner))
        for label, value in facts
    )
    qr = (QR_MM + 3) * mm if r.vietqr else 0.0
    sheet.ensure((lines + 4) * sheet.leading + qr + (SIGNATURE_MM + 4) * mm)
    for label, value in facts:
        sheet.field(label, value)
    if r.vietqr:
        _vietqr(sheet, r.vietqr)
    sheet.gap(4)

    def block(role: str, name: str):  # type: ignore[no-untyped-def]
        def draw(x: float, w: float) -> None:
            sheet.paragraph(role, f.bold, align="center", x=x, width=w)
            sheet.paragraph("(Ký, ghi rõ họ tên)", f.italic, align="center", x=x, width=w)
            sheet.gap(SIGNATURE_MM)
            sheet.paragraph(signature_name(name), f.bold, align="center", x=x, width=w)

        return draw

    sheet.columns(
        [(0.5, block("NGƯỜI NỘP TIỀN", r.payer)), (0.5, block("NGƯỜI THU TIỀN", r.officer))]
    )


def _vietqr(sheet: Sheet, payload: str) -> None:
    """The VietQR at the right, what it is for at its left."""
    sheet.gap(3)
    top = sheet.y
    caption = sheet.inner - (QR_MM + 4) * mm
    sheet.paragraph("Chuyển khoản bằng VietQR:", sheet.fonts.bold, width=caption)
    sheet.paragraph(
        "quét mã bên cạnh bằng ứng dụng ngân hàng; số tiền và nội dung chuyển khoản "
        "đã có sẵn trong mã.",
        width=caption,
    )
    sheet.y = top
    sheet.block(
        QR_MM * mm,
        lambda c, x, bottom: draw_qr(c, payload, x + sheet.inner - QR_MM * mm, bottom, QR_MM),
    )
