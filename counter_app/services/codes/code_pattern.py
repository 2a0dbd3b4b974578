"""The shape of dossier codes: an agency's code pattern, checked by what it renders.

A pattern is text with four fields at most: `{agency}`, `{yymmdd}` or `{yyyymmdd}`, and
`{seq}` (optionally zero-padded: `{seq:04d}`). Each code it renders must carry the agency,
the day and the day's number, differ for every number and day, be the code a scanner or
a person types back (`normalise_code` leaves it as it is), and fit the code column.
"""

from __future__ import annotations

import re
import string
import unicodedata
from datetime import date

from counter_app.text import normalise_code

CODE_MAX = 60  # the dossiers.code column
AGENCY_MAX = 40
CODE_SHAPE = re.compile(r"[0-9A-Z][0-9A-Z.\-/_]*")
# A code of a unit, a procedure or an agency, as a catalog or a person writes it.
ANY_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-/_]{0,39}")
_SEQ_SPEC = re.compile(r"0[1-9]d")  # zero-padded width, 1 to 9 digits
_FIELDS = {"agency": "", "yymmdd": r"[0-9]{6}", "yyyymmdd": r"[0-9]{8}", "seq": ""}
_HELP = (
    "chỉ dùng {agency}, {yymmdd} hoặc {yyyymmdd}, và {seq} hoặc {seq:04d}, mỗi trường "
    "một lần, nối bằng chữ in hoa, chữ số hoặc . - / _"
)


def normalise_agency_code(code: str) -> str:
    """An agency code as printed in dossier codes: compatibility forms made plain (NFKC),
    capital letters."""
    return unicodedata.normalize("NFKC", code).strip().upper()


def agency_code_problem(code: str) -> str | None:
    """Why `code` (normalised) cannot start a dossier code, or None."""
    if not CODE_SHAPE.fullmatch(code) or len(code) > AGENCY_MAX:
        return (
            f"mã cơ quan chỉ gồm chữ in hoa không dấu, chữ số và . - / _, tối đa "
            f"{AGENCY_MAX} ký tự (ví dụ 000.00.20.H26)."
        )
    return None


def _parts(pattern: str) -> list[tuple[str, str | None, str]] | None:
    """(literal, field, spec) of the pattern when every field is allowed, else None."""
    try:
        parsed = list(string.Formatter().parse(pattern))
    except ValueError:  # unbalanced braces
        return None
    parts = []
    for literal, field, spec, conversion in parsed:
        if field is not None and (
            field not in _FIELDS
            or conversion is not None
            or (spec and not (field == "seq" and _SEQ_SPEC.fullmatch(spec)))
        ):
            return None
        parts.append((literal, field, spec or ""))
    fields = [f for _, f, _ in parts if f]
    dates = fields.count("yymmdd") + fields.count("yyyymmdd")
    if (fields.count("agency"), dates, fields.count("seq"), len(fields)) != (1, 1, 1, 3):
        return None
    return parts


def render(pattern: str, agency: str, day: date, seq: int) -> str:
    return pattern.format(agency=agency, yymmdd=f"{day:%y%m%d}", yyyymmdd=f"{day:%Y%m%d}", seq=seq)


_DAYS = (date(2026, 2, 13), date(2026, 12, 31), date(2031, 1, 1), date(2099, 11, 30))
_SEQS = (1, 2, 9, 10, 11, 99, 100, 101, 1000, 9999, 10000, 12345, 99999)


def pattern_problem(pattern: str, agency: str) -> str | None:
    """Why `pattern` cannot give this agency its dossier codes, or None."""
    if _parts(pattern) is None:
        return f"mẫu mã hồ sơ không dùng được: {_HELP}."
    codes = [render(pattern, agency, day, seq) for day in _DAYS for seq in _SEQS]
    if len(set(codes)) != len(codes):
        return "mẫu mã hồ sơ cho hai hồ sơ cùng một mã."
    for code in codes:
        if normalise_code(code) != code or not CODE_SHAPE.fullmatch(code):
            return f"mẫu mã hồ sơ cho mã không đọc lại được: {_HELP}."
    if len(render(pattern, agency, _DAYS[0], 999_999)) > CODE_MAX:
        return f"mã hồ sơ theo mẫu này dài quá {CODE_MAX} ký tự."
    return None


def code_regex(pattern: str, agency: str) -> re.Pattern[str] | None:
    """What this agency's codes look like (None when the pattern is not a valid one)."""
    parts = _parts(pattern)
    if parts is None:
        return None
    out = []
    for literal, field, spec in parts:
        out.append(re.escape(literal))
        if field == "agency":
            out.append(re.escape(agency))
        elif field == "seq":
            out.append(f"[0-9]{{{int(spec[1:-1])},}}" if spec else "[0-9]+")
        elif field:
            out.append(_FIELDS[field])
    return re.compile("".join(out))
