"""Numbers and the call read by Vietnamese rules (issue 22): a table of cases, and
properties over every number 0–999,999 that hypothesis draws; amounts of money up to
999,999,999,999 đồng (issue 23's receipts in words), read as the hall reads below a
million."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.errors import ValidationError
from counter_app.voice.words import (
    AMOUNT_VOCABULARY,
    LETTER_NAMES,
    NUMBER_VOCABULARY,
    amount_tokens,
    amount_words,
    call_phrase,
    call_tokens,
    number_tokens,
    number_words,
    ticket_tokens,
)

READ = [
    # the five
    (21, "hai mươi mốt"),
    (105, "một trăm linh năm"),
    (1_000, "một nghìn"),
    (15, "mười lăm"),
    (25, "hai mươi lăm"),
    # the rules around them
    (0, "không"),
    (1, "một"),
    (4, "bốn"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (20, "hai mươi"),
    (24, "hai mươi tư"),
    (31, "ba mươi mốt"),
    (44, "bốn mươi tư"),
    (55, "năm mươi lăm"),
    (99, "chín mươi chín"),
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (110, "một trăm mười"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    (1_005, "một nghìn không trăm linh năm"),
    (1_010, "một nghìn không trăm mười"),
    (2_021, "hai nghìn không trăm hai mươi mốt"),
    (10_000, "mười nghìn"),
    (15_000, "mười lăm nghìn"),
    (21_500, "hai mươi mốt nghìn năm trăm"),
    (100_000, "một trăm nghìn"),
    (105_001, "một trăm linh năm nghìn không trăm linh một"),
    (999_999, "chín trăm chín mươi chín nghìn chín trăm chín mươi chín"),
]


@pytest.mark.parametrize(("n", "words"), READ, ids=[str(n) for n, _ in READ])
def test_numbers_are_read_by_vietnamese_rules(n, words):
    assert number_words(n) == words


@pytest.mark.parametrize("bad", [-1, 1_000_000, 2.5, True, "21"])
def test_only_integers_of_the_range_are_read(bad):
    with pytest.raises(ValueError):
        number_words(bad)


AMOUNTS = [
    (0, "không"),
    (5, "năm"),
    (15, "mười lăm"),
    (21, "hai mươi mốt"),
    (105, "một trăm linh năm"),
    (1_000, "một nghìn"),
    (1_005, "một nghìn không trăm linh năm"),
    (25_000, "hai mươi lăm nghìn"),
    (1_250_000, "một triệu hai trăm năm mươi nghìn"),
    (10_000_000, "mười triệu"),
    (2_000_000_000, "hai tỷ"),
    # a group of zeros is not read; the group after it is read whole
    (1_000_005, "một triệu không trăm linh năm"),
    (1_005_000, "một triệu không trăm linh năm nghìn"),
    (3_000_021_000, "ba tỷ không trăm hai mươi mốt nghìn"),
    (21_500_000, "hai mươi mốt triệu năm trăm nghìn"),
    (
        999_999_999_999,
        "chín trăm chín mươi chín tỷ chín trăm chín mươi chín triệu "
        "chín trăm chín mươi chín nghìn chín trăm chín mươi chín",
    ),
]


@pytest.mark.parametrize(("n", "words"), AMOUNTS, ids=[str(n) for n, _ in AMOUNTS])
def test_amounts_of_money_are_read_by_vietnamese_rules(n, words):
    assert amount_words(n) == words


@pytest.mark.parametrize("bad", [-1, 1_000_000_000_000, 2.5, True, "21"])
def test_only_amounts_of_the_range_are_read(bad):
    with pytest.raises(ValueError):
        amount_words(bad)


def test_the_call_of_the_spec():
    assert call_phrase("A021", 3) == "Mời công dân có số A không hai mươi mốt đến quầy số ba"


@pytest.mark.parametrize(
    ("ticket", "counter", "phrase"),
    [
        ("B105", 12, "Mời công dân có số Bê một trăm linh năm đến quầy số mười hai"),
        ("C005", 1, "Mời công dân có số Xê không không năm đến quầy số một"),
        ("d-100", 21, "Mời công dân có số Dê một trăm đến quầy số hai mươi mốt"),
        ("Đ000", 4, "Mời công dân có số Đê không không không đến quầy số bốn"),
        ("A1021", 3, "Mời công dân có số A một nghìn không trăm hai mươi mốt đến quầy số ba"),
    ],
)
def test_calls(ticket, counter, phrase):
    assert call_phrase(ticket, counter) == phrase


def test_the_call_in_pieces_for_recordings():
    assert call_tokens("A021", 3) == [
        "Mời công dân có số",
        *["A", "không", "hai", "mươi", "mốt"],
        "đến quầy số",
        "ba",
    ]


@pytest.mark.parametrize("ticket", ["", "021", "A", "A0211234", "A 0 2", "1A2", "AB#1", "ÆØ1"])
def test_a_ticket_that_cannot_be_read_is_refused(ticket):
    with pytest.raises(ValidationError, match="Số vé"):
        ticket_tokens(ticket)


@pytest.mark.parametrize("counter", [0, 1000, -3, True])
def test_a_counter_out_of_range_is_refused(counter):
    with pytest.raises(ValidationError, match="Số quầy"):
        call_phrase("A021", counter)


def test_every_letter_has_a_name_and_a_ticket_with_it_is_called():
    assert set("ABCDEFGHIJKLMNOPQRSTUVWXYZĂÂĐÊÔƠƯ") == set(LETTER_NAMES)
    for letter, name in LETTER_NAMES.items():
        assert ticket_tokens(f"{letter}7") == [name, "bảy"]


# --- properties --------------------------------------------------------------------------

UNITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5}
UNITS |= {"lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}


SCALE_WORDS = {"tỷ": 10**9, "triệu": 10**6, "nghìn": 1000}


def read_back(words: list[str]) -> int:
    """A reader of the spoken form written apart from the code under test: a group of
    hundreds, tens and units, a scale word (nghìn, triệu, tỷ) multiplying the group before
    it."""
    total, group, i = 0, 0, 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        if word in SCALE_WORDS:
            total, group = total + group * SCALE_WORDS[word], 0
        elif word == "mười":
            group += 10
        elif word == "linh":
            pass
        elif nxt == "trăm":
            group, i = group + 100 * UNITS[word], i + 1
        elif nxt == "mươi":
            group, i = group + 10 * UNITS[word], i + 1
        else:
            group += UNITS[word]
        i += 1
    return total + group


numbers = st.integers(min_value=0, max_value=999_999)


@settings(max_examples=1500, deadline=None, database=None)
@given(numbers)
def test_reading_back_gives_the_number(n):
    assert read_back(number_tokens(n)) == n


@settings(max_examples=1500, deadline=None, database=None)
@given(numbers)
def test_the_words_keep_the_rules(n):
    words = number_tokens(n)
    assert set(words) <= NUMBER_VOCABULARY
    pairs = list(zip(words, words[1:], strict=False))
    assert ("một", "mươi") not in pairs  # 10–19 are "mười …"
    for before, word in zip([None, *words], words, strict=False):
        if word == "mốt":  # only after a tens word of 20 or more
            assert before == "mươi"
        if word == "lăm":  # 5 after a tens word only
            assert before in ("mươi", "mười")
        if word == "tư":
            assert before == "mươi"
        if word == "linh":
            assert before == "trăm"
        if before == "mươi":
            assert word not in ("một", "năm", "bốn")
        if before == "mười":
            assert word not in ("mốt", "tư", "năm")
    assert words.count("nghìn") <= 1
    if n >= 1000 and n % 1000:  # the group after a thousand is read whole
        assert words[words.index("nghìn") + 2] == "trăm"


@settings(max_examples=300, deadline=None, database=None)
@given(st.sampled_from(sorted(LETTER_NAMES)), st.integers(0, 999), st.integers(1, 999))
def test_every_ticket_is_called_with_its_number(letter, number, counter):
    ticket = f"{letter}{number:03d}"
    words = ticket_tokens(ticket)
    assert words[0] == LETTER_NAMES[letter]
    zeros = 3 - len(str(number)) if number else 3
    assert words[1 : 1 + zeros] == ["không"] * zeros
    if number:
        assert read_back(words[1 + zeros :]) == number
    assert call_phrase(ticket, counter).endswith("đến quầy số " + number_words(counter))


amounts = st.integers(min_value=0, max_value=999_999_999_999)


@settings(max_examples=1500, deadline=None, database=None)
@given(amounts)
def test_reading_an_amount_back_gives_it(n):
    words = amount_tokens(n)
    assert read_back(words) == n
    assert set(words) <= AMOUNT_VOCABULARY
    for scale in SCALE_WORDS:
        assert words.count(scale) <= 1
    for before, word in zip(words, words[1:], strict=False):
        assert not (before in SCALE_WORDS and word in SCALE_WORDS)  # no "triệu nghìn"


@settings(max_examples=500, deadline=None, database=None)
@given(numbers)
def test_below_a_million_money_is_read_as_the_hall_reads(n):
    assert amount_tokens(n) == number_tokens(n)
