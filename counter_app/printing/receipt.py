"""Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả — two copies, barcode and QR code.

Printed at every reception, so it is drawn on the lean sheet layout (sheet.py) rather
than through platypus; the other forms keep platypus.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from counter_app import __version__
from counter_app.printing.barcodes import code128
from counter_app.printing.codeblock import block_height, draw_code_block
from counter_app.printing.data import DEFAULT_PAGE, PageOptions, ReceiptData
from counter_app.printing.fonts import font_family
from counter_app.printing.page import KIND_LABELS, MOTTO, NATION, draw_footer, page_size, when
from counter_app.printing.sheet import Frame, Sheet

TITLE = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
BASIS = "Mẫu số 01 — Thông tư 03/2025/TT-VPCP"
COPIES = ("Liên 1: Giao người nộp hồ sơ", "Liên 2: Lưu cùng hồ sơ")


def render_receipt(data: ReceiptData, options: PageOptions = DEFAULT_PAGE) -> bytes:
    code128(data.code)  # an unprintable code is refused before anything is drawn
    fonts = font_family(options.font_path)
    width, height = page_size(options)
    small = options.paper == "A5"
    margin = (12 if small else 18) * mm
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1)
    canvas.setTitle(f"{TITLE} {data.code}")
    canvas.setAuthor("counter-app")
    canvas.setCreator(f"counter-app {__version__}")
    sheet = Sheet(canvas, Frame(width, height, margin), fonts, 10.5 if small else 12,
                  lambda c, page: draw_footer(c, fonts, width, margin, BASIS, page))
    for index, copy in enumerate(COPIES):
        if index:
            sheet.new_page()
        _copy(sheet, data, copy, options)
    sheet.finish()
    canvas.save()
    return buffer.getvalue()


def _heading(sheet: Sheet, d: ReceiptData, copy: str) -> None:
    f = sheet.fonts

    def agency(x: float, w: float) -> None:
        sheet.paragraph(d.agency.name.upper(), align="center", x=x, width=w)
        sheet.paragraph(d.agency.office.upper(), f.bold, align="center", x=x, width=w,
                        underline=True)  # fmt: skip

    def nation(x: float, w: float) -> None:
        sheet.paragraph(NATION, f.bold, align="center", x=x, width=w)
        sheet.paragraph(MOTTO, f.bold, align="center", x=x, width=w, underline=True)

    sheet.columns([(0.42, agency), (0.58, nation)])
    sheet.gap(3)
    r = d.received_at
    sheet.paragraph(f"{d.agency.place}, ngày {r:%d} tháng {r:%m} năm {r:%Y}", f.italic,
                    align="right")  # fmt: skip
    sheet.gap(2)
    sheet.paragraph(TITLE.upper(), f.bold, sheet.size * 1.15, align="center")
    sheet.paragraph(copy, f.italic, align="center")
    sheet.paragraph(f"Mã hồ sơ: {d.code}", f.bold, align="center")


def _copy(sheet: Sheet, d: ReceiptData, copy: str, options: PageOptions) -> None:
    qr = options.lookup_url.format(code=d.code) if options.lookup_url else d.code
    small, a = options.paper == "A5", d.applicant
    _heading(sheet, d, copy)
    sheet.gap(2)
    sheet.block(block_height(small), lambda c, x, y: draw_code_block(
        c, d.code, qr, sheet.fonts.regular, x, y, sheet.inner, small))  # fmt: skip
    sheet.gap(3)
    sheet.paragraph(f"{d.agency.office} — {d.agency.name} đã tiếp nhận hồ sơ của:")
    sheet.field("Ông/Bà", a.name)
    if a.id_number:
        sheet.field("Số định danh cá nhân / giấy tờ", a.id_number)
    for label, value in (("Địa chỉ", a.address or "—"), ("Số điện thoại", a.phone or "—"),
                         ("Thư điện tử", a.email or "—"),
                         ("Nội dung yêu cầu giải quyết", f"{d.procedure} ({d.procedure_code})")):
        sheet.field(label, value)  # fmt: skip
    sheet.paragraph("Thành phần hồ sơ và số lượng mỗi loại giấy tờ:")
    sheet.table(["TT", "Tên giấy tờ", "Hình thức", "Số lượng"],
                [[i, doc.name, KIND_LABELS.get(doc.kind, doc.kind), doc.count]
                 for i, doc in enumerate(d.documents, 1)], (0.07, 0.6, 0.2, 0.13))  # fmt: skip
    sheet.gap(2)
    due = when(d.due_at) if d.due_at else "Không hẹn ngày trả (theo quy định)"
    for label, value in (("Số lượng hồ sơ", f"{d.sets:02d} bộ"),
                         ("Thời gian giải quyết hồ sơ theo quy định", d.legal_duration),
                         ("Thời gian nhận hồ sơ", when(d.received_at)),
                         ("Thời gian trả kết quả giải quyết hồ sơ", due),
                         ("Nhận kết quả tại", d.collect_at),
                         ("Vào Sổ theo dõi hồ sơ",
                          f"quyển năm {d.received_at:%Y}, số thứ tự {d.register_line}")):
        sheet.field(label, value)  # fmt: skip
    sheet.gap(4)
    _signatures(sheet, a.name, d.officer)


def _signatures(sheet: Sheet, applicant: str, officer: str) -> None:
    f = sheet.fonts
    sheet.ensure(40 * mm)

    def block(role: str, name: str):  # type: ignore[no-untyped-def]
        def draw(x: float, w: float) -> None:
            sheet.paragraph(role, f.bold, align="center", x=x, width=w)
            sheet.paragraph("(Ký và ghi rõ họ tên)", f.italic, align="center", x=x, width=w)
            sheet.gap(18)
            sheet.paragraph(name, f.bold, align="center", x=x, width=w)
        return draw

    sheet.columns([(0.5, block("NGƯỜI NỘP HỒ SƠ", applicant)),
                   (0.5, block("NGƯỜI TIẾP NHẬN HỒ SƠ", officer))])  # fmt: skip
