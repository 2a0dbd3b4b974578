"""Form 07: Sổ theo dõi hồ sơ — a month of a provincial centre is 30,000 lines, so the
register is drawn straight on the canvas (grid.py), line by line as the lines come: the
cost of a line does not grow with the number of lines, and only the PDF is kept."""

from __future__ import annotations

import gc
import io
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from contextlib import contextmanager
from datetime import datetime
from itertools import chain, islice

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from counter_app import __version__
from counter_app.clock import LOCAL_TZ, local
from counter_app.formats import show_date
from counter_app.printing.data import DEFAULT_PAGE, PageOptions, RegisterData, RegisterLine
from counter_app.printing.fit import columns, unbroken
from counter_app.printing.fonts import FontFamily, font_family
from counter_app.printing.grid import Grid
from counter_app.printing.masthead import masthead
from counter_app.printing.page import draw_footer
from counter_app.printing.sheet import Frame, Sheet

TITLE = "Sổ theo dõi hồ sơ"
BASIS = "Mẫu số 07 — Thông tư 03/2025/TT-VPCP"
HEADER = (
    "TT",
    "Mã hồ sơ",
    "Tên thủ tục",
    "Bộ",
    "Tên cá nhân, tổ chức",
    "Địa chỉ",
    "Điện thoại",
    "Nhận hồ sơ",
    "Hẹn trả",
    "Có kết quả",
    "Trả kết quả",
    "Ký nhận",
    "Ghi chú",
)
WHOLE = (0, 1, 3, 6, 7, 8, 9, 10)  # never wrapped: number, code, sets, phone, the dates
SIGN = 15 * mm  # room to sign in "Ký nhận"
SAMPLE = 500  # the first lines, read before drawing, that the columns are fitted to
SIZE = 12  # the page's text; the table's is TABLE_SCALE of it
TABLE_SCALE = 0.68
EVERY = 250  # lines between two progress reports

Progress = Callable[[int, int], None]


def render_register(
    d: RegisterData, options: PageOptions = DEFAULT_PAGE, progress: Progress | None = None
) -> bytes:
    """The register, A4 landscape whatever the paper asked for the receipt.
    `progress(done, total)` is called every EVERY lines and at the end."""
    fonts = font_family(options.font_path)
    width, height = landscape(A4)
    margin = 18 * mm
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), invariant=1)
    canvas.setTitle(TITLE)
    canvas.setAuthor("counter-app")
    canvas.setCreator(f"counter-app {__version__}")
    sheet = Sheet(
        canvas,
        Frame(width, height, margin),
        fonts,
        SIZE,
        lambda c, page: draw_footer(c, fonts, width, margin, BASIS, page),
    )
    masthead(sheet, d.agency)
    sheet.gap(2)
    sheet.heading(TITLE.upper(), fonts.bold, sheet.left, sheet.inner, size=SIZE * 1.15)
    sheet.paragraph(
        f"Từ ngày {show_date(d.first_day)} đến ngày {show_date(d.last_day)}",
        fonts.italic,
        align="center",
    )
    total = d.total if d.total is not None else len(d.lines) if isinstance(d.lines, Sized) else 0
    stream = iter(d.lines)
    sample = list(islice(stream, SAMPLE))
    widths = fitted(fonts, SIZE * TABLE_SCALE, [cells(line) for line in sample], sheet.inner)
    grid = Grid(sheet, HEADER, [w / sheet.inner for w in widths], SIZE * TABLE_SCALE)
    grid.open()
    with _collector_paused():
        done, dossiers = _rows(grid, chain(sample, stream), total, progress)
    grid.close()
    _total(sheet, dossiers, done - dossiers)
    if progress:
        progress(done, max(total, done))
    sheet.finish()
    canvas.save()
    return buffer.getvalue()


def _rows(
    grid: Grid, lines: Iterable[RegisterLine], total: int, progress: Progress | None
) -> tuple[int, int]:
    """(lines drawn, of which dossiers): a void number is a line, not a dossier."""
    done = dossiers = 0
    font, room = grid.sheet.fonts.regular, grid.columns[1] - 2 * grid.padding
    for line in lines:
        values = cells(line)
        if stringWidth(line.code, font, grid.size) > room:  # wider than the first lines'
            head, sep, tail = line.code.partition("-")  # broken before its date
            values[1] = f"{head}{sep}\n{tail}" if sep else line.code
        grid.row(values)
        done += 1
        dossiers += not line.void
        if progress and done % EVERY == 0:
            progress(done, max(total, done))
    return done, dossiers


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The document grows by every page and the rows leave no cycles behind: the garbage
    collector's full passes over it made a line's cost grow with the number of lines
    (106 → 157 µs from 5,000 to 60,000 lines); without them it stays flat."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fitted(
    fonts: FontFamily,
    size: float,
    rows: Sequence[Sequence[object]],
    total: float,
    padding: float = 2,
) -> list[float]:
    """Column widths fitted to the heading and the first rows: a code, a date, a phone
    whole; no heading with a word alone on its last line; the free text (address, name,
    procedure) shares what is left, the widest cut first."""
    extra = 2 * padding + 1
    need, want = [], []
    for column, title in enumerate(HEADER):
        widest = max(
            (
                stringWidth(part, fonts.regular, size)
                for row in rows
                for part in str(row[column]).split("\n")
            ),
            default=0.0,
        )
        least = max(unbroken(title, fonts.bold, size), SIGN if title == "Ký nhận" else 0)
        need.append((max(least, widest) if column in WHOLE else least) + extra)
        want.append(max(least, widest, stringWidth(title, fonts.bold, size)) + extra)
    return columns(need, want, total)


def cells(line: RegisterLine) -> list[object]:
    code = line.code  # whole: the column is as wide as the codes (_rows breaks a wider one)
    if line.void:
        return ["", code, line.procedure, "", "", "", "", "", "", "", "", "", line.note]
    a = line.applicant
    return [
        line.line,
        code,
        line.procedure,
        line.sets,
        a.name,
        a.address,
        a.phone or "",
        _stamp(line.received_at),
        _stamp(line.due_at),
        _stamp(line.result_back_at),
        _stamp(line.returned_at),
        "",
        line.note,
    ]


def _stamp(value: datetime | None) -> str:
    if value is None:
        return ""
    v = value if value.tzinfo is LOCAL_TZ else local(value)  # as read from the database
    # formatted by hand: strftime was a third of a line's cost
    return f"{v.day:02d}/{v.month:02d}/{v.year}\n{v.hour:02d}:{v.minute:02d}"


def _total(sheet: Sheet, count: int, voids: int = 0) -> None:
    """'Tổng số: N hồ sơ.' with the number in bold (and the void numbers, if any)."""
    f, size = sheet.fonts, sheet.size
    sheet.gap(2)
    sheet.ensure(sheet.leading)
    sheet.y -= sheet.leading
    x, baseline = sheet.left, sheet.y + size * 0.25
    pieces = [
        ("Tổng số: ", f.regular),
        (f"{count:,}".replace(",", "."), f.bold),
        (" hồ sơ.", f.regular),
    ]
    if voids:
        pieces[-1] = (" hồ sơ; ", f.regular)
        pieces += [
            (f"{voids:,}".replace(",", "."), f.bold),
            (" số không sử dụng (hủy).", f.regular),
        ]
    for piece, font in pieces:
        sheet.canvas.setFont(font, size)
        sheet.canvas.drawString(x, baseline, piece)
        x += stringWidth(piece, font, size)
