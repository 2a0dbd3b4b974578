"""The fee receipt on the 80 mm thermal printer: its lines laid out as the queue ticket's
blocks (thermal/layout.py) and drawn by the ticket's own drawing (thermal/image.py), so
Vietnamese comes out as a picture the printers' code pages could not give.

Send it as the ticket is sent: `thermal.ticket_job(render_80mm(receipt))` through the
desk's `Connection`. Roboto, as on the ticket; 576 dots by default (80 mm paper), 512 or
384 as COUNTER_APP_TICKET_WIDTH says.
"""

from __future__ import annotations

from PIL import Image

from counter_app.clock import local
from counter_app.formats import show_money
from counter_app.printing.fee_data import (
    KINDS,
    METHODS,
    TITLE,
    FeeReceipt,
    in_words,
    replacement_sentence,
)
from counter_app.printing.page import signature_name
from counter_app.thermal.image import blocks_image
from counter_app.thermal.layout import Block, Qr, Text, TicketFonts

BODY, SMALL = 10.0, 9.0  # points


def slip_blocks(r: FeeReceipt) -> list[Block]:
    """The slip's lines, top to bottom."""
    when = local(r.issued_at)
    content: list[Block] = [Text(r.agency.upper(), 11, bold=True)]
    if r.agency_address:
        content.append(Text(r.agency_address, SMALL))
    content += [
        Text(TITLE.upper(), 13, bold=True, space_before=6),
        Text(f"Mẫu số: {r.template} — Ký hiệu: {r.series}", SMALL, space_before=2),
        Text(f"Số: {r.shown_number}", 14, bold=True),
        Text(f"Ngày {when:%d/%m/%Y} lúc {when:%H:%M}", SMALL),
    ]
    if r.replaces:
        content.append(Text(replacement_sentence(r.replaces), SMALL, space_before=4))
    content += [
        Text(f"Người nộp: {r.payer}", BODY, align="left", space_before=6),
        Text(f"Mã hồ sơ: {r.dossier_code}", BODY, align="left"),
        Text(f"Thủ tục: {r.procedure}", BODY, align="left"),
    ]
    for i, item in enumerate(r.items, 1):
        content += [
            Text(f"{i}. {item.name}", BODY, align="left", space_before=4),
            Text(f"{KINDS[item.kind]}: {show_money(item.amount)}", BODY, align="right"),
        ]
    content += [
        Text(f"TỔNG CỘNG: {show_money(r.total)}", 12, bold=True, align="right", space_before=6),
        Text(f"Bằng chữ: {in_words(r.total)}.", SMALL, align="left", space_before=2),
        Text(f"Hình thức thanh toán: {METHODS[r.method]}", BODY, align="left", space_before=4),
    ]
    if r.exemption:
        content.append(Text(f"Miễn, giảm: {r.exemption}", SMALL, align="left"))
    if r.vietqr:
        content += [
            Qr(r.vietqr),
            Text("Quét mã bằng ứng dụng ngân hàng để chuyển khoản", SMALL, space_before=2),
        ]
    content += [
        Text("Người thu tiền", BODY, bold=True, space_before=8),
        Text(signature_name(r.officer), BODY),
    ]
    return content


def render_80mm(
    receipt: FeeReceipt, width: int = 576, fonts: TicketFonts | None = None
) -> Image.Image:
    """The receipt as the thermal printer prints it: `width` dots wide, mode "1"."""
    return blocks_image(slip_blocks(receipt), width, fonts)
