"""The fee receipt (biên lai thu phí, lệ phí; docs/fees.md) as plain values, and the words
both of its printouts and the e-receipt file use. The payments and their numbering fill it;
printing never queries.

A receipt's items are what is collected, after any exemption, and its total is their sum:
a receipt whose total disagrees with its lines is refused, not printed. Money is whole đồng.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from counter_app.errors import ValidationError
from counter_app.text import nfc
from counter_app.voice.words import LARGEST_AMOUNT, amount_words

TITLE = "Biên lai thu phí, lệ phí"
KINDS = {"phi": "Phí", "le_phi": "Lệ phí"}
METHODS = {"cash": "Tiền mặt", "transfer": "Chuyển khoản", "qr": "VietQR"}
NUMBER_DIGITS = 7  # "0000012"
LARGEST_NUMBER = 10**NUMBER_DIGITS - 1
# Mẫu số "01BLP0-001", ký hiệu "AA-26E" (older series were written "AA/20E"): letters,
# digits, "-" and "/"; they name the e-receipt file, so nothing else may slip in.
CODE_SHAPE = re.compile(r"[0-9A-Za-z][0-9A-Za-z/\-]{0,19}")
TEXT_MAX = 300


class FeeItem(NamedTuple):
    name: str  # "Lệ phí đăng ký khai sinh"
    kind: str  # "phi" | "le_phi"
    amount: int  # đồng


class Replaced(NamedTuple):
    series: str
    number: int
    reason: str


@dataclass(frozen=True)
class FeeReceipt:
    """One receipt; `issued_at` naive is local time. `items` and `replaces` may be given
    as plain tuples; they are kept as FeeItem and Replaced."""

    agency: str  # "UBND xã Tam Đảo"
    template: str  # mẫu số
    series: str  # ký hiệu
    number: int
    issued_at: datetime
    payer: str
    dossier_code: str
    procedure: str
    items: tuple[FeeItem, ...]
    total: int
    method: str  # cash | transfer | qr
    officer: str = ""  # empty: a dotted line to write the name by hand
    agency_address: str = ""
    exemption: str | None = None  # the reason of an exemption or reduction
    replaces: Replaced | None = None
    vietqr: str | None = None  # a VietQR payload, drawn for the preview before payment

    def __post_init__(self) -> None:
        for field in ("agency", "payer", "dossier_code", "procedure"):
            _set(self, field, _text(getattr(self, field), field))
        for field in ("officer", "agency_address"):
            _set(self, field, _text(getattr(self, field), field, empty=True))
        _code(self.template, "template", "Mẫu số biên lai")
        _code(self.series, "series", "Ký hiệu biên lai")
        _number(self.number, "number")
        if not isinstance(self.issued_at, datetime):
            raise ValidationError("Ngày lập biên lai phải là một thời điểm.", "issued_at")
        if self.method not in METHODS:
            raise ValidationError(
                "Hình thức thu phải là tiền mặt, chuyển khoản hoặc VietQR.", "method"
            )
        _set(self, "items", tuple(_item(i, item) for i, item in enumerate(self.items, 1)))
        if not self.items:
            raise ValidationError("Biên lai phải có ít nhất một khoản thu.", "items")
        if not _whole(self.total) or self.total != sum(item.amount for item in self.items):
            raise ValidationError(
                "Tổng số tiền của biên lai phải bằng tổng các khoản thu.", "total"
            )
        if self.total > LARGEST_AMOUNT:
            raise ValidationError("Số tiền của biên lai vượt quá mức đọc được.", "total")
        if self.exemption is not None:
            _set(self, "exemption", _text(self.exemption, "exemption"))
        if self.replaces is not None:
            _set(self, "replaces", _replaced(self.replaces))
        if self.vietqr is not None and not (
            self.vietqr and self.vietqr.isascii() and self.vietqr.isprintable()
        ):
            raise ValidationError("Mã VietQR phải là chuỗi ký tự ASCII in được.", "vietqr")

    @property
    def shown_number(self) -> str:
        return shown_number(self.number)


def shown_number(number: int) -> str:
    """12 → "0000012": a receipt's number is shown with its seven digits."""
    return f"{number:0{NUMBER_DIGITS}d}"


def in_words(total: int) -> str:
    """The total as written on a receipt: "Hai mươi lăm nghìn đồng chẵn" (chẵn: a whole
    number of thousands), "Một nghìn không trăm linh năm đồng", "Không đồng"."""
    words = amount_words(total)
    tail = " chẵn" if total and total % 1000 == 0 else ""
    return f"{words[0].upper()}{words[1:]} đồng{tail}"


def replacement_sentence(replaced: Replaced) -> str:
    """ "Biên lai này thay thế biên lai ký hiệu AA-26E số 0000011: ghi sai số tiền"."""
    return (
        f"Biên lai này thay thế biên lai ký hiệu {replaced.series} số "
        f"{shown_number(replaced.number)}: {replaced.reason}"
    )


def _set(receipt: FeeReceipt, field: str, value: object) -> None:
    object.__setattr__(receipt, field, value)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _text(value: object, field: str, empty: bool = False) -> str:
    """One line of text, NFC, trimmed; the message names the field, never the value."""
    if not isinstance(value, str) or len(value) > TEXT_MAX or (not empty and not value.strip()):
        raise ValidationError(
            f"Trường '{field}' của biên lai phải là chữ, từ 1 đến {TEXT_MAX} ký tự.", field
        )
    return " ".join(nfc(value).split())


def _code(value: object, field: str, label: str) -> None:
    if not isinstance(value, str) or not CODE_SHAPE.fullmatch(value):
        raise ValidationError(
            f"{label} chỉ gồm chữ cái, chữ số, dấu '-' hoặc '/', tối đa 20 ký tự "
            "(ví dụ 01BLP0-001, AA-26E).",
            field,
        )


def _number(value: object, field: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= LARGEST_NUMBER:
        raise ValidationError(f"Số biên lai phải là số nguyên từ 1 đến {LARGEST_NUMBER}.", field)


def _item(index: int, item: object) -> FeeItem:
    field = f"items.{index}"
    if not isinstance(item, tuple) or len(item) != 3:
        raise ValidationError(f"Khoản thu thứ {index}: cần tên, loại và số tiền.", field)
    name, kind, amount = item
    if kind not in KINDS:
        raise ValidationError(f"Khoản thu thứ {index}: loại phải là phí hoặc lệ phí.", field)
    if not _whole(amount):
        raise ValidationError(
            f"Khoản thu thứ {index}: số tiền phải là số đồng nguyên, không âm.", field
        )
    return FeeItem(_text(name, field), kind, amount)


def _replaced(value: object) -> Replaced:
    if not isinstance(value, tuple) or len(value) != 3:
        raise ValidationError(
            "Biên lai bị thay thế: cần ký hiệu, số và lý do thay thế.", "replaces"
        )
    series, number, reason = value
    _code(series, "replaces.series", "Ký hiệu biên lai bị thay thế")
    _number(number, "replaces.number")
    return Replaced(series, number, _text(reason, "replaces.reason"))
