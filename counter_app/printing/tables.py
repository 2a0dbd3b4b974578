"""Forms built around a table: 06 process control sheet and the batch handover list (the
07 dossier register, thousands of lines, is drawn on the canvas: register.py)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from counter_app.printing.codeblock import CodeBlock
from counter_app.printing.data import (
    DEFAULT_PAGE,
    ControlSheetData,
    HandoverData,
    PageOptions,
)
from counter_app.printing.page import (
    CELL_PADDING,
    TIMELINESS_LABELS,
    Form,
    stamp,
    text,
    when,
)
from counter_app.printing.register import render_register

CONTROL_HEADER = (
    "TT",
    "Bên giao",
    "Bên nhận",
    "Giờ giao",
    "Giờ nhận",
    "Kết quả",
    "Ghi chú",
    "Ký bên giao",
    "Ký bên nhận",
)  # the control sheet's columns


def render_control_sheet(d: ControlSheetData, options: PageOptions = DEFAULT_PAGE) -> bytes:
    form = Form(options, "Mẫu số 06 — Thông tư 03/2025/TT-VPCP")
    title = "Phiếu kiểm soát quá trình giải quyết hồ sơ"
    rows = [
        [
            i,
            h.from_unit,
            h.to_unit,
            stamp(h.handed_at),
            stamp(h.received_at),  # None: blank
            TIMELINESS_LABELS.get(h.timeliness or "", ""),
            h.note or "",
            "",
            "",
        ]
        for i, h in enumerate(d.handoffs, 1)
    ]
    story: list[Flowable] = [
        form.header(d.agency),
        Spacer(1, 3 * mm),
        *form.title(title),
        form.para(f"Mã hồ sơ: <b>{text(d.code)}</b>", form.styles.center),
        Spacer(1, 2 * mm),
        CodeBlock(d.code, d.code, form.fonts.regular, form.width, small=True),
        Spacer(1, 2 * mm),
        form.field("Người nộp", d.applicant.name),
        form.field("Thủ tục", d.procedure),
        form.field("Ngày nhận", when(d.received_at)),
        form.field("Ngày hẹn trả", when(d.due_at) if d.due_at else "Không hẹn"),
        Spacer(1, 2 * mm),
        form.grid(
            list(CONTROL_HEADER),
            rows,
            (0.05, 0.13, 0.13, 0.12, 0.12, 0.09, 0.14, 0.11, 0.11),
            small=True,
            row_mm=14,
        ),  # room to sign
        Spacer(1, 3 * mm),
        form.field("Đã nhận kết quả", when(d.result_back_at) if d.result_back_at else "chưa"),
    ]
    return form.build(story, f"{title} {d.code}")


def render_handover(d: HandoverData, options: PageOptions = DEFAULT_PAGE) -> bytes:
    form = Form(options, "Danh sách bàn giao hồ sơ (mẫu nội bộ)")
    title = "Danh sách bàn giao hồ sơ"
    with_outcome = any(line.outcome for line in d.lines)
    rows = [
        [
            i,
            line.code,
            line.applicant,
            line.procedure,
            stamp(line.due_at) if line.due_at else "Không hẹn",
        ]
        + ([line.outcome] if with_outcome else [])
        for i, line in enumerate(d.lines, 1)
    ]
    header = ["TT", "Mã hồ sơ", "Người nộp", "Thủ tục", "Hẹn trả"] + (
        ["Kết quả"] if with_outcome else []
    )
    widths = _fitted(form, header, rows, (0.24, 0.32) if not with_outcome else (0.2, 0.24))
    story: list[Flowable] = [
        form.header(d.agency),
        Spacer(1, 3 * mm),
        form.dated(d.agency, d.handed_at),
        *form.title(title, f"Lúc {when(d.handed_at)}"),
        form.field("Bên giao", d.from_unit),
        form.field("Bên nhận", d.to_unit),
        form.grid(header, rows, widths),
        Spacer(1, 2 * mm),
        form.para(f"Tổng số: <b>{len(d.lines)}</b> hồ sơ."),
        Spacer(1, 4 * mm),
        form.signatures(
            ("BÊN GIAO", "(Ký và ghi rõ họ tên)", ""), ("BÊN NHẬN", "(Ký và ghi rõ họ tên)", "")
        ),
    ]
    return form.build(story, title)


def _fitted(
    form: Form, header: list[str], rows: list[list[object]], shares: tuple[float, float]
) -> list[float]:
    """Column fractions for the handover list: the number, the code, the date and the
    outcome as wide as their widest line (a code is never broken), the name and the
    procedure sharing the rest as `shares`."""
    cell, bold = form.styles.cell, form.styles.cell_bold

    def needed(column: int) -> float:
        lines = [line for row in rows for line in str(row[column]).split("<br/>")]
        widest = max((stringWidth(v, cell.fontName, cell.fontSize) for v in lines), default=0)
        title = max(stringWidth(w, bold.fontName, bold.fontSize) for w in header[column].split())
        return (max(widest, title) + 2 * CELL_PADDING + 1) / form.width

    fixed = {column: needed(column) for column in range(len(header)) if column not in (2, 3)}
    rest = 1 - sum(fixed.values())
    return [
        fixed[c] if c in fixed else rest * shares[c - 2] / sum(shares) for c in range(len(header))
    ]


__all__ = ["render_control_sheet", "render_handover", "render_register"]
