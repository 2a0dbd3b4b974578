"""Form 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả — two copies, barcode and QR code."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from counter_app.printing.barcodes import code128, draw_code128, draw_qr
from counter_app.printing.data import DEFAULT_PAGE, PageOptions, ReceiptData
from counter_app.printing.page import KIND_LABELS, Form, text, when

TITLE = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
BASIS = "Mẫu số 01 — Thông tư 03/2025/TT-VPCP"
COPIES = ("Liên 1: Giao người nộp hồ sơ", "Liên 2: Lưu cùng hồ sơ")


class CodeBlock(Flowable):
    """The Code 128 barcode of the dossier code, and its QR code at the right."""

    def __init__(self, code: str, qr_value: str, font: str, width: float, small: bool) -> None:
        super().__init__()
        self.symbol = code128(code)
        self.qr_value, self.font, self.width = qr_value, font, width
        self.bar_height = 10 if small else 13
        self.qr_size = 18 if small else 22
        self.height = max(self.bar_height * mm + 13, self.qr_size * mm)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        draw_code128(self.canv, self.symbol, 0, 0, self.bar_height, self.font)
        draw_qr(self.canv, self.qr_value, self.width - self.qr_size * mm, 0, self.qr_size)


def render_receipt(data: ReceiptData, options: PageOptions = DEFAULT_PAGE) -> bytes:
    form = Form(options, BASIS)
    story: list[Flowable] = []
    for index, copy in enumerate(COPIES):
        if index:
            story.append(PageBreak())
        story += _copy(form, data, copy, options)
    return form.build(story, f"{TITLE} {data.code}")


def _copy(form: Form, d: ReceiptData, copy: str, options: PageOptions) -> list[Flowable]:
    qr = options.lookup_url.format(code=d.code) if options.lookup_url else d.code
    a = d.applicant
    story: list[Flowable] = [form.header(d.agency), Spacer(1, 3 * mm),
                             form.dated(d.agency, d.received_at), *form.title(TITLE, copy),
                             form.para(f"Mã hồ sơ: <b>{text(d.code)}</b>", form.styles.center),
                             Spacer(1, 2 * mm),
                             CodeBlock(d.code, qr, form.fonts.regular, form.width,
                                       options.paper == "A5"),
                             Spacer(1, 3 * mm),
                             form.para(f"{text(d.agency.office)} — {text(d.agency.name)} "
                                       "đã tiếp nhận hồ sơ của:"),
                             form.field("Ông/Bà", a.name)]  # fmt: skip
    if a.id_number:
        story.append(form.field("Số định danh cá nhân / giấy tờ", a.id_number))
    story += [form.field("Địa chỉ", a.address or "—"),
              form.field("Số điện thoại", a.phone or "—"),
              form.field("Thư điện tử", a.email or "—"),
              form.field("Nội dung yêu cầu giải quyết", f"{d.procedure} ({d.procedure_code})"),
              form.para("Thành phần hồ sơ và số lượng mỗi loại giấy tờ:"),
              form.grid(["TT", "Tên giấy tờ", "Hình thức", "Số lượng"],
                        [[i, doc.name, KIND_LABELS.get(doc.kind, doc.kind), doc.count]
                         for i, doc in enumerate(d.documents, 1)], (0.07, 0.6, 0.2, 0.13)),
              Spacer(1, 2 * mm),
              form.field("Số lượng hồ sơ", f"{d.sets:02d} bộ"),
              form.field("Thời gian giải quyết hồ sơ theo quy định", d.legal_duration),
              form.field("Thời gian nhận hồ sơ", when(d.received_at)),
              form.field("Thời gian trả kết quả giải quyết hồ sơ",
                         when(d.due_at) if d.due_at else "Không hẹn ngày trả (theo quy định)"),
              form.field("Nhận kết quả tại", d.collect_at),
              form.field("Vào Sổ theo dõi hồ sơ", f"quyển năm {d.received_at:%Y}, "
                                                  f"số thứ tự {d.register_line}"),
              Spacer(1, 4 * mm),
              form.signatures(("NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", a.name),
                              ("NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", d.officer))]
    return story  # fmt: skip
