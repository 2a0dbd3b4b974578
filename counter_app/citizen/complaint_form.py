"""A complaint or recommendation (phản ánh, kiến nghị) as the register keeps it: the words
of its fields, the form `complaint add` reads, the rows its lists show.

Messages never repeat what was typed into the person's fields: they end up on screens and
in logs, and a name, a phone or an address is personal data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from counter_app.errors import ValidationError
from counter_app.services.applicants.applicant import phone_key
from counter_app.text import clean, clean_lines, normalise_code

CHANNELS = {
    "counter": "Tại quầy",
    "phone": "Điện thoại",
    "email": "Thư điện tử",
    "portal": "Cổng dịch vụ công",
    "letter": "Thư, văn bản",
}
STATUSES = {"open": "Đang xử lý", "replied": "Đã trả lời", "closed": "Đã đóng"}
DEFAULT_DUE_DAYS = 10  # [to be confirmed by the agency]: a setting of each agency
CONTENT_MAX = 5000
_KEYS = {"channel", "person", "content", "code", "procedure"}
_PERSON_KEYS = {"name", "phone", "address"}
_NUMBER = re.compile(r"(?:PA-?)?(\d{4})-(\d{1,6})", re.I)


@dataclass(frozen=True)
class ComplaintForm:
    channel: str
    name: str
    phone: str | None
    address: str | None
    content: str
    code: str | None
    procedure: str | None


@dataclass(frozen=True)
class ComplaintRow:
    """A line of the register's lists: no personal data."""

    year: int
    seq: int
    channel: str
    received_at: datetime
    due_at: datetime
    code: str | None
    procedure: str | None
    assignee: str | None
    replied_at: datetime | None
    published_at: datetime | None
    closed_at: datetime | None

    @property
    def number(self) -> str:
        return number_of(self.year, self.seq)

    @property
    def status(self) -> str:
        if self.closed_at is not None:
            return "closed"
        return "replied" if self.replied_at is not None else "open"

    def overdue(self, now: datetime) -> bool:
        """No reply and the due date passed (the deadline is the reply's)."""
        return self.replied_at is None and self.closed_at is None and now > self.due_at


@dataclass(frozen=True)
class ComplaintDetail:
    row: ComplaintRow
    name: str
    phone: str | None
    address: str | None
    content: str
    reply: str | None


def number_of(year: int, seq: int) -> str:
    return f"PA-{year}-{seq:04d}"


def parse_number(text: str) -> tuple[int, int]:
    """PA-2026-0007 (or 2026-7) as (year, seq); ValidationError otherwise."""
    found = _NUMBER.fullmatch(text.strip())
    if found is None:
        raise ValidationError("Số phản ánh có dạng PA-2026-0007.", "id")
    return int(found[1]), int(found[2])


def read_form(document: Any) -> ComplaintForm:
    """The JSON of `complaint add`; ValidationError naming the field, nothing kept."""
    if not isinstance(document, dict):
        raise ValidationError("Phản ánh phải là một đối tượng JSON {…}.")
    extra = sorted(set(document) - _KEYS)
    if extra:
        raise ValidationError(f"Trường không có trong mẫu phản ánh: {', '.join(extra)}.")
    channel = document.get("channel")
    if channel not in CHANNELS:
        raise ValidationError(
            f"channel: kênh tiếp nhận phải là một trong {', '.join(CHANNELS)}.", "channel"
        )
    person = document.get("person")
    if not isinstance(person, dict) or set(person) - _PERSON_KEYS:
        raise ValidationError(
            'person: cần đối tượng {"name", "phone", "address"} của người phản ánh.',
            "person",
        )
    name = _text(person.get("name"), "person.name", 200)
    if not name:
        raise ValidationError("person.name: cần họ tên người phản ánh.", "person.name")
    phone = _text(person.get("phone"), "person.phone", 30)
    address = _text(person.get("address"), "person.address", 500)
    if not phone and not address:
        raise ValidationError(
            "person: cần số điện thoại hoặc địa chỉ để trả lời người phản ánh.", "person"
        )
    content = document.get("content")
    content = clean_lines(content) if isinstance(content, str) else ""
    if not content:
        raise ValidationError("content: cần nội dung phản ánh, kiến nghị.", "content")
    if len(content) > CONTENT_MAX:
        raise ValidationError(
            f"content: dài {len(content)} ký tự, tối đa {CONTENT_MAX}.", "content"
        )
    return ComplaintForm(
        channel,
        name,
        phone_key(phone, "person.phone") if phone else None,
        address or None,
        content,
        _code(document.get("code"), "code"),
        _code(document.get("procedure"), "procedure"),
    )


def _text(value: Any, field: str, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(f"{field}: cần một chuỗi văn bản.", field)
    text = clean(value)
    if len(text) > limit:
        raise ValidationError(f"{field}: dài {len(text)} ký tự, tối đa {limit}.", field)
    return text


def _code(value: Any, field: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not clean(value) or len(clean(value)) > 60:
        raise ValidationError(f"{field}: cần một mã (chuỗi) hoặc null.", field)
    return normalise_code(value)


def reply_text(value: str | None) -> str:
    text = clean_lines(value or "")
    if not text:
        raise ValidationError("--text: cần nội dung trả lời.", "text")
    if len(text) > CONTENT_MAX:
        raise ValidationError(f"--text: dài {len(text)} ký tự, tối đa {CONTENT_MAX}.", "text")
    return text
