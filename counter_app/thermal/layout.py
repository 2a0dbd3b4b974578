"""The queue ticket's content and layout, once, for both of its outputs: the 80 mm
thermal printer's image (image.py) and the ordinary printer's small PDF
(printing/ticket.py). Plain values in (the queue hands them over; this package never
imports it), blocks out: text lines with a size in points, and the QR's text.

The QR holds the ticket, its day and the agency's code ("A021|2025-03-14|000.00.20.H26"),
nothing else: no name, no number of a person, ever. The ticket and the code are checked for
their shapes, so nothing else can slip into it.

The font is Roboto (the `font-roboto` package, installed with the program, every
Vietnamese letter): a sans-serif reads better than Times at 203 dpi, and a queue ticket is
not an administrative document bound to Decree 30's Times New Roman. `fonts=` overrides it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from counter_app.clock import local
from counter_app.errors import ValidationError

TICKET_SHAPE = re.compile(r"[^\W\d_]{1,3}-?\d{1,6}")
AGENCY_CODE_SHAPE = re.compile(r"[0-9A-Za-z.\-]{1,40}")
NUMBER_PT = 72.0  # the ticket number's largest size; smaller when the paper is narrower
QR_MODULE_MM = 0.75  # 6 dots at 203 dpi: a phone reads it at arm's length
ASCENT, LEADING = 1.1, 1.35  # a line's baseline and height, in its size (Ế needs room)


@dataclass(frozen=True)
class Ticket:
    """What the kiosk prints; `issued_at` naive is local time."""

    ticket: str  # "A021"
    service: str  # "Hộ tịch"
    agency: str  # "UBND xã Tam Đảo"
    waiting_before: int
    issued_at: datetime
    agency_code: str = ""  # "000.00.20.H26", in the QR only

    def __post_init__(self) -> None:
        ticket = unicodedata.normalize("NFC", self.ticket.strip()).upper()
        if not TICKET_SHAPE.fullmatch(ticket):
            raise ValidationError("Số vé phải gồm chữ cái và chữ số, ví dụ A021.", "ticket")
        object.__setattr__(self, "ticket", ticket)
        if self.agency_code and not AGENCY_CODE_SHAPE.fullmatch(self.agency_code):
            raise ValidationError("Mã cơ quan chỉ gồm chữ, số, dấu chấm.", "agency_code")
        if isinstance(self.waiting_before, bool) or not isinstance(self.waiting_before, int):
            raise ValidationError("Số người chờ phải là số nguyên.", "waiting_before")
        if self.waiting_before < 0:
            raise ValidationError("Số người chờ không thể âm.", "waiting_before")
        for field, value in (("service", self.service), ("agency", self.agency)):
            if not value.strip() or len(value) > 200:
                raise ValidationError("Tên cơ quan và tên dịch vụ: từ 1 đến 200 chữ.", field)


@dataclass(frozen=True)
class Text:
    text: str
    size: float  # points
    bold: bool = False
    fit: bool = False  # shrunk to the width rather than wrapped (the number)
    space_before: float = 0.0  # points
    align: str = "center"  # "left" | "center" | "right", within the margins


@dataclass(frozen=True)
class Qr:
    text: str
    module_mm: float = QR_MODULE_MM
    space_before: float = 8.0


Block = Text | Qr


def qr_text(t: Ticket) -> str:
    """ "A021|2025-03-14|000.00.20.H26": the ticket, its day, the agency (when known)."""
    day = f"{local(t.issued_at):%Y-%m-%d}"
    return "|".join(part for part in (t.ticket, day, t.agency_code) if part)


def blocks(t: Ticket) -> list[Block]:
    when = local(t.issued_at)
    return [
        Text(t.agency.upper(), 11, bold=True),
        Text(t.service, 12, space_before=4),
        Text("SỐ THỨ TỰ", 10, space_before=8),
        Text(t.ticket, NUMBER_PT, bold=True, fit=True),
        Text(f"Số người đang chờ trước bạn: {t.waiting_before}", 12, bold=True, space_before=2),
        Text(f"Lấy số lúc {when:%H:%M} ngày {when:%d/%m/%Y}", 10, space_before=4),
        Qr(qr_text(t)),
        Text("Xin vui lòng chờ đến lượt được gọi số.", 9, space_before=6),
    ]


@dataclass(frozen=True)
class TicketFonts:
    regular: Path
    bold: Path


def ticket_fonts(fonts: TicketFonts | None = None) -> TicketFonts:
    if fonts is not None:
        return fonts
    import font_roboto  # a dependency: Vietnamese-complete

    folder = Path(font_roboto.font_directory)
    return TicketFonts(folder / "Roboto-Regular.ttf", folder / "Roboto-Bold.ttf")


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """`text` in lines no wider than `width` (as `measure` says), broken between words;
    a word wider than a line alone is broken between letters."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if measure(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for ch in word:
            if line and measure(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
    return [*lines, line] if line else lines


def fitted(size: float, width: float, measure: Callable[[str, float], float], text: str) -> float:
    """The largest size not above `size` at which `text` fits in `width`."""
    actual = measure(text, size)
    return size if actual <= width else size * width / actual
