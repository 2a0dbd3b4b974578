"""The layout of a bank statement export (docs/fees.md): the row of headings and which
column each names; an amount, a date or a debit/credit mark as Vietnamese banks write them.

Headings are compared folded (lower case, no accents, `đ` → `d`, punctuation as one
space), whole or by their parts around `/`, `|` and line breaks (bilingual headings:
"Ngày GD / Transaction date"), with a trailing currency ("(VND)") left out. A column's
synonyms are tried in their order: the first found wins ("Ngày giao dịch" before "Ngày")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from counter_app.errors import ValidationError
from counter_app.text import fold

HEADER_ROWS = 20  # the headings are looked for in the rows above this
MAX_COLUMNS = 64
Row = Sequence[object]

# The columns a statement is read by, and their headings as banks write them (folded).
HEADINGS: dict[str, tuple[str, ...]] = {
    # a separate debit/credit mark beside one "Số tiền" column (tried first: "Nợ/Có")
    "side": ("no co", "ps no co", "loai giao dich", "loai", "debit credit", "dr cr", "d c", "c d"),
    "credit": (
        "so tien ghi co",
        "ghi co",
        "so tien co",
        "phat sinh co",
        "ps co",
        "co",
        "credit",
        "credit amount",
        "cr",
    ),
    "debit": (
        "so tien ghi no",
        "ghi no",
        "so tien no",
        "phat sinh no",
        "ps no",
        "no",
        "debit",
        "debit amount",
        "dr",
    ),
    "date": (
        "ngay giao dich",
        "ngay gd",
        "ngay hach toan",
        "ngay hieu luc",
        "transaction date",
        "posting date",
        "value date",
        "ngay",
        "date",
    ),
    "purpose": (
        "noi dung giao dich",
        "noi dung chi tiet",
        "noi dung",
        "dien giai",
        "mo ta",
        "transaction details",
        "description",
        "details",
    ),
    "reference": (
        "so tham chieu",
        "ma giao dich",
        "so but toan",
        "so giao dich",
        "reference",
        "reference no",
        "ref no",
        "ref",
        "transaction id",
    ),
    "amount": ("so tien", "so tien giao dich", "amount", "transaction amount"),
}
# What each needed column is called in a message.
LABELS = {"date": "ngày", "credit": "số tiền ghi có", "purpose": "nội dung"}
# A debit/credit mark, folded ("+" and "-" are read before folding).
CREDIT_MARKS = frozenset({"c", "cr", "co", "ghi co", "credit", "+"})
DEBIT_MARKS = frozenset({"d", "dr", "no", "ghi no", "debit", "-"})
# A row that sums or carries the balance, not a transaction ("Tổng cộng", "Số dư cuối kỳ").
FOOTERS = ("tong", "cong", "total", "so du", "balance", "opening", "closing", "ending")

_PARTS = re.compile(r"[/|\n]")
_UNIT = re.compile(r"(?: (?:vnd|dong|d))+$")


class BadCell(ValueError):
    """A cell that does not hold what its column needs; `what` says what, in Vietnamese,
    without the cell's content."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def heading_forms(cell: object) -> tuple[str, ...]:
    """The folded forms a heading cell is compared by: whole, then each part."""
    if not isinstance(cell, str) or not cell.strip():
        return ()
    forms = [fold(cell), *(fold(part) for part in _PARTS.split(cell))]
    return tuple(dict.fromkeys(_UNIT.sub("", f) for f in forms if f))


def text(value: object) -> str:
    """A cell as text: nothing for an empty one, whole numbers without `.0`."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_CURRENCY = re.compile(r"(?i)vnđ|vnd|đồng|đ|₫")
_SIGNED = re.compile(r"([+-]?)([0-9][0-9.,]*)")
_QUICK = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+")


def amount(value: object) -> int | None:
    """Whole đồng from a cell: "25.000", "25,000", "25000", "25.000,00", "25,000.00",
    "+25.000 VND", "(25.000)" (negative), an Excel number; None for an empty cell or "-".
    A single `.` or `,` followed by three digits groups thousands (the đồng has no
    subunit in use); followed by one or two, it is a decimal mark. A fraction of a đồng,
    or anything else, raises BadCell."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise BadCell("số tiền không đọc được")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != value or not value.is_integer():
            raise BadCell("số tiền có phần lẻ dưới một đồng")
        return int(value)
    if _QUICK.fullmatch(str(value)):  # most cells: "25.000", "25,000", "25000"
        return int(str(value).replace(".", "").replace(",", ""))
    raw = _CURRENCY.sub("", str(value)).replace("\u00a0", "").replace(" ", "").strip()
    if raw in ("", "-"):
        return None
    negative = raw.startswith("(") and raw.endswith(")")  # an accountant's negative
    found = _SIGNED.fullmatch(raw[1:-1] if negative else raw)
    if found is None:
        raise BadCell("số tiền không đọc được")
    whole, fraction = _split(found[2])
    if fraction.strip("0"):
        raise BadCell("số tiền có phần lẻ dưới một đồng")
    negative = negative or found[1] == "-"
    return -int(whole) if negative else int(whole)


