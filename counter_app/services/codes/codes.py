"""Dossier codes as people type or scan them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from counter_app.errors import UnknownDossier, looks_personal, quoted
from counter_app.models import Agency
from counter_app.services.codes.code_pattern import code_regex, render
from counter_app.services.codes.scans import Scan, read_scan, scanner_made
from counter_app.text import normalise_code

__all__ = [
    "Scan",
    "normalise_code",
    "read_scan",
    "scan_recogniser",
    "scanner_made",
    "unknown_dossier",
]


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
