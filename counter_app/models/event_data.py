"""How an event's JSON `data` is kept on a desk's SQLite file (0010 on): the same dict read
back, in fewer bytes.

Storage only: what the program reads, what it syncs and what the server holds are the dict
as written. On SQLite the dict is written as UTF-8 JSON without spaces or \\u escapes, its
known keys as one letter, and its timestamps in the program's own ISO form
('2026-09-03T00:18:02+07:00', 27 bytes quoted) as an integer (seconds since 1970, or
microseconds when it has a fraction). From 0011 on, a few known values are shorter too:
an outcome or timeliness as its number in VALUES, a flag as 0 or 1, a batch's UUID as 22
base64 letters. That form is stored as a BLOB, so it never meets a TEXT value (the plain
JSON of a desk before 0010, or of a dict the short form would not give back exactly, type
for type, which is checked at every write): each reads as what it is. PostgreSQL: JSON.
"""

from __future__ import annotations

import base64
import json
import re
import uuid
from contextlib import suppress
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import JSON, Dialect, String
from sqlalchemy.types import TypeDecorator, TypeEngine, UserDefinedType

# the keys events carry (counter_app/services: intake, lifecycle, steps, printouts): the
# order gives each its letter, so it only grows at the end
KEYS = (
    "recorded_at",
    "procedure_version",
    "legal_due_at",
    "batch",
    "outcome",
    "timeliness",
    "timeliness_original",
    "by_post",
    "post_tracking",
    "receiver",
    "authorised",
    "receiver_id",
    "held_minutes",
    "budget_minutes",
    "items",
    "clock_paused",
    "paused_minutes",
    "previous_due_at",
    "due_at",
    "request_id",
    "intake_sha256",
    "form",
    "reprint",
)
SHORT = {key: chr(ord("a") + i) for i, key in enumerate(KEYS)}
LONG = {short: key for key, short in SHORT.items()}
TIMES = {SHORT[k] for k in ("recorded_at", "legal_due_at", "previous_due_at", "due_at")}
# the program's own form, at the offset it writes (Asia/Ho_Chi_Minh); other offsets stay text
_ISO = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+07:00")
_MICROS = 10**12  # above: microseconds; below: seconds (until the year 33658)
_LOCAL_EPOCH = datetime(1970, 1, 1, 7)  # 1970-01-01 00:00 UTC, read at +07:00
_UTC_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


# known values kept as their number in these (0011 on; each list only grows at the end)
_TIMELINESS = ("early", "on_time", "late")
VALUES = {
    SHORT["outcome"]: ("approved", "refused"),
    SHORT["timeliness"]: _TIMELINESS,
    SHORT["timeliness_original"]: _TIMELINESS,
}
CODES = {key: {value: n for n, value in enumerate(values)} for key, values in VALUES.items()}
FLAGS = {SHORT[k] for k in ("by_post", "authorised", "clock_paused", "reprint")}
BATCH = SHORT["batch"]


def _time(value: Any) -> Any:
    if not isinstance(value, str) or not _ISO.fullmatch(value):
        return value
    moment = datetime.fromisoformat(value)
    micros = (moment - _UTC_EPOCH) // _MICROSECOND
    return micros if moment.microsecond else micros // 1_000_000


def _iso(value: Any) -> Any:
    if not isinstance(value, int) or isinstance(value, bool):
        return value
    if value > _MICROS:
        return (_LOCAL_EPOCH + timedelta(microseconds=value)).isoformat() + "+07:00"
    return (_LOCAL_EPOCH + timedelta(seconds=value)).isoformat() + "+07:00"


def _short(code: str, value: Any, values: bool = True) -> Any:
    """A value as kept under its key's letter (what `_long` gives back); `values` False:
    as 0010 kept it (times only)."""
    if code in TIMES:
        return _time(value)
    if not values:
        return value
    if code in CODES and isinstance(value, str):
        return CODES[code].get(value, value)
    if code in FLAGS and isinstance(value, bool):
        return int(value)
    if code == BATCH and isinstance(value, str) and len(value) == 36:
        with suppress(ValueError):  # not a UUID: kept as it is
            return base64.urlsafe_b64encode(uuid.UUID(value).bytes).decode()[:22]
    return value


def _long(code: str, value: Any, values: bool = True) -> Any:
    if code in TIMES:
        return _iso(value)
    if not values:
        return value
    if code in CODES and type(value) is int and 0 <= value < len(VALUES[code]):
        return VALUES[code][value]
    if code in FLAGS and type(value) is int:
        return bool(value)
    if code == BATCH and isinstance(value, str) and len(value) == 22:
        with suppress(ValueError):  # not a UUID: kept as it is
            return str(uuid.UUID(bytes=base64.urlsafe_b64decode(value + "==")))
    return value


def pack(data: dict[str, Any], values: bool = True) -> bytes | str:
    """The stored form: the short one (bytes) when it reads back as `data`, else plain
    (`values` False: 0010's short form, for a migration back)."""
    short = {}
    for key, value in data.items():
        code = SHORT.get(key, key)
        short[code] = _short(code, value, values)
    packed = json.dumps(short, ensure_ascii=False, separators=(",", ":")).encode()
    plain = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # compared as JSON text: 1 and True, or 1 and 1.0, are equal dict values, not the same
    if json.dumps(unpack(packed, values), ensure_ascii=False, separators=(",", ":")) == plain:
        return packed
    return plain


def unpack(stored: bytes | str, values: bool = True) -> dict[str, Any]:
    """`values` False: as 0010 read it (a migration reads what 0010 wrote)."""
    if isinstance(stored, str):  # plain JSON
        return dict(json.loads(stored))
    return {
        LONG.get(code, code): _long(code, value, values)
        for code, value in json.loads(stored.decode()).items()
    }


class _Stored(UserDefinedType[Any]):
    """SQLite's column: declared JSON as before, holding what `pack` gives as it is."""

    cache_ok = True

    def get_col_spec(self, **_kw: Any) -> str:
        return "JSON"


class EventData(TypeDecorator[dict[str, Any]]):
    impl = JSON()
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return _Stored()
        return dialect.type_descriptor(self.impl_instance)

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return pack(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return unpack(value)


# events.kind on SQLite (0010 on): one letter each, in this order (it only grows at the
# end); a kind not listed is kept as it is (every kind is longer than one letter)
KINDS = (
    "received",
    "handed_over",
    "supplement_requested",
    "supplement_received",
    "extended",
    "result_back",
    "returned",
    "withdrawn",
    "stopped",
    "refused",
    "note",
    "printed",
)
KIND_LETTER = {kind: chr(ord("a") + i) for i, kind in enumerate(KINDS)}
LETTER_KIND = {letter: kind for kind, letter in KIND_LETTER.items()}


class EventKind(TypeDecorator[str]):
    """An event's kind: on SQLite its letter in the VARCHAR(30) column (1 byte where
    'supplement_requested' took 20, in every event); compared and read as the kind."""

    impl = String(30)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return KIND_LETTER.get(value, value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None or dialect.name != "sqlite":
            return value
        return LETTER_KIND.get(value, value)