def _split(body: str) -> tuple[str, str]:
    """(whole digits, fraction digits) of a number with `.` and `,` as banks use them."""
    marks = set(re.sub(r"[0-9]", "", body))
    if not marks:
        return body, ""
    last = max(body.rfind("."), body.rfind(","))
    head, tail = body[:last], body[last + 1 :]
    if len(marks) == 2:  # "25.000,00", "25,000.00": the last mark is the decimal one
        group = ({".", ","} - {body[last]}).pop()
        if _grouped(head, group) and tail.isdigit():
            return head.replace(group, ""), tail
        raise BadCell("số tiền không đọc được")
    mark = marks.pop()
    if body.count(mark) > 1 or (len(tail) == 3 and 1 <= len(head) <= 3):
        if _grouped(body, mark):  # "1.250.000", "25,000"
            return body.replace(mark, ""), ""
        raise BadCell("số tiền không đọc được")
    if head.isdigit() and tail.isdigit():  # "25000,50", "25000.00", "25000.000"
        return head, tail
    raise BadCell("số tiền không đọc được")


def _grouped(number: str, mark: str) -> bool:
    return re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(mark)}[0-9]{{3}})*", number) is not None


_DATE = re.compile(
    r"\s*(?:([0-9]{1,2})([/.-])([0-9]{1,2})\2([0-9]{4})|([0-9]{4})-([0-9]{1,2})-([0-9]{1,2}))"
    r"(?:[ T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?\s*(?:\n.*)?",
    re.DOTALL,
)


def booked(value: object) -> date | None:
    """The day of a cell: an Excel date, dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd,
    each with a time of day or not (day before month: how Vietnamese banks write it);
    None for an empty cell. Anything else, or a day that does not exist, raises BadCell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        found = _DATE.fullmatch(str(value)) if isinstance(value, str) else None
        if found is None:
            raise BadCell("ngày không đọc được")
        d, m, y = (found[1], found[3], found[4]) if found[1] else (found[7], found[6], found[5])
        try:
            day = date(int(y), int(m), int(d))
        except ValueError:
            raise BadCell("ngày không có thật") from None
    if not 2000 <= day.year <= 2100:
        raise BadCell("ngày không đọc được")
    return day


def side(value: object) -> str | None:
    """ "credit", "debit", or None for an empty mark; an unknown mark raises BadCell."""
    raw = text(value).strip()
    if not raw:
        return None
    if raw in ("+", "-"):
        return "credit" if raw == "+" else "debit"
    folded = fold(raw)
    if folded in CREDIT_MARKS:
        return "credit"
    if folded in DEBIT_MARKS:
        return "debit"
    raise BadCell("không rõ ghi nợ hay ghi có")


def footer(cells: Sequence[object]) -> bool:
    """A row that sums or carries a balance: one of its cells starts with such a word."""
    for cell in cells:
        if isinstance(cell, str) and cell:
            folded = fold(cell)
            if any(folded == word or folded.startswith(word + " ") for word in FOOTERS):
                return True
    return False


def _columns(row: Row) -> dict[str, int]:
    """The columns a row of headings names: each column's first synonym found wins."""
    forms = [heading_forms(cell) for cell in row[:MAX_COLUMNS]]
    found: dict[str, int] = {}
    for column, names in HEADINGS.items():
        for name in names:
            at = next(
                (i for i, f in enumerate(forms) if name in f and i not in found.values()), None
            )
            if at is not None:
                found[column] = at
                break
    if "credit" in found:  # one column of credits: "Số tiền" and a mark are something else
        found.pop("amount", None)
        found.pop("side", None)
    else:
        found.pop("debit", None)
    return found


def _enough(columns: dict[str, int]) -> bool:
    return {"date", "purpose"} <= columns.keys() and bool({"credit", "amount"} & columns.keys())


def _merged(upper: Row, lower: Row) -> list[object]:
    """Two rows of headings as one: the lower row's cell where it has one."""
    width = max(len(upper), len(lower))
    pairs = [
        (upper[i] if i < len(upper) else None, lower[i] if i < len(lower) else None)
        for i in range(width)
    ]
    return [b if text(b).strip() else a for a, b in pairs]


def search(rows: Sequence[Row]) -> tuple[int | None, dict[str, int]]:
    """(index of the first row under the headings, the columns), or (None, the most the
    best row recognised)."""
    best: dict[str, int] = {}
    for r in range(min(HEADER_ROWS, len(rows))):
        chosen, start = _columns(rows[r]), r + 1
        if r + 1 < len(rows):  # headings over two rows: "Số tiền" above "Nợ" and "Có"
            both = _columns(_merged(rows[r], rows[r + 1]))
            if _enough(both) and len(both) > len(chosen) and not _enough(_columns(rows[r + 1])):
                chosen, start = both, r + 2
        if _enough(chosen):
            return start, chosen
        if len(chosen) > len(best):
            best = chosen
    return None, best


def unrecognised(best: dict[str, int]) -> ValidationError:
    has = set(best) | ({"credit"} if "amount" in best else set())
    missing = ", ".join(label for column, label in LABELS.items() if column not in has)
    return ValidationError(
        f"Không nhận ra định dạng sao kê: cần các cột {', '.join(LABELS.values())} "
        f"(dòng tiêu đề trong {HEADER_ROWS} dòng đầu); không thấy cột {missing}.",
        "statement",
    )


def find_header(rows: Sequence[Row]) -> tuple[int, dict[str, int]]:
    start, columns = search(rows)
    if start is None:
        raise unrecognised(columns)
    return start, columns
