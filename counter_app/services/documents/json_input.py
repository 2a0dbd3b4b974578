"""JSON documents as the program reads them (intake documents, catalog files): bounded in
size and nesting, strict about what JSON lets through silently.

A key given twice, a number of thousands of digits, NaN, a lone surrogate (text that can be
neither stored nor printed), nesting deeper than any of our formats: each is refused with
a ValidationError naming the problem, before anything else reads the document.
"""

from __future__ import annotations

import json
import math
from typing import Any, BinaryIO

from counter_app.errors import ValidationError
from counter_app.text import has_surrogate

MiB = 1 << 20
INTAKE_MAX = 1 * MiB  # an intake is a few KiB
CATALOG_MAX = 20 * MiB  # a province's catalog (2,000 procedures) is about 5 MiB
DEPTH_MAX = 16  # our formats nest four levels
DIGITS_MAX = 18  # fees, counts and durations; beyond this a number is a mistake

_ERRNO_TEXT = {
    2: "không có tệp này",
    13: "không có quyền đọc",
    21: "đây là một thư mục",
    20: "một phần của đường dẫn không phải thư mục",
}


def read_file(path: str, limit: int, stdin: BinaryIO | None = None) -> bytes:
    """The bytes of `path` ('-': `stdin`), refused when larger than `limit` (a device or a
    pipe that never ends is refused after `limit` bytes, not read until memory runs out)."""
    name = "đầu vào chuẩn" if path == "-" else f"tệp '{path}'"
    try:
        if path == "-":
            assert stdin is not None
            raw = stdin.read(limit + 1)
        else:
            with open(path, "rb") as handle:
                raw = handle.read(limit + 1)
    except OSError as error:
        reason = _ERRNO_TEXT.get(error.errno or 0, f"lỗi hệ thống số {error.errno}")
        raise ValidationError(f"Không đọc được {name}: {reason}.") from None
    if len(raw) > limit:
        raise ValidationError(
            f"{name[0].upper()}{name[1:]} lớn hơn {limit // MiB} MiB: không "
            "phải tài liệu cần đọc (hay chọn nhầm tệp?)."
        )
    return raw


def parse(raw: bytes, name: str = "tài liệu") -> Any:
    """The JSON document in `raw` (UTF-8, a BOM allowed), or ValidationError."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"{name} không phải văn bản UTF-8.") from None
    try:
        document = json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_int,
            parse_float=_float,
            parse_constant=_constant,
        )
    except RecursionError:
        raise ValidationError(f"{name}: JSON lồng nhau quá sâu.") from None
    except json.JSONDecodeError as error:
        raise ValidationError(
            f"{name} không phải JSON hợp lệ (dòng {error.lineno}, cột {error.colno})."
        ) from None
    _check(document, name)
    return document


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            shown = key if key.isascii() and key.isidentifier() and len(key) <= 40 else "nào đó"
            raise ValidationError(
                f"Trường {shown} có hai lần trong cùng một đối tượng JSON: "
                "bỏ một lần đi (không rõ lần nào là đúng)."
            )
        result[key] = value
    return result


def _int(text: str) -> int:
    if len(text.lstrip("-")) > DIGITS_MAX:
        raise ValidationError(f"Có một số dài hơn {DIGITS_MAX} chữ số: không dùng được.")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or len(text) > 40:
        raise ValidationError("Có một số quá lớn hoặc quá dài: không dùng được.")
    return value


def _constant(text: str) -> Any:
    raise ValidationError(f"{text} không phải một số JSON hợp lệ.")


def _check(document: Any, name: str) -> None:
    """Depth and text of the whole document, walked without recursion."""
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > DEPTH_MAX:
            raise ValidationError(f"{name}: JSON lồng nhau quá sâu.")
        if isinstance(value, dict):
            pending.extend((k, depth) for k in value)
            pending.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            pending.extend((v, depth + 1) for v in value)
        elif isinstance(value, str) and has_surrogate(value):
            raise ValidationError(
                f"{name} có ký tự không hợp lệ (nửa cặp UTF-16 \\ud800…): "
                "hãy lưu lại tệp dạng UTF-8."
            )
