"""A bank statement export read (issue 23 item 4, docs/fees.md): its credit lines as
`StatementLine`s, for `statement import` to match against the transfers the desk waits for
(`fees.matching`). Pure: no database.

The header row is looked for within the first HEADER_ROWS rows (banks put a title block
above it) by its headings, Vietnamese or English (`statement_layout.HEADINGS`); a heading
split over two rows ("Số tiền" above "Nợ" and "Có") is read as one. The columns needed:
a date, a credit amount ("Ghi có"; or one "Số tiền" column, signed or beside a "Nợ/Có"
mark), a description; a debit amount and a reference are read when there.

CSV: UTF-8 with or without its BOM, else Windows-1258 (Vietnamese Windows, whose tone marks
combine: the text is made NFC), or UTF-16 with its BOM; fields separated by `,`, `;` or a
tab: the one under which the header row is found. XLSX: the first sheet, as Excel last
computed it. An Excel 97-2003 `.xls` is refused (save it as .xlsx or CSV).

A debit line is no payment to the agency: skipped and counted, as are balance and total
rows. Refused with a ValidationError, nothing returned, its message naming the problem and
the line, never the line's content (it names people): columns not recognised, a bad amount
(a fraction of a đồng included) or date, the same line twice, no transaction at all, a
file over MAX_BYTES or MAX_ROWS rows."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path

from counter_app.errors import ValidationError
from counter_app.fees.statement_layout import (
    HEADER_ROWS,
    MAX_COLUMNS,
    BadCell,
    Row,
    amount,
    booked,
    find_header,
    footer,
    search,
    side,
    text,
    unrecognised,
)
from counter_app.text import clean

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
MAX_UNZIPPED = 200 * 1024 * 1024  # an XLSX is a zip: what it would grow to, read
MAX_AMOUNT = 10**13


@dataclass(frozen=True)
class StatementLine:
    line: int  # the row in the file, 1-based as a spreadsheet shows it
    booked_on: date
    amount: int  # đồng credited
    purpose: str  # the transfer's description as the bank gives it
    reference: str  # the bank's transaction reference; "" if none
    key: str  # the same across imports: sha256 of (booked_on, amount, purpose, reference)


@dataclass(frozen=True)
class Statement:
    lines: tuple[StatementLine, ...]
    debits: int  # debit lines skipped
    skipped: int  # rows of no amount, balances, totals


def _refuse(message: str) -> ValidationError:
    return ValidationError(message, "statement")


def line_key(booked_on: date, amount: int, purpose: str, reference: str) -> str:
    """What identifies a line across imports, normalised (NFC, spaces, case)."""
    parts = (booked_on.isoformat(), str(amount), clean(purpose).casefold())
    joined = "\x1f".join((*parts, clean(reference).upper()))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def read_statement(path: Path) -> Statement:
    """The statement in the file at `path` (CSV or XLSX, told apart by their content)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _refuse(f"Tệp sao kê quá lớn (quá {MAX_BYTES // 2**20} MB).")
        data = path.read_bytes()
    except OSError:
        raise _refuse("Không mở được tệp sao kê.") from None
    return read_bytes(data)


def read_bytes(data: bytes) -> Statement:
    if len(data) > MAX_BYTES:
        raise _refuse(f"Tệp sao kê quá lớn (quá {MAX_BYTES // 2**20} MB).")
    if not data.strip():
        raise _refuse("Tệp sao kê trống.")
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: Excel 97-2003, or a password
        raise _refuse(
            "Tệp Excel cũ (.xls) hoặc có mật khẩu chưa đọc được: hãy mở bằng Excel, lưu "
            "thành .xlsx (không mật khẩu) hoặc CSV rồi nhập lại."
        )
    if data.startswith(b"PK\x03\x04"):
        rows = _xlsx_rows(data)
        start, columns = find_header(rows)
    else:
        rows, start, columns = _csv_rows(data)
    return read_rows(rows, start, columns)


def read_rows(rows: Sequence[Row], start: int, columns: dict[str, int]) -> Statement:
    """The lines of the rows under the headings (`rows[start:]`)."""
    lines: list[StatementLine] = []
    seen: dict[str, int] = {}
    debits = skipped = 0
    for index in range(start, len(rows)):
        number = index + 1
        try:
            kind, line = _line(rows[index], columns, number)
        except BadCell as bad:
            raise _refuse(f"Sao kê, dòng {number}: {bad.what}.") from None
        if kind == "debit":
            debits += 1
        elif kind == "skip":
            skipped += 1
        elif line is not None:
            if line.key in seen:
                raise _refuse(
                    f"Sao kê, dòng {number} trùng với dòng {seen[line.key]} (cùng ngày, số "
                    "tiền, nội dung và số tham chiếu): một giao dịch không thể có hai lần "
                    "trong một sao kê."
                )
            seen[line.key] = number
            lines.append(line)
    if not lines and not debits:
        raise _refuse("Sao kê không có giao dịch nào dưới dòng tiêu đề.")
    return Statement(tuple(lines), debits, skipped)


