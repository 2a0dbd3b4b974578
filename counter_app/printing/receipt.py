"""Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả — two copies, barcode and QR code.

Printed at every reception, so it is drawn on the lean sheet layout (sheet.py) rather
than through platypus; the other forms keep platypus. On A5 each copy is one page: the
text is set smaller, step by step (SCALES), until the copy fits; a dossier too long even
then flows on, with its last facts and the signatures kept together, as on A4.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app import __version__
from counter_app.printing.barcodes import code128
from counter_app.printing.codeblock import block_height, draw_code_block
from counter_app.printing.data import DEFAULT_PAGE, PageOptions, ReceiptData
from counter_app.printing.fonts import FontFamily, font_family
from counter_app.printing.masthead import masthead
from counter_app.printing.page import KIND_LABELS, draw_footer, page_size, signature_name, when
from counter_app.printing.sheet import Frame, Sheet

TITLE = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
BASIS = "Mẫu số 01 — Thông tư 03/2025/TT-VPCP"
COPIES = ("Liên 1: Giao người nộp hồ sơ", "Liên 2: Lưu cùng hồ sơ")
SCALES = (1.0, 0.93, 0.86, 0.8, 0.74, 0.7, 0.66)  # A5: tried in turn until a copy fits


def render_receipt(data: ReceiptData, options: PageOptions = DEFAULT_PAGE) -> bytes:
    code128(data.code)  # an unprintable code is refused before anything is drawn
    fonts = font_family(options.font_path)
    scale = _fitting_scale(data, options, fonts) if options.paper == "A5" else 1.0
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page_size(options), invariant=1)
    canvas.setTitle(f"{TITLE} {data.code}")
    canvas.setAuthor("counter-app")
    canvas.setCreator(f"counter-app {__version__}")
    sheet = _sheet(canvas, options, fonts, scale)
    for index, copy in enumerate(COPIES):
        if index:
            sheet.new_page()
        _copy(sheet, data, copy, options, scale)
    sheet.finish()
    canvas.save()
    return buffer.getvalue()


def _sheet(canvas: Canvas, options: PageOptions, fonts: FontFamily, scale: float) -> Sheet:
    width, height = page_size(options)
    margin = (12 if options.paper == "A5" else 18) * mm
    return Sheet(
        canvas,
        Frame(width, height, margin),
        fonts,
        (10.5 if options.paper == "A5" else 12) * scale,
        lambda c, page: draw_footer(c, fonts, width, margin, BASIS, page),
    )


def _fitting_scale(data: ReceiptData, options: PageOptions, fonts: FontFamily) -> float:
    """The largest of SCALES at which one copy fits on one page (laid out on a scratch
    canvas, codes left out); the smallest when none does."""
    for scale in SCALES:
        sheet = _sheet(Canvas(io.BytesIO(), pagesize=page_size(options)), options, fonts, scale)
        _copy(sheet, data, COPIES[0], options, scale, codes=False)
        if sheet.page == 1:
            return scale
    return SCALES[-1]


def _heading(sheet: Sheet, d: ReceiptData, copy: str, k: float) -> None:
    f = sheet.fonts
    masthead(sheet, d.agency)
    sheet.gap(3 * k)
    r = d.received_at
    sheet.paragraph(
        f"{d.agency.place}, ngày {r:%d} tháng {r:%m} năm {r:%Y}", f.italic, align="right"
    )
    sheet.gap(2 * k)
    sheet.heading(TITLE.upper(), f.bold, sheet.left, sheet.inner, size=sheet.size * 1.15)
    sheet.paragraph(copy, f.italic, align="center")
    sheet.paragraph(f"Mã hồ sơ: {d.code}", f.bold, align="center")


def _copy(
    sheet: Sheet, d: ReceiptData, copy: str, options: PageOptions, k: float, codes: bool = True
) -> None:
    qr = options.lookup_url.format(code=d.code) if options.lookup_url else d.code
    small, a = options.paper == "A5", d.applicant
    _heading(sheet, d, copy, k)
    sheet.gap(2 * k)
    sheet.block(
        block_height(small),
        lambda c, x, y: (
            draw_code_block(c, d.code, qr, sheet.fonts.regular, x, y, sheet.inner, small)
            if codes
            else None
        ),
    )
    sheet.gap(3 * k)
    sheet.paragraph(f"{d.agency.office} — {d.agency.name} đã tiếp nhận hồ sơ của:")
    sheet.field("Ông/Bà", a.name)
    if a.id_number:
        sheet.field("Số định danh cá nhân / giấy tờ", a.id_number)
    for label, value in (
        ("Địa chỉ", a.address or "—"),
        ("Số điện thoại", a.phone or "—"),
        ("Thư điện tử", a.email or "—"),
        ("Nội dung yêu cầu giải quyết", f"{d.procedure} ({d.procedure_code})"),
    ):
        sheet.field(label, value)
    sheet.paragraph("Thành phần hồ sơ và số lượng mỗi loại giấy tờ:")
    sheet.table(
        ["TT", "Tên giấy tờ", "Hình thức", "Số lượng"],
        [
            [i, doc.name, KIND_LABELS.get(doc.kind, doc.kind), doc.count]
            for i, doc in enumerate(d.documents, 1)
        ],
        (0.07, 0.6, 0.2, 0.13),
    )
    sheet.gap(2 * k)
    _closing(sheet, d, k)


def _closing(sheet: Sheet, d: ReceiptData, k: float) -> None:
    """The appointment facts and the signatures, kept on one page: a signature block is
    never alone at the top of a page."""
    due = when(d.due_at) if d.due_at else "Không hẹn ngày trả (theo quy định)"
    facts = (
        ("Số lượng hồ sơ", f"{d.sets:02d} bộ"),
        ("Thời gian giải quyết hồ sơ theo quy định", d.legal_duration),
        ("Thời gian nhận hồ sơ", when(d.received_at)),
        ("Thời gian trả kết quả giải quyết hồ sơ", due),
        ("Nhận kết quả tại", d.collect_at),
        *((("Phí, lệ phí", d.fees),) if d.fees else ()),
        ("Vào Sổ theo dõi hồ sơ", f"quyển năm {d.received_at:%Y}, số thứ tự {d.register_line}"),
    )
    lines = sum(
        len(sheet.lines(f"{label}: {value}", sheet.fonts.bold, sheet.size, sheet.inner))
        for label, value in facts
    )
    space = _signature_space(k)
    sheet.ensure((lines + 3) * sheet.leading + (4 * k + space) * mm)  # + role, hint, name
    for label, value in facts:
        sheet.field(label, value)
    sheet.gap(4 * k)
    _signatures(sheet, d.applicant.name, d.officer, space)


def _signature_space(k: float) -> float:
    """Millimetres left for the handwritten signature (never under 12)."""
    return max(12.0, 18 * k)


def _signatures(sheet: Sheet, applicant: str, officer: str, space: float) -> None:
    f = sheet.fonts

    def block(role: str, name: str):  # type: ignore[no-untyped-def]
        def draw(x: float, w: float) -> None:
            sheet.paragraph(role, f.bold, align="center", x=x, width=w)
            sheet.paragraph("(Ký và ghi rõ họ tên)", f.italic, align="center", x=x, width=w)
            sheet.gap(space)
            sheet.paragraph(signature_name(name), f.bold, align="center", x=x, width=w)

        return draw

    sheet.columns(
        [(0.5, block("NGƯỜI NỘP HỒ SƠ", applicant)), (0.5, block("NGƯỜI TIẾP NHẬN HỒ SƠ", officer))]
    )
