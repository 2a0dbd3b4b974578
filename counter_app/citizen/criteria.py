"""The words of a rating: the national three-level scale, the criteria a citizen may tap
(codes stored, Vietnamese shown) and the two visits a dossier has at the counter."""

from __future__ import annotations

import re

from counter_app.errors import ValidationError

_CODE = re.compile(r"[a-z_]{1,20}")

# The national scale (3 levels: the exchange format's PercentVeryGood / Good / Bad).
SCORES = {3: "Rất hài lòng", 2: "Hài lòng", 1: "Không hài lòng"}

# What the rating is about, after the criteria of the evaluation of administrative
# procedures (Decree 61/2018 and Circular 01/2018/TT-VPCP, carried into Decree 118/2025):
# [to be confirmed by the agency]. Codes only grow: a rating keeps the codes it was given.
CRITERIA = {
    "thai_do": "Thái độ của cán bộ",
    "thoi_gian": "Thời gian giải quyết",
    "huong_dan": "Hướng dẫn rõ ràng",
    "di_lai": "Số lần phải đi lại",
    "cong_khai": "Công khai, minh bạch",
}

VISITS = {"reception": "Tiếp nhận hồ sơ", "return": "Trả kết quả"}


def score_of(value: object) -> int:
    if type(value) is not int or value not in SCORES:
        raise ValidationError(
            "Mức đánh giá phải là 3 (rất hài lòng), 2 (hài lòng) hoặc 1 (không hài lòng).", "score"
        )
    return value


def visit_of(value: object) -> str:
    if value not in VISITS:
        raise ValidationError(
            "Lượt đánh giá phải là reception (tiếp nhận) hoặc return (trả kết quả).", "visit"
        )
    return str(value)


def criteria_of(values: object) -> tuple[str, ...]:
    """The codes asked for, each once, in the list's order; an unknown one is refused
    (named only when it has the shape of a code: typed text is not repeated)."""
    if isinstance(values, str):
        values = [v.strip() for v in values.split(",") if v.strip()]
    if not isinstance(values, list | tuple):
        raise ValidationError("Tiêu chí phải là danh sách mã.", "criteria")
    unknown = [v for v in values if v not in CRITERIA]
    if unknown:
        shown = ", ".join(str(v) for v in unknown if _CODE.fullmatch(str(v)))
        raise ValidationError(
            f"Tiêu chí không có trong danh sách{' (' + shown + ')' if shown else ''}; các mã: "
            f"{', '.join(CRITERIA)}.",
            "criteria",
        )
    return tuple(code for code in CRITERIA if code in values)
