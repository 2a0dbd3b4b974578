"""Dossier codes as people type or scan them."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.errors import UnknownDossier, looks_personal, quoted
from counter_app.models import Agency
from counter_app.services.codes.code_pattern import CODE_SHAPE as _CODE_SHAPE
from counter_app.services.codes.code_pattern import code_regex, render
from counter_app.text import clean, normalise_code

__all__ = ["Scan", "normalise_code", "read_scan", "scan_recogniser", "unknown_dossier"]


def unknown_dossier(session: Session, code: str) -> UnknownDossier:
    """'No such dossier', naming the code only when it has the shape of this database's
    dossier codes: anything else (a phone, an ID number, a passport typed into the code
    field) is not repeated, since messages end up in logs and on screens."""
    code = normalise_code(code)
    agencies = []  # (code, pattern) of the agencies whose codes have a known shape
    for agency, pattern in session.execute(select(Agency.code, Agency.code_pattern)):
        shape = code_regex(pattern, agency)
        if shape is not None:
            agencies.append((agency, pattern))
            if quoted(code, shape):
                return UnknownDossier(f"Không có hồ sơ mã '{code}'.")
    if looks_personal(code):
        return UnknownDossier(
            "Không có hồ sơ mã như vậy; đây giống số căn cước, số giấy tờ "
            "hoặc số điện thoại của một người: tìm hồ sơ của người đó bằng "
            "ô tìm kiếm (hoặc counter-app find)."
        )
    example = render(agencies[0][1], agencies[0][0], date(2026, 2, 13), 1) if agencies else ""
    return UnknownDossier(
        "Không có hồ sơ mã như vậy (mã hồ sơ in trên giấy tiếp nhận"
        + (f", có dạng {example}" if example else "")
        + ")."
    )


@dataclass(frozen=True)
class Scan:
    code: str
    warning: str | None  # for the officer, when the scan needed repair or looks wrong
    valid: bool = True  # False: not a dossier code at all


def read_scan(text: str) -> Scan:
    """A scanned code as the scanner meant it.

    A Vietnamese input method (Telex, VNI) left on while scanning turns letters into
    accented ones and CapsLock turns them to lower case: accents are removed, the case
    restored, and the officer told if anything else than case was changed.
    """
    raw = _from_lookup_url(clean(text).replace(" ", ""))
    decomposed = unicodedata.normalize("NFD", raw.replace("đ", "d").replace("Đ", "D"))
    code = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()
    warning = None
    if code != raw.upper():
        warning = (
            "Bộ gõ tiếng Việt đang bật nên mã quét bị đổi dấu; đã sửa lại. "
            "Nên tắt bộ gõ (Unikey/EVKey) khi quét mã."
        )
    if not _CODE_SHAPE.fullmatch(code) or sum(ch.isdigit() for ch in code) < 4:
        # not echoed: it may be a citizen-ID QR code or another document's barcode
        return Scan(
            code,
            "Mã vừa quét không phải mã hồ sơ (có thể là mã trên giấy tờ khác, như căn cước).",
            valid=False,
        )
    return Scan(code, warning)


def _from_lookup_url(text: str) -> str:
    """The code in a receipt's QR when it carries a lookup address (COUNTER_APP_LOOKUP_URL,
    e.g. https://…/tra-cuu/CODE?x=y): its last path segment."""
    if "://" not in text:
        return text
    path = text.split("://", 1)[1].split("?", 1)[0].split("#", 1)[0]
    return next((part for part in reversed(path.split("/")) if part), text)


def scanner_made(text: str) -> bool:
    """Whether a fast run of keys ending with Enter is what a scanner sends at the desk: a
    dossier code (it has letters or separators beside its digits: the agency part), or the
    QR code of a chip ID card (fields separated by '|'). A phone or ID number typed quickly
    by a person is a search, not a scan."""
    if "|" in text:
        return True
    scan = read_scan(text)
    return scan.valid and not scan.code.isdigit()


def scan_recogniser(session: Session) -> Callable[[str], bool]:
    """`scanner_made`, narrowed to the shapes of this database's dossier codes: a procedure
    code (1.001193) typed quickly and ended with Enter in the reception's search box is
    typing, not a scan, and must reach the box."""
    shapes = [
        shape
        for agency, pattern in session.execute(select(Agency.code, Agency.code_pattern))
        if (shape := code_regex(pattern, agency)) is not None
    ]

    def made(text: str) -> bool:
        if not scanner_made(text):
            return False
        return "|" in text or not shapes or any(s.fullmatch(read_scan(text).code) for s in shapes)

    return made
