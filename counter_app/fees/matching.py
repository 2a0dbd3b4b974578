"""A bank statement's lines matched to the transfers the desk waits for (issue 23 item 4,
docs/fees.md). Pure: no database; `statement import` gives the lines read
(`fees.statement`), the payments expected and the keys of lines imported before.

A line matches an expected payment when its purpose names the dossier's code and its
amount is the amount expected. Banks mangle a purpose: accents dropped, case changed,
dots, dashes and spaces dropped or changed, their own words and numbers put before and
after ("MBVCB.123456.H01.22-261207-0012.CT tu 0123…", "H0122261207 0012"). So both are
compared reduced to capital letters and digits, and the code must be there whole: where the
code begins or ends with a digit, the purpose's next character must not be a digit
written against it (code …0012 is not in a purpose …00123; it is in …0012 3 or …0012.3).

A line imported before (its key in `seen_keys`, or met earlier in the same call) is
counted in `already` and matches nothing. Each expected payment matches at most one line
and each line one payment: of two lines naming the same code and amount the first matches
and the other is left unmatched (a citizen who paid twice is for the officer to see).
Lines are taken in their order in the file; where a purpose names several codes, the
first it names is tried first, and payments of one code in the order given."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate

from counter_app.fees.statement import StatementLine

_NOT_KEPT = re.compile(r"[^A-Z0-9]+")
_MARKS = re.compile("[\u0300-\u036f]")  # the accents NFKD takes off their letters


@dataclass(frozen=True)
class Expected:
    code: str  # the dossier's code, as it was given to the citizen
    payment_ref: str  # the caller's own id of the payment, given back
    amount: int  # đồng


@dataclass(frozen=True)
class Matching:
    matched: list[tuple[StatementLine, Expected]]
    unmatched: list[StatementLine]
    already: int  # lines imported before


def reduced(text: str) -> str:
    """Capital letters and digits only, accents and `đ` made plain: how a code and a
    purpose are compared."""
    return "".join(_pieces(text))


def _pieces(text: str) -> list[str]:
    """The runs of capital letters and digits of `text`, in order (what was between them,
    spaces and punctuation, dropped): full-width forms made ASCII, accents and `đ` plain."""
    if not text.isascii():
        text = text.replace("đ", "d").replace("Đ", "D")
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
        text = text.encode("ascii", "replace").decode("ascii")  # other letters: apart
    return [piece for piece in _NOT_KEPT.split(text.upper()) if piece]


class _Codes:
    """The codes expected, found in a purpose by their first `width` characters."""

    def __init__(self, expected: Iterable[Expected]) -> None:
        self.payments: dict[str, list[tuple[int, Expected]]] = {}
        for number, item in enumerate(expected):
            code = reduced(item.code)
            if code:
                self.payments.setdefault(code, []).append((number, item))
        self.width = min((len(code) for code in self.payments), default=0)
        self.by_start: dict[str, list[str]] = {}
        for code in self.payments:
            self.by_start.setdefault(code[: self.width], []).append(code)

    def named(self, purpose: str) -> list[str]:
        """The codes `purpose` names whole, in the order it names them."""
        if not self.width:
            return []
        pieces = _pieces(purpose)
        text = "".join(pieces)
        apart: set[int] | None = None  # where the purpose had something between two runs
        found: list[str] = []
        for i in range(len(text) - self.width + 1):
            for code in self.by_start.get(text[i : i + self.width], ()):
                if not text.startswith(code, i) or code in found:
                    continue
                if apart is None:
                    apart = set(accumulate(len(piece) for piece in pieces))
                if _whole(text, apart, i, i + len(code)):
                    found.append(code)
        return found


def _whole(text: str, apart: set[int], start: int, end: int) -> bool:
    """Whether text[start:end] is not part of a longer run of digits: no digit written
    right against its first or last digit (`apart`: the places where something was
    written between two characters)."""
    if start > 0 and start not in apart and text[start - 1 : start + 1].isdigit():
        return False
    return not (end < len(text) and end not in apart and text[end - 1 : end + 1].isdigit())


def match(
    lines: Iterable[StatementLine], expected: Iterable[Expected], seen_keys: Iterable[str]
) -> Matching:
    codes = _Codes(expected)
    seen = set(seen_keys)
    taken: set[int] = set()
    matched: list[tuple[StatementLine, Expected]] = []
    unmatched: list[StatementLine] = []
    already = 0
    for line in sorted(lines, key=lambda item: item.line):
        if line.key in seen:
            already += 1
            continue
        seen.add(line.key)
        payment = _payment(codes, line, taken)
        if payment is None:
            unmatched.append(line)
        else:
            matched.append((line, payment))
    return Matching(matched, unmatched, already)


def _payment(codes: _Codes, line: StatementLine, taken: set[int]) -> Expected | None:
    for code in codes.named(line.purpose):
        for number, item in codes.payments[code]:
            if number not in taken and item.amount == line.amount:
                taken.add(number)
                return item
    return None
