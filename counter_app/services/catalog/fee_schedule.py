"""A procedure version's fee schedule (biểu phí, lệ phí; docs/fees.md), read from the
catalog file's `fees` object and kept with the version, never changed once stored:

    "fees": {
      "collect": "before",                       # or "at_return" (thu trước / thu sau)
      "items": [{"name": "Lệ phí đăng ký khai sinh", "kind": "le_phi", "amount": 8000}],
      "exemptions": [{"code": "ho_ngheo", "who": "Người thuộc hộ nghèo",
                      "basis": "Khoản 2 Điều 5 Nghị quyết 12/2026/NQ-HĐND"}]
    }

Money is whole đồng. A version without `fees` and with `fee` (the older single figure)
owes that figure as one item of lệ phí, collected at return; without either it owes
nothing. What a dossier owes is its version's items, or nothing when the officer picked
one of its exemptions (each with the legal basis that allows it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app.errors import ValidationError
from counter_app.services.documents.schema import Obj

KINDS = {"phi": "Phí", "le_phi": "Lệ phí"}
COLLECT = {"before": "Thu khi tiếp nhận", "at_return": "Thu khi trả kết quả"}
LARGEST = 1_000_000_000  # đồng, one item
_CODE = r"[a-z0-9_]{1,30}"


@dataclass(frozen=True)
class Item:
    name: str
    kind: str  # phi | le_phi
    amount: int


@dataclass(frozen=True)
class Exemption:
    code: str
    who: str
    basis: str


@dataclass(frozen=True)
class Schedule:
    collect: str
    items: tuple[Item, ...]
    exemptions: tuple[Exemption, ...]

    @property
    def total(self) -> int:
        return sum(i.amount for i in self.items)

    def exemption(self, code: str) -> Exemption:
        found = next((e for e in self.exemptions if e.code == code), None)
        if found is None:
            known = ", ".join(e.code for e in self.exemptions) or "không có"
            raise ValidationError(
                f"Thủ tục này không có trường hợp miễn '{code}' (có: {known}).", "exemption"
            )
        return found


NONE = Schedule("at_return", (), ())


def read(obj: Obj) -> dict[str, Any]:
    """The `fees` object of a procedure, checked, as it is stored (plain JSON)."""
    import re

    collect = obj.choice("collect", tuple(COLLECT), default="at_return")
    items = []
    for path, value in obj.items("items"):
        item = Obj(value, path, {"name", "kind", "amount"}, {"name", "kind", "amount"})
        items.append(
            {
                "name": item.required_text("name", 300),
                "kind": item.choice("kind", tuple(KINDS)),
                "amount": item.integer("amount", 0, LARGEST),
            }
        )
    if not items:
        raise obj.fail("items", "cần ít nhất một khoản phí hoặc lệ phí.")
    exemptions = []
    for path, value in obj.items("exemptions", optional=True):
        exempt = Obj(value, path, {"code", "who", "basis"}, {"code", "who", "basis"})
        code = exempt.required_text("code", 30)
        if not re.fullmatch(_CODE, code):
            raise exempt.fail("code", "chỉ gồm chữ thường không dấu, số và dấu gạch dưới.")
        exemptions.append(
            {
                "code": code,
                "who": exempt.required_text("who", 300),
                "basis": exempt.required_text("basis", 300),
            }
        )
    codes = [e["code"] for e in exemptions]
    if len(set(codes)) != len(codes):
        raise obj.fail("exemptions", "mỗi trường hợp miễn một mã riêng.")
    return {"collect": collect, "items": items, "exemptions": exemptions}


def schedule_of(stored: dict[str, Any] | None, fee: int) -> Schedule:
    """The schedule of a version: its `fees`, or its single `fee` figure as one lệ phí."""
    if stored:
        return Schedule(
            stored["collect"],
            tuple(Item(i["name"], i["kind"], int(i["amount"])) for i in stored["items"]),
            tuple(Exemption(e["code"], e["who"], e["basis"]) for e in stored["exemptions"]),
        )
    if fee:
        return Schedule("at_return", (Item("Phí, lệ phí", "le_phi", fee),), ())
    return NONE
