"""Strict reading of JSON documents (catalog files, intake documents).

Unknown keys are refused so a misspelt key is caught; every message names the field by
its dotted path and is written for the person who typed the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from counter_app.clock import RANGE_TEXT, OutOfRange, parse_day
from counter_app.clock import parse as parse_datetime
from counter_app.errors import ValidationError, quoted
from counter_app.text import clean, clean_lines

_KEY = re.compile(r"[a-z_]{1,40}")
_MOMENT = "cần thời điểm ISO 8601, ví dụ 2026-02-13T10:00:00+07:00"


class Obj:
    """A JSON object read field by field, with the path of each field for messages."""

    def __init__(self, data: Any, path: str, allowed: set[str], required: set[str]) -> None:
        self.path = path
        if not isinstance(data, dict):
            raise ValidationError(f"{path or 'tài liệu'}: cần một đối tượng JSON {{...}}.", path)
        unknown = sorted(set(data) - allowed)
        if unknown:
            key = quoted(unknown[0], _KEY)
            where = self._at(key.strip("'")) if key else (path or "tài liệu")
            raise ValidationError(
                f"{where}: có trường không được biết (viết sai tên?). "
                f"Các trường hợp lệ: {', '.join(sorted(allowed))}.",
                where,
            )
        missing = sorted(required - set(data))
        if missing:
            raise ValidationError(f"{self._at(missing[0])}: thiếu trường bắt buộc.", missing[0])
        self.data = data

    def _at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, message: str) -> ValidationError:
        return ValidationError(f"{self._at(key)}: {message}", self._at(key))

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    def raw(self, key: str) -> Any:
        return self.data.get(key)

    def text(self, key: str, max_len: int, optional: bool = False) -> str | None:
        """NFC, trimmed, inner white space collapsed; blank refused unless `optional`."""
        value = self.data.get(key)
        if value is None:
            if optional:
                return None
            raise self.fail(key, "không được để trống.")
        if not isinstance(value, str):
            raise self.fail(key, "cần một chuỗi ký tự.")
        value = clean(value)
        if not value:
            if optional:
                return None
            raise self.fail(key, "không được để trống.")
        if len(value) > max_len:
            raise self.fail(key, f"dài {len(value)} ký tự, tối đa {max_len}.")
        return value

    def required_text(self, key: str, max_len: int) -> str:
        value = self.text(key, max_len)
        assert value is not None
        return value

    def free_text(self, key: str, max_len: int) -> str | None:
        """Like `text` but keeps line breaks (notes)."""
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(key, "cần một chuỗi ký tự.")
        value = clean_lines(value)
        if len(value) > max_len:
            raise self.fail(key, f"dài {len(value)} ký tự, tối đa {max_len}.")
        return value or None

    def integer(self, key: str, minimum: int, maximum: int, default: int | None = None) -> int:
        value = self.data.get(key, default)
        if value is None and default is not None:
            value = default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, "cần một số nguyên.")
        if not minimum <= value <= maximum:
            raise self.fail(key, f"phải từ {minimum} đến {maximum}.")
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(key, "cần true hoặc false.")
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str | None = None) -> str:
        value = self.data.get(key, default)
        if value is None:
            value = default
        if value not in choices:
            raise self.fail(key, f"phải là một trong: {', '.join(choices)}.")
        return str(value)

    def day(self, key: str) -> date:
        return read_day(self.data.get(key), self._at(key))

    def timestamp(self, key: str) -> datetime | None:
        value = self.data.get(key)
        if value is None:
            return None
        try:
            if not isinstance(value, str):
                raise TypeError(value)
            return parse_datetime(value)
        except OutOfRange:
            raise self.fail(key, f"{_MOMENT}, {RANGE_TEXT}.") from None
        except (TypeError, ValueError):
            raise self.fail(key, f"{_MOMENT}.") from None

    def items(self, key: str, optional: bool = False) -> Iterator[tuple[str, Any]]:
        """The elements of a list field, each with its path."""
        value = self.data.get(key)
        if value is None and optional:
            return
        if not isinstance(value, list):
            raise self.fail(key, "cần một danh sách [...].")
        for index, element in enumerate(value):
            yield f"{self._at(key)}[{index}]", element

    def child(self, key: str, allowed: set[str], required: set[str]) -> Obj:
        return Obj(self.data.get(key), self._at(key), allowed, required)


def read_day(value: Any, path: str) -> date:
    """A date of a document (YYYY-MM-DD), within the years a desk can meet."""
    try:
        if not isinstance(value, str):
            raise TypeError(value)
        return parse_day(value)
    except OutOfRange:
        raise ValidationError(f"{path}: cần một ngày {RANGE_TEXT}.", path) from None
    except (TypeError, ValueError):
        raise ValidationError(f"{path}: cần một ngày dạng YYYY-MM-DD.", path) from None
