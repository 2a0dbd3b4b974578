"""The cash-up sheet of an officer's shift (bảng kê kết sổ thu phí, lệ phí; docs/fees.md
"Cash-up"): the receipts of the shift (series, number, dossier code, method, amount),
the totals by method, the cash expected, counted and the difference, and the signatures
of the officer and of the leader. Dossier codes only: no citizen is named on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from counter_app.printing.data import DEFAULT_PAGE, AgencyHeader, PageOptions
from counter_app.printing.page import Form, Markup, code_cell, when

TITLE = "Bảng kê kết sổ thu phí, lệ phí"
BASIS = "Bảng kê kết sổ ca thu phí, lệ phí (mẫu nội bộ)"
HEADER = ("TT", "Ký hiệu", "Số", "Mã hồ sơ", "Hình thức", "Số tiền (đồng)", "Ghi chú")
WIDTHS = (0.05, 0.12, 0.12, 0.25, 0.14, 0.13, 0.19)


@dataclass(frozen=True)
class CashUpLine:
    series: str
    number: int
    code: str  # the dossier's code, never the citizen
    method: str  # as printed: "Tiền mặt", "Chuyển khoản", "VietQR"
    amount: int
    note: str = ""  # "Đã thay bằng số …", "Thay số …"


@dataclass(frozen=True)
class CashUpTotal:
    method: str  # as printed
    count: int
    amount: int


@dataclass(frozen=True)
class CashUpSheet:
    agency: AgencyHeader
    officer: str  # the officer's name as printed ("" for a dotted line)
    officer_label: str  # who the shift is of, in the heading: name and user name
    closed_by: str  # who cashed up, as the heading says it
    opened_at: datetime
    closed_at: datetime
    lines: tuple[CashUpLine, ...]
    totals: tuple[CashUpTotal, ...]
    expected_cash: int
    counted: int
    difference: int
    leader: str = ""  # the leader's name under the signature, or "" for a dotted line


def amount(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def difference_text(value: int) -> str:
    if value == 0:
        return "0 đồng (khớp)"
    return (
        f"{'+' if value > 0 else '−'}{amount(abs(value))} đồng ({'thừa' if value > 0 else 'thiếu'})"
    )


def render_cashup(d: CashUpSheet, options: PageOptions = DEFAULT_PAGE) -> bytes:
    form = Form(options, BASIS)
    rows = [
        [i, x.series, f"{x.number:07d}", code_cell(x.code), x.method, amount(x.amount), x.note]
        for i, x in enumerate(d.lines, 1)
    ]
    totals = [[t.method, t.count, amount(t.amount)] for t in d.totals]
    totals.append(
        [
            Markup("<b>Cộng</b>"),
            sum(t.count for t in d.totals),
            Markup(f"<b>{amount(sum(t.amount for t in d.totals))}</b>"),
        ]
    )
    story: list[Flowable] = [
        form.header(d.agency),
        Spacer(1, 3 * mm),
        form.dated(d.agency, d.closed_at),
        *form.title(TITLE, f"Ca thu từ {when(d.opened_at)} đến {when(d.closed_at)}"),
        form.field("Cán bộ thu", d.officer_label),
        form.field("Người kết sổ", d.closed_by),
        Spacer(1, 2 * mm),
        form.para("<b>I. Các biên lai của ca</b>"),
        form.grid(list(HEADER), rows, WIDTHS, small=options.paper == "A5")
        if rows
        else form.para("<i>Ca không có biên lai nào.</i>"),
        Spacer(1, 3 * mm),
        form.para("<b>II. Tổng hợp theo hình thức thu</b> (biên lai đang có hiệu lực)"),
        form.grid(["Hình thức thu", "Số biên lai", "Số tiền (đồng)"], totals, (0.4, 0.25, 0.35)),
        Spacer(1, 3 * mm),
        KeepTogether(
            [
                form.para("<b>III. Tiền mặt</b>"),
                form.field("Tiền mặt phải có", f"{amount(d.expected_cash)} đồng"),
                form.field("Tiền mặt đếm được", f"{amount(d.counted)} đồng"),
                form.field("Chênh lệch (đếm được − phải có)", difference_text(d.difference)),
                Spacer(1, 5 * mm),
                form.signatures(
                    ("CÁN BỘ THU", "(Ký, ghi rõ họ tên)", d.officer),
                    ("LÃNH ĐẠO", "(Ký, ghi rõ họ tên)", d.leader),
                ),
            ]
        ),
    ]
    return form.build(story, f"{TITLE} {when(d.closed_at)}")


__all__ = ["CashUpLine", "CashUpSheet", "CashUpTotal", "render_cashup"]
