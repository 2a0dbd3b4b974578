"""What a scanner sent, read without the database: the desk arms its scanner and reads the
first scans with this alone while SQLAlchemy and the models are still loading (start-up)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from counter_app.services.codes.code_pattern import CODE_SHAPE as _CODE_SHAPE
from counter_app.text import clean


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
