"""A statement's lines matched to the transfers the desk waits for (issue 23 item 4,
docs/fees.md): purposes as banks mangle them, the code whole, amounts equal, a line imported
before matching nothing new, one line to one payment, and the property that any mangled
line matches its own payment and nothing else."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counter_app.fees.matching import Expected, match, reduced
from counter_app.fees.statement import StatementLine, line_key, read_statement

DATA = Path(__file__).resolve().parents[1] / "data" / "statements"
DAY = date(2026, 12, 7)


def line(number: int, purpose: str, amount: int = 25000) -> StatementLine:
    reference = f"FT{number:06d}"
    return StatementLine(
        number, DAY, amount, purpose, reference, line_key(DAY, amount, purpose, reference)
    )


FEE = Expected("000.00.20.H26-261207-0012", "pay-12", 25000)
SHORT = Expected("H01.22-261207-0012", "pay-h01", 25000)


@pytest.mark.parametrize(
    ("purpose", "expected"),
    [
        ("000.00.20.H26-261207-0012", FEE),
        ("MBVCB.123456.000.00.20.H26-261207-0012.CT tu 0912345678 NGUYEN VAN AN", FEE),
        ("000.00.20.h26-261207-0012 nop le phi", FEE),
        ("0000020H262612070012", FEE),
        ("000002 0H26 261207 0012", FEE),
        ("IBFT 000_00_20_H26/261207/0012 Trần Thị Bình nộp lệ phí", FEE),
        ("REM Tfr Ac: 1903 O@L 000.00.20.H26-261207-0012-3", FEE),  # "-3": written apart
        ("NOP LE PHI HO SO 000.00.20.H26-261207-0012", FEE),
        ("Ｈ０１．２２－２６１２０７－００１２", SHORT),  # full-width, as some phones type
        ("MBVCB.123456.H01.22-261207-0012.CT tu 0123", SHORT),
        ("H0122261207 0012", SHORT),
        ("h01.22.261207.0012 chuyen khoan", SHORT),
        ("Đóng phí hồ sơ H01-22-261207-0012", SHORT),
        # not whole: the code's last run of digits goes on
        ("000.00.20.H26-261207-00123", None),
        ("H0122261207 00123", None),
        ("H01.22-261207-0012345 le phi", None),
        # not whole: digits written right before the code's first digit
        ("1000.00.20.H26-261207-0012", None),
        # another dossier, or part of the code only
        ("000.00.20.H26-261207-0013", None),
        ("000.00.20.H26-261207", None),
        ("H01.22-261207-001", None),
        ("Chuyen tien", None),
    ],
)
def test_mangled_purposes(purpose, expected):
    found = match([line(1, purpose)], [FEE, SHORT], [])
    assert [e for _, e in found.matched] == ([expected] if expected else [])
    assert len(found.unmatched) == (0 if expected else 1)


def test_the_amount_must_be_the_amount_expected():
    found = match([line(1, "000.00.20.H26-261207-0012", 20000)], [FEE], [])
    assert found.matched == [] and [x.line for x in found.unmatched] == [1]


def test_a_second_import_matches_nothing_new():
    lines = [line(1, "000.00.20.H26-261207-0012"), line(2, "Chuyen tien")]
    first = match(lines, [FEE], [])
    assert [(x.line, e) for x, e in first.matched] == [(1, FEE)] and first.already == 0
    again = match(lines, [FEE], {x.key for x in lines})
    assert (again.matched, again.unmatched, again.already) == ([], [], 2)


def test_a_line_given_twice_in_one_call_counts_as_already():
    lines = [line(1, "000.00.20.H26-261207-0012")] * 2
    found = match(lines, [FEE], [])
    assert len(found.matched) == 1 and found.already == 1 and found.unmatched == []


def test_one_line_to_one_payment_and_the_second_transfer_left_to_the_officer():
    lines = [line(7, "H0122261207 0012 lan 2"), line(3, "H01.22-261207-0012")]
    found = match(lines, [SHORT], [])
    assert [(x.line, e) for x, e in found.matched] == [(3, SHORT)]
    assert [x.line for x in found.unmatched] == [7]


def test_two_payments_of_one_dossier_each_take_a_line_in_the_order_given():
    first, second = Expected(FEE.code, "a", 25000), Expected(FEE.code, "b", 25000)
    lines = [line(2, FEE.code), line(5, FEE.code + " lan 2")]
    found = match(lines, [first, second], [])
    assert [(x.line, e.payment_ref) for x, e in found.matched] == [(2, "a"), (5, "b")]


def test_a_purpose_naming_two_dossiers_takes_the_first_it_names_of_that_amount():
    other = Expected("000.00.20.H26-261207-0013", "pay-13", 25000)
    purpose = "000.00.20.H26-261207-0013 va 000.00.20.H26-261207-0012"
    found = match([line(1, purpose)], [FEE, other], [])
    assert [e for _, e in found.matched] == [other]


def test_the_order_is_the_file_s_whatever_order_the_lines_come_in():
    lines = [line(n, FEE.code if n % 2 else f"Chuyen tien {n}") for n in range(1, 30)]
    shuffled = lines[:]
    random.Random(7).shuffle(shuffled)
    assert match(shuffled, [FEE], []) == match(lines, [FEE], [])
    assert [x.line for x, _ in match(shuffled, [FEE], []).matched] == [1]


def test_nothing_expected_leaves_every_line_unmatched():
    assert match([line(1, FEE.code)], [], []).unmatched == [line(1, FEE.code)]
    assert match([line(1, FEE.code)], [Expected("-./", "x", 25000)], []).matched == []


def test_a_statement_read_and_matched():
    lines = read_statement(DATA / "bidv.csv").lines
    expected = [
        Expected("000.00.20.H26-261207-0012", "p12", 25000),
        Expected("000.00.20.H26-261207-0013", "p13", 50000),
        Expected("000.00.20.H26-261207-0014", "p14", 25000),
    ]
    found = match(lines, expected, [])
    assert [(x.line, e.payment_ref) for x, e in found.matched] == [(9, "p12"), (11, "p13")]
    assert [x.line for x in found.unmatched] == [12]


def test_reduced_is_capitals_and_digits():
    assert reduced("Đóng phí h01.22-261207 0012") == "DONGPHIH0122261207" + "0012"


# The property: codes in the two shapes, purposes mangled as banks do.
codes = st.one_of(
    st.builds(
        "000.00.20.H26-26{:02d}{:02d}-{:04d}".format,
        st.integers(1, 12),
        st.integers(1, 28),
        st.integers(1, 9999),
    ),
    st.builds(
        "H01.22-26{:02d}{:02d}-{:04d}".format,
        st.integers(1, 12),
        st.integers(1, 28),
        st.integers(1, 9999),
    ),
)
separators = st.sampled_from(["", " ", ".", "-", "_", "/", "  "])
prefixes = st.sampled_from(
    ["", "MBVCB.{n}.", "IBFT ", "CT tu {n} ", "TKThe :{n}, ND: ", "REM Tfr Ac: {n} O@L ", "FT{n}-"]
)
suffixes = st.sampled_from(
    ["", ".CT tu {n} NGUYEN VAN AN", " nộp lệ phí hồ sơ", " Trần Thị Bình", "-{n}", " {n}"]
)


@st.composite
def mangled(draw: st.DrawFn, code: str) -> str:
    text = "".join(draw(separators) if ch in ".-" else ch for ch in code)
    text = draw(st.sampled_from([str.upper, str.lower, str.swapcase, str]))(text)
    n = draw(st.integers(0, 10**10))
    return draw(prefixes).format(n=n) + text + draw(suffixes).format(n=n)


@given(st.data())
def test_any_mangled_line_matches_its_own_payment_and_nothing_else(data):
    chosen = data.draw(st.lists(codes, min_size=1, max_size=12, unique_by=reduced))
    amounts = data.draw(st.lists(st.integers(1000, 5_000_000), min_size=12, max_size=12))
    expected = [Expected(c, f"p{i}", amounts[i]) for i, c in enumerate(chosen)]
    paid = data.draw(st.lists(st.sampled_from(expected), unique=True))
    lines, owner = [], {}
    for item in paid:
        lines.append(line(len(lines) + 1, data.draw(mangled(item.code)), item.amount))
        owner[len(lines)] = item
    for item in data.draw(st.lists(st.sampled_from(expected), max_size=4)):
        wrong = data.draw(st.sampled_from(["amount", "digit"]))
        purpose = data.draw(mangled(item.code))
        if wrong == "digit":  # the code with one more digit written against it
            purpose = item.code + str(data.draw(st.integers(0, 9)))
        lines.append(line(len(lines) + 1, purpose, item.amount + (wrong == "amount")))
    found = match(data.draw(st.permutations(lines)), expected, [])
    assert {x.line: e for x, e in found.matched} == owner
    assert sorted(x.line for x in found.unmatched) == list(range(len(paid) + 1, len(lines) + 1))
