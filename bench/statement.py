"""Bank statement benchmark (issue 23 item 4): a statement of `--lines` transactions read
and matched against `--expected` payments the desk waits for, against reading the same file
with the csv module alone (the baseline), interleaved.

    python bench/statement.py [--lines 10000] [--expected 10000] [--n 20] [--no-xlsx]

The statement is made in a temporary folder in a BIDV-like shape: a title block, `;`,
"Ghi nợ" and "Ghi có" columns, amounts "25.000", dates "07/12/2026 08:15:02", UTF-8 with
a BOM. Of its lines, 90 % pay one of the expected payments (each a different one; their
purposes mangled as banks do: a bank's prefix, the code's dots and dashes dropped or
changed, its case changed, the payer's name after it), 5 % are debits and 5 % credits that
name no dossier. Expected payments are dossier codes `000.00.20.H26-YYMMDD-NNNN` over a
year, each with a fee drawn from seven between 10,000 and 200,000 đồng. The XLSX is
written as Excel writes one (strings shared, not inline).

Ours: `fees.statement.read_statement(path)` then `fees.matching.match(lines, expected,
())`, timed together (the work of `statement import` before its database writes).
Baseline: the file opened with its encoding and every row listed by `csv.reader` (no
header search, no parsing, no matching). With XLSX (the default), the same rows as an
.xlsx: ours against openpyxl's read-only rows listed alone. `match` alone on lines read
beforehand is timed in the same rounds for reference. `--n` rounds after one warm round,
order rotated. The CPU time of each call is shown beside its time (other processes on the
machine stretch the time, not the CPU), and said when it is under 80 % of the time.
Verdicts: read + match p95 < 2 s (issue 23: "a statement of 10,000 lines matched in
< 2 s"), for CSV and for XLSX, on the time and on the CPU; refused under 20 rounds.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from _common import (  # noqa: E402
    environment,
    human_bytes,
    interleave,
    scope,
    spread_ms,
    summary_ms,
    table,
    verdict,
    verdict_table,
)

from counter_app.fees.matching import Expected, match  # noqa: E402
from counter_app.fees.statement import read_statement  # noqa: E402

HEADINGS = ["STT", "Ngày giao dịch", "Số tham chiếu", "Ghi nợ", "Ghi có", "Số dư", "Nội dung"]
FEES = (10_000, 20_000, 25_000, 30_000, 50_000, 100_000, 200_000)
NAMES = ("NGUYEN VAN AN", "Trần Thị Bình", "LE VAN CUONG", "Phạm Thu Dung", "VO MINH HAI")


def dossiers(count: int, rng: random.Random) -> list[Expected]:
    start, found = date(2026, 1, 2), []
    for i in range(count):
        day = start + timedelta(days=i // 40)
        code = f"000.00.20.H26-{day:%y%m%d}-{i % 40 + 1:04d}"
        found.append(Expected(code, f"pay-{i}", rng.choice(FEES)))
    return found


def mangled(code: str, rng: random.Random) -> str:
    text = "".join(rng.choice(["", " ", ".", "-"]) if ch in ".-" else ch for ch in code)
    text = rng.choice([str.upper, str.lower, str])(text)
    prefix = rng.choice(["", f"MBVCB.{rng.randrange(10**7)}.", "IBFT ", "CT tu 0912345 "])
    return f"{prefix}{text} {rng.choice(NAMES)} nop le phi"


def statement_rows(lines: int, expected: list[Expected], rng: random.Random) -> list[list]:
    paying = rng.sample(expected, min(len(expected), lines * 9 // 10))
    kinds = ["pay"] * len(paying) + ["debit"] * (lines // 20)
    kinds += ["other"] * (lines - len(kinds))
    rng.shuffle(kinds)
    rows, balance, day = [], 50_000_000, date(2026, 12, 1)
    for number, kind in enumerate(kinds, 1):
        debit = credit = ""
        if kind == "pay":
            item = paying.pop()
            credit, purpose = f"{item.amount:,}".replace(",", "."), mangled(item.code, rng)
        elif kind == "debit":
            debit, purpose = "11.000", "Phi dich vu SMS Banking"
        else:
            credit, purpose = "100.000", f"Chuyen tien {rng.choice(NAMES)} {number}"
        balance += int((credit or "0").replace(".", "")) - int((debit or "0").replace(".", ""))
        at = f"{day + timedelta(days=number // 400):%d/%m/%Y} {number % 24:02d}:15:02"
        reference = f"FT2634{number:08d}"
        rows.append(
            [number, at, reference, debit, credit, f"{balance:,}".replace(",", "."), purpose]
        )
    return rows


def title() -> list[list]:
    return [
        ["NGÂN HÀNG TMCP ĐẦU TƯ VÀ PHÁT TRIỂN VIỆT NAM"],
        ["SAO KÊ TÀI KHOẢN"],
        ["Số tài khoản: 21510001234567"],
        [],
        HEADINGS,
    ]


def write_files(folder: Path, rows: list[list], xlsx: bool) -> tuple[Path, Path | None]:
    path = folder / "statement.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file, delimiter=";").writerows(title() + rows)
    if not xlsx:
        return path, None
    from openpyxl import Workbook

    book = Workbook()  # strings shared, as Excel and the banks' exports write them
    sheet = book.active
    for row in title() + rows:
        sheet.append(row)
    book.save(folder / "statement.xlsx")
    return path, folder / "statement.xlsx"


def cpu_kept(work: Callable[[int], None], kept: list[float]) -> Callable[[int], None]:
    """`work`, noting the CPU seconds of each call (the wall time is timed by interleave)."""

    def timed(i: int) -> None:
        started = time.process_time()
        work(i)
        kept.append(time.process_time() - started)

    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=10_000)
    parser.add_argument("--expected", type=int, default=10_000)
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--xlsx", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    print(environment(), f"load {os.getloadavg()[0]:.2f}")
    rng = random.Random(23)
    expected = dossiers(args.expected, rng)
    rows = statement_rows(args.lines, expected, rng)
    with tempfile.TemporaryDirectory(prefix="bench-statement-") as folder:
        csv_path, xlsx_path = write_files(Path(folder), rows, args.xlsx)
        read = read_statement(csv_path)
        found = match(read.lines, expected, ())
        built = sum(1 for row in rows if "nop le phi" in row[6])
        sizes = f"CSV {human_bytes(csv_path.stat().st_size)}" + (
            f", XLSX {human_bytes(xlsx_path.stat().st_size)}" if xlsx_path else ""
        )
        scope(
            f"{len(rows):,} statement lines ({len(read.lines):,} credits, {read.debits:,} "
            f"debits) against {len(expected):,} expected payments; {sizes}; "
            f"{len(found.matched):,} matched of the {built:,} built to match, "
            f"{len(found.unmatched):,} unmatched"
        )

        def csv_ours(_: int) -> None:
            match(read_statement(csv_path).lines, expected, ())

        def csv_alone(_: int) -> None:
            with csv_path.open(encoding="utf-8-sig", newline="") as file:
                list(csv.reader(file, delimiter=";"))

        works = {"CSV read + match": csv_ours, "csv module alone": csv_alone}
        if xlsx_path is not None:
            from openpyxl import load_workbook

            def xlsx_ours(_: int) -> None:
                match(read_statement(xlsx_path).lines, expected, ())

            def xlsx_alone(_: int) -> None:
                book = load_workbook(xlsx_path, read_only=True, data_only=True)
                list(book.worksheets[0].iter_rows(values_only=True))
                book.close()

            works |= {"XLSX read + match": xlsx_ours, "openpyxl alone": xlsx_alone}

        def match_alone(_: int) -> None:
            match(read.lines, expected, ())

        works["match alone"] = match_alone
        cpu: dict[str, list[float]] = {name: [] for name in works}
        samples = interleave(
            {name: cpu_kept(work, cpu[name]) for name, work in works.items()}, args.n
        )
    rows_out = [
        [name, len(s), *spread_ms(s), summary_ms(cpu[name][-len(s) :])["p50"]]
        for name, s in samples.items()
    ]
    headers = ["side", "n", "p50 ms", "p95 ms", "max ms", "CPU p50 ms"]
    print(table(headers, rows_out, "statement → matched"))
    share = sum(sum(c) for c in cpu.values()) / sum(sum(s) for s in samples.values())
    if share < 0.8:
        print(
            f"CPU {share:.0%} of the time measured: the process waited for a core; load "
            f"average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )
    pairs = [("CSV read + match", "csv module alone"), ("XLSX read + match", "openpyxl alone")]
    for ours, bare in pairs:
        if ours in samples:
            ratio = summary_ms(samples[ours])["p50"] / summary_ms(samples[bare])["p50"]
            print(f"{ours} / {bare}, p50: {ratio:.1f}×")
    verdicts = []
    for name in ("CSV read + match", "XLSX read + match"):
        if name in samples:
            n = len(samples[name])
            for what, seconds in (("p95 ms", samples[name]), ("CPU p95 ms", cpu[name][-n:])):
                figure = f"{name}, {args.lines:,} lines, {what}"
                value = summary_ms(seconds)["p95"]
                verdicts.append(verdict(figure, value, 2000, n=n, scope=len(rows)))
    print(verdict_table(verdicts))


if __name__ == "__main__":
    main()