def _cell(row: Row, columns: dict[str, int], column: str) -> object:
    at = columns.get(column)
    return row[at] if at is not None and at < len(row) else None


def _not_a_transaction(row: Row, columns: dict[str, int]) -> bool:
    """A row with no date that sums, carries a balance, or has no amount: not a line."""
    money = (_cell(row, columns, c) for c in ("credit", "debit", "amount"))
    return footer(row) or not any(text(m).strip() for m in money)


def _line(row: Row, columns: dict[str, int], number: int) -> tuple[str, StatementLine | None]:
    """("credit", the line), or ("debit" | "skip" | "blank", None)."""
    if not any(text(cell).strip() for cell in row):
        return "blank", None
    try:
        day = booked(_cell(row, columns, "date"))
    except BadCell:
        if _not_a_transaction(row, columns):
            return "skip", None
        raise
    if day is None:
        if _not_a_transaction(row, columns):
            return "skip", None
        raise BadCell("thiếu ngày giao dịch")
    if "credit" in columns:
        credit = amount(_cell(row, columns, "credit")) or 0
        debit = abs(amount(_cell(row, columns, "debit")) or 0)
        if credit < 0:
            raise BadCell("số tiền ghi có âm")
    else:
        value = amount(_cell(row, columns, "amount")) or 0
        mark = side(_cell(row, columns, "side")) if "side" in columns else None
        if mark is None and "side" in columns and value:
            raise BadCell("không rõ ghi nợ hay ghi có")
        if mark is None:  # one signed column: a debit is negative
            mark = "debit" if value < 0 else "credit"
        credit, debit = (abs(value), 0) if mark == "credit" else (0, abs(value))
    if credit and debit:
        raise BadCell("có cả số tiền ghi nợ và ghi có")
    if debit or not credit:
        return ("debit" if debit else "skip"), None
    if credit >= MAX_AMOUNT:
        raise BadCell("số tiền quá lớn")
    purpose = clean(text(_cell(row, columns, "purpose")))
    reference = clean(text(_cell(row, columns, "reference")))
    key = line_key(day, credit, purpose, reference)
    return "credit", StatementLine(number, day, credit, purpose, reference, key)


def _limited(rows: Iterable[Row]) -> list[Row]:
    kept: list[Row] = []
    for row in rows:
        kept.append(row)
        if len(kept) > MAX_ROWS:
            limit = f"{MAX_ROWS:,}".replace(",", ".")
            raise _refuse(f"Sao kê quá dài (quá {limit} dòng): hãy xuất từng tháng.")
    return kept


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        found = data.decode("utf-16")
    else:
        try:
            found = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                found = data.decode("cp1258")
            except UnicodeDecodeError:
                raise _refuse(
                    "Tệp CSV có bảng mã không đọc được: cần UTF-8 hoặc Windows-1258."
                ) from None
    return unicodedata.normalize("NFC", found)


def _csv_rows(data: bytes) -> tuple[list[Row], int, dict[str, int]]:
    try:
        content = _decode(data)
    except UnicodeDecodeError:  # UTF-16 with a BOM, broken further on
        raise _refuse("Tệp CSV có bảng mã không đọc được: cần UTF-8 hoặc Windows-1258.") from None
    if not content.strip():
        raise _refuse("Tệp sao kê trống.")
    best: dict[str, int] = {}
    for delimiter in (",", ";", "\t"):
        reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
        try:
            start, columns = search(list(islice(reader, HEADER_ROWS + 1)))
            if start is None:
                best = columns if len(columns) > len(best) else best
                continue
            reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
            return _limited(reader), start, columns
        except csv.Error:
            raise _refuse(f"Tệp CSV không đọc được (dòng {reader.line_num}).") from None
    raise unrecognised(best)


def _xlsx_rows(data: bytes) -> list[Row]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unzipped = sum(item.file_size for item in archive.infolist())
    except zipfile.BadZipFile:
        raise _refuse("Tệp XLSX hỏng hoặc không đọc được.") from None
    if unzipped > MAX_UNZIPPED:
        raise _refuse(f"Tệp XLSX quá lớn khi giải nén (quá {MAX_UNZIPPED // 2**20} MB).")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a file from outside: whatever openpyxl meets in it, it is damaged
        raise _refuse("Tệp XLSX hỏng hoặc không đọc được.") from None
    try:
        sheet = book.worksheets[0]
        sheet.reset_dimensions()  # some banks' files state a wrong used range
        return _limited(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
    except ValidationError:
        raise
    except Exception:
        raise _refuse("Tệp XLSX hỏng hoặc không đọc được.") from None
    finally:
        book.close()
