"""The Vietnamese administrative page: agency block left, national heading right, the
place-and-date line, the title in capitals, signature blocks, the form's legal basis small
in a corner. Output is deterministic (reportlab's invariant mode) so golden files compare."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from counter_app import __version__
from counter_app.clock import local
from counter_app.formats import DATE_TIME, show_date
from counter_app.printing.data import AgencyHeader, PageOptions
from counter_app.printing.fit import heading
from counter_app.printing.fonts import FontFamily, font_family
from counter_app.text import nfc
from counter_app.vocabulary import DOCUMENT_KINDS

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
CELL_PADDING = 4  # points left and right in a table cell
AGENCY_SHARE = 0.42  # of the width; the national heading has the rest
KIND_LABELS = DOCUMENT_KINDS
TIMELINESS_LABELS = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}


HANDWRITING = "." * 40  # where a name is written by hand


def signature_name(name: str) -> str:
    """The name under a signature, or a dotted line to write it by hand."""
    return name.strip() or HANDWRITING


class Markup(str):
    """Paragraph markup made by the program itself: put in a cell as it is."""


def text(value: object) -> str:
    """Safe paragraph markup for a value typed by a person (NFC, XML-escaped)."""
    return value if isinstance(value, Markup) else escape(nfc(str(value)))


def code_cell(code: str) -> Markup:
    """A dossier code for a narrow cell: broken before its date, never inside a number."""
    head, sep, tail = code.partition("-")
    return Markup(f"{escape(head)}{sep}<br/>{escape(tail)}" if sep else escape(code))


def stamp(value: datetime | None) -> Markup:
    """A timestamp for a narrow table cell: the date, and the time under it."""
    if value is None:
        return Markup("")
    v = local(value)
    return Markup(f"{v:%d/%m/%Y}<br/>{v:%H:%M}")


def when(value: datetime | None) -> str:
    return "—" if value is None else local(value).strftime(DATE_TIME)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    center: ParagraphStyle
    center_bold: ParagraphStyle
    title: ParagraphStyle
    right_italic: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    tiny: ParagraphStyle
    tiny_bold: ParagraphStyle
    fonts: FontFamily


def make_styles(fonts: FontFamily, size: float) -> Styles:
    def style(name: str, font: str, align: int = TA_LEFT, scale: float = 1.0) -> ParagraphStyle:
        return ParagraphStyle(
            name, fontName=font, fontSize=size * scale, leading=size * scale * 1.3, alignment=align
        )

    return Styles(
        body=style("body", fonts.regular, TA_JUSTIFY),
        small=style("small", fonts.regular, scale=0.8),
        center=style("center", fonts.regular, TA_CENTER),
        center_bold=style("center_bold", fonts.bold, TA_CENTER),
        title=ParagraphStyle(
            "title",
            fontName=fonts.bold,
            fontSize=size * 1.15,
            leading=size * 1.5,
            alignment=TA_CENTER,
            spaceBefore=size * 0.6,
            spaceAfter=size * 0.6,
        ),
        right_italic=style("right_italic", fonts.italic, TA_RIGHT),
        cell=style("cell", fonts.regular, scale=0.85),
        cell_bold=style("cell_bold", fonts.bold, TA_CENTER, scale=0.85),
        tiny=style("tiny", fonts.regular, scale=0.68),
        tiny_bold=style("tiny_bold", fonts.bold, TA_CENTER, scale=0.68),
        fonts=fonts,
    )


class Form:
    """One document being built: page size, styles, and the common blocks."""

    def __init__(self, options: PageOptions, basis: str, wide: bool = False) -> None:
        size = page_size(options)
        self.pagesize = landscape(size) if wide else size
        self.options = options
        self.basis = basis
        self.fonts = font_family(options.font_path)
        self.styles = make_styles(self.fonts, 10.5 if options.paper == "A5" else 12)
        self.margin = (12 if options.paper == "A5" else 18) * mm

    @property
    def width(self) -> float:
        return self.pagesize[0] - 2 * self.margin

    def para(self, markup: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(markup, style or self.styles.body)

    def field(self, label: str, value: object) -> Paragraph:
        return self.para(f"{text(label)}: <b>{text(value)}</b>")

    def header(self, agency: AgencyHeader) -> Table:
        f = self.fonts
        left_w, right_w = self.width * AGENCY_SHARE, self.width * (1 - AGENCY_SHARE)
        left = [
            self.heading(agency.name.upper(), f.regular, left_w),
            self.heading(agency.office.upper(), f.bold, left_w, underline=True),
        ]
        right = [
            self.heading(NATION, f.bold, right_w),
            self.heading(MOTTO, f.bold, right_w, underline=True),
        ]
        table = Table([[left, right]], colWidths=[left_w, right_w])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    def heading(self, value: str, font: str, width: float, underline: bool = False) -> Paragraph:
        """A heading line fitted to its column (fit.heading): never a word alone."""
        size, lines = heading(nfc(value), font, self.styles.center.fontSize, width - 1)
        style = ParagraphStyle(
            f"heading-{size}",
            parent=self.styles.center,
            fontName=font,
            fontSize=size,
            leading=self.styles.center.leading,
        )
        shown = "<br/>".join(escape(line) for line in lines)
        return Paragraph(f"<u>{shown}</u>" if underline else shown, style)

    def dated(self, agency: AgencyHeader, day: datetime) -> Paragraph:
        d = local(day)
        return self.para(
            f"{text(agency.place)}, ngày {d:%d} tháng {d:%m} năm {d:%Y}", self.styles.right_italic
        )

    def title(self, title: str, subtitle: str | None = None) -> list[Flowable]:
        blocks: list[Flowable] = [self.para(text(title.upper()), self.styles.title)]
        if subtitle:
            blocks.append(self.para(f"<i>{text(subtitle)}</i>", self.styles.center))
        return blocks

    def signatures(self, *blocks: tuple[str, str, str]) -> Table:
        """Signature blocks: (role, hint such as '(Ký, ghi rõ họ tên)', name)."""
        s = self.styles
        cells = [
            [
                self.para(f"<b>{text(role)}</b>", s.center),
                self.para(f"<i>{text(hint)}</i>", s.center),
                Spacer(1, 18 * mm),
                self.para(f"<b>{text(signature_name(name) if role else '')}</b>", s.center),
            ]
            for role, hint, name in blocks
        ]
        table = Table([cells], colWidths=[self.width / len(blocks)] * len(blocks))
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return table

    def grid(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        widths: Sequence[float],
        small: bool = False,
        row_mm: float = 0,
    ) -> Table:
        """A table with a bold header repeated on every page; widths are fractions."""
        s = self.styles
        cell, bold = (s.tiny, s.tiny_bold) if small else (s.cell, s.cell_bold)
        data = [[self.para(text(h), bold) for h in header]]
        data += [[self.para(text(v), cell) for v in row] for row in rows]
        table = Table(
            data,
            colWidths=[self.width * w for w in widths],
            repeatRows=1,
            minRowHeights=[0] + [row_mm * mm] * len(rows),
        )
        padding = 2 if small else CELL_PADDING
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), padding),
                    ("RIGHTPADDING", (0, 0), (-1, -1), padding),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ]
            )
        )
        return table

    def build(self, story: list[Flowable], title: str) -> bytes:
        buffer = io.BytesIO()
        document = SimpleDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin,
            bottomMargin=self.margin,
            title=title,
            author="counter-app",
            creator=f"counter-app {__version__}",
            invariant=1,
        )
        document.build(story, onFirstPage=self._footer, onLaterPages=self._footer)
        return buffer.getvalue()

    def _footer(self, canvas: Canvas, document: SimpleDocTemplate) -> None:
        draw_footer(canvas, self.fonts, self.pagesize[0], self.margin, self.basis, document.page)


def draw_footer(
    canvas: Canvas, fonts: FontFamily, page_width: float, margin: float, basis: str, page: int
) -> None:
    """The form's legal basis, small in the corner, so a reprint can be traced."""
    canvas.saveState()
    canvas.setFont(fonts.regular, 6.5)
    canvas.drawString(margin, margin / 2, f"{basis} — counter-app {__version__}")
    canvas.drawRightString(page_width - margin, margin / 2, f"Trang {page}")
    canvas.restoreState()


def page_size(options: PageOptions) -> tuple[float, float]:
    return A5 if options.paper == "A5" else A4


__all__ = [
    "KIND_LABELS",
    "TIMELINESS_LABELS",
    "Form",
    "Markup",
    "code_cell",
    "show_date",
    "stamp",
    "text",
    "when",
]
