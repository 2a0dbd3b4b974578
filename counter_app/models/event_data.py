"""How an event's JSON `data` is kept on a desk's SQLite file (0010 on): the same dict read
back, in fewer bytes.

Storage only: what the program reads, what it syncs and what the server holds are the dict
as written. On SQLite the dict is written as UTF-8 JSON without spaces or \\u escapes, its
known keys as one letter, and its timestamps in the program's own ISO form
('2026-09-03T00:18:02+07:00', 27 bytes quoted) as an integer (seconds since 1970, or
microseconds when it has a fraction). That form is stored as a BLOB, so it never meets a
TEXT value (the plain JSON of a desk before 0010, or of a dict the short form would not give
back exactly, which is checked at every write): each reads as what it is. PostgreSQL: JSON.
"""

from __future__ import annotations

import json
import re
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


def pack(data: dict[str, Any]) -> bytes | str:
    """The stored form: the short one (bytes) when it reads back as `data`, else plain."""
    short = {}
    for key, value in data.items():
        code = SHORT.get(key, key)
        short[code] = _time(value) if code in TIMES else value
    packed = json.dumps(short, ensure_ascii=False, separators=(",", ":")).encode()
    if unpack(packed) == data:
        return packed
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def unpack(stored: bytes | str) -> dict[str, Any]:
    if isinstance(stored, str):  # plain JSON
        return dict(json.loads(stored))
    return {
        LONG.get(code, code): _iso(value) if code in TIMES else value
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
