"""Checks of the applicant's identity fields (docs/cli.md, intake document).

Numbers are compared and stored in ASCII digits: full-width and other compatibility forms
are made plain first (NFKC), digits of other scripts are refused (a number stored as typed
in them could never be found again)."""

from __future__ import annotations

import re

from counter_app.errors import ValidationError
from counter_app.text import ascii_digits

ID_TYPES = ("citizen_id", "passport")
_CITIZEN_ID = re.compile(r"[0-9]{12}")
_OLD_ID = re.compile(r"[0-9]{9}")
_PASSPORT = re.compile(r"[A-Z0-9]{6,20}")
_PHONE_SEPARATORS = re.compile(r"[\s.\-()]")
_DOMESTIC = re.compile(r"0[0-9]{9}")
_INTERNATIONAL = re.compile(r"\+84[0-9]{9}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def check_id_number(value: str, id_type: str | None, field: str = "id_number") -> str:
    """The ID number as stored: 12-digit citizen ID, 9-digit old ID, or a passport number."""
    value = ascii_digits(value).strip()
    if id_type == "passport":
        value = value.upper()
        if not _PASSPORT.fullmatch(value) or not any(ch.isdigit() for ch in value):
            raise ValidationError(
                f"{field}: số hộ chiếu không hợp lệ (cần 6–20 chữ cái không dấu hoặc chữ số, có "
                f"ít nhất một chữ số; nhận được {len(value)} ký tự).",
                field,
            )
        return value
    if _CITIZEN_ID.fullmatch(value):
        if not 1 <= int(value[:3]) <= 96:
            raise ValidationError(
                f"{field}: số định danh cá nhân phải bắt đầu bằng mã tỉnh 001–096.", field
            )
        return value
    if _OLD_ID.fullmatch(value):
        return value
    raise ValidationError(
        f"{field}: số giấy tờ phải là số định danh 12 chữ số hoặc CMND 9 chữ số "
        f"(số hộ chiếu: chọn loại giấy tờ là hộ chiếu, id_type = passport); nhận được "
        f"{len(value)} ký tự.",
        field,
    )


def phone_digits(value: str) -> str:
    """The number as written, without spaces, dots, dashes or brackets, in ASCII digits
    where it was written in full-width ones."""
    return _PHONE_SEPARATORS.sub("", ascii_digits(value))


def phone_key(value: str, field: str = "phone") -> str:
    """The number in domestic form (0XXXXXXXXX) for search; raises ValidationError."""
    bare = phone_digits(value)
    if _DOMESTIC.fullmatch(bare):
        return bare
    if _INTERNATIONAL.fullmatch(bare):
        return "0" + bare[3:]
    raise ValidationError(
        f"{field}: số điện thoại phải có 10 chữ số bắt đầu bằng 0, hoặc +84 và 9 chữ số.", field
    )


def check_email(value: str, field: str = "email") -> str:
    value = value.strip()
    if len(value) > 254 or not _EMAIL.fullmatch(value):
        raise ValidationError(f"{field}: địa chỉ thư điện tử không hợp lệ.", field)
    return value
