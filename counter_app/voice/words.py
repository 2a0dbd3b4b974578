"""Numbers and the hall's call as they are read aloud in Vietnamese. Pure: no I/O.

Integers 0–999,999 follow the rules a Vietnamese reader applies (Sách giáo khoa Toán 3–4 and
the national broadcaster read them so):

* 10–19 are "mười" and the unit: "mười một", "mười bốn", "mười lăm" (5 is "lăm" after
  a tens word);
* 20–99 are the tens digit, "mươi", and the unit, three of which change after "mươi":
  1 → "mốt", 5 → "lăm", 4 → "tư" (AFTER_MUOI); "hai mươi", "hai mươi mốt", "hai mươi tư";
* a hundred's zero tens is "linh": "một trăm linh năm", "một trăm mười";
* after a thousand, the next group is read whole, its zero hundreds included:
  1,005 "một nghìn không trăm linh năm", 2,021 "hai nghìn không trăm hai mươi mốt".

Regional readings differ and are the table entries below, not code: "tư" or "bốn" for 4
after "mươi" (both correct; "tư" chosen, as the North and the broadcaster say, and many in
the South say "bốn"), "linh" or "lẻ" (ZERO_TENS), "nghìn" or "ngàn" (THOUSAND).

Money (a receipt's total in words, `amount_tokens`) goes on to 999,999,999,999 đồng: groups
of three digits named "tỷ", "triệu", "nghìn", largest first; a group of zeros is not read;
every group after the first is read whole: 1,250,000 "một triệu hai trăm năm mươi nghìn",
1,000,005 "một triệu không trăm linh năm", 2,000,000,000 "hai tỷ". Up to 999,999 it reads
exactly as `number_tokens`, whose range and words (the hall's recorded clips) stay as they
were.

The call: "Mời công dân có số A không hai mươi mốt đến quầy số ba" for ticket "A021" at
counter 3. The service's letter is read by its Vietnamese name (LETTER_NAMES), each leading
zero of the number as "không", the rest as a number.
"""

from __future__ import annotations

import re
import unicodedata

from counter_app.errors import ValidationError

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
TEN = "mười"  # 10–19
TENS = "mươi"  # after a tens digit of 2–9
HUNDRED = "trăm"
THOUSAND = "nghìn"  # the South often says "ngàn"
ZERO_TENS = "linh"  # 105 "một trăm linh năm"; the South often says "lẻ"
# A units digit read otherwise after "mươi" (20–99) and after "mười" (10–19).
AFTER_MUOI = {1: "mốt", 4: "tư", 5: "lăm"}
AFTER_MUOI_10 = {5: "lăm"}
MILLION = "triệu"
BILLION = "tỷ"  # also written "tỉ"
LARGEST = 999_999  # the hall's numbers (tickets, counters)
LARGEST_AMOUNT = 999_999_999_999  # money: a receipt's total
_NAMED_GROUPS = (BILLION, MILLION, THOUSAND, "")  # groups of three digits, largest first

# Every word a number can be read with (the recorded clips' file names come from here).
NUMBER_VOCABULARY = frozenset(
    {*DIGITS, TEN, TENS, HUNDRED, THOUSAND, ZERO_TENS, *AFTER_MUOI.values()}
)
AMOUNT_VOCABULARY = NUMBER_VOCABULARY | {MILLION, BILLION}

# The letters of a service's prefix, by their Vietnamese names (Bộ chữ cái tiếng Việt, with
# F J W Z as Vietnamese readers name them).
LETTER_NAMES = {
    "A": "A",
    "Ă": "Á",
    "Â": "Ớ",
    "B": "Bê",
    "C": "Xê",
    "D": "Dê",
    "Đ": "Đê",
    "E": "E",
    "Ê": "Ê",
    "F": "Ép",
    "G": "Giê",
    "H": "Hát",
    "I": "I",
    "J": "Gi",
    "K": "Ca",
    "L": "E lờ",
    "M": "Em mờ",
    "N": "En nờ",
    "O": "O",
    "Ô": "Ô",
    "Ơ": "Ơ",
    "P": "Pê",
    "Q": "Quy",
    "R": "E rờ",
    "S": "Ét xì",
    "T": "Tê",
    "U": "U",
    "Ư": "Ư",
    "V": "Vê",
    "W": "Vê kép",
    "X": "Ích xì",
    "Y": "I dài",
    "Z": "Dét",
}

CALL_OPENING = "Mời công dân có số"
CALL_COUNTER = "đến quầy số"
_TICKET = re.compile(r"([^\W\d_]{1,3})[ .\-]?(\d{1,6})")


def number_words(n: int) -> str:
    """`n` (0–999,999) as it is read aloud: 21 "hai mươi mốt", 105 "một trăm linh năm"."""
    return " ".join(number_tokens(n))


def number_tokens(n: int) -> list[str]:
    """The words of `n`, one by one."""
    return _read(n, LARGEST)


def amount_words(n: int) -> str:
    """`n` đồng (0–999,999,999,999) in words: 1,250,000 "một triệu hai trăm năm mươi
    nghìn", 2,000,000,000 "hai tỷ"."""
    return " ".join(amount_tokens(n))


def amount_tokens(n: int) -> list[str]:
    """The words of an amount of money, one by one (see the module's help)."""
    return _read(n, LARGEST_AMOUNT)


def _read(n: int, largest: int) -> list[str]:
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= largest:
        raise ValueError(f"only integers 0..{largest:,} are read, not {n!r}")
    if n == 0:
        return [DIGITS[0]]
    groups = [(n // 1000**power) % 1000 for power in range(len(_NAMED_GROUPS) - 1, -1, -1)]
    words: list[str] = []
    for value, name in zip(groups, _NAMED_GROUPS, strict=True):
        if value:
            words += _group(value, whole=bool(words))
            words += [name] if name else []
    return words


def _group(n: int, whole: bool) -> list[str]:
    """1–999; `whole`: a group after a named one ("nghìn", "triệu", "tỷ"), whose zero
    hundreds are read ("không trăm")."""
    hundreds, rest = divmod(n, 100)
    if not hundreds and not whole:
        return _below_hundred(rest)
    words = [DIGITS[hundreds], HUNDRED]
    if 0 < rest < 10:
        return [*words, ZERO_TENS, DIGITS[rest]]
    return words + _below_hundred(rest) if rest else words


def _below_hundred(n: int) -> list[str]:
    """1–99."""
    tens, unit = divmod(n, 10)
    if not tens:
        return [DIGITS[unit]]
    words, changed = ([TEN], AFTER_MUOI_10) if tens == 1 else ([DIGITS[tens], TENS], AFTER_MUOI)
    return [*words, changed.get(unit, DIGITS[unit])] if unit else words


def ticket_tokens(ticket: str) -> list[str]:
    """A ticket as it is called: "A021" → A, không, hai, mươi, mốt; "B105" → Bê, một,
    trăm, linh, năm. Each leading zero is "không"; the letters are named (LETTER_NAMES)."""
    text = unicodedata.normalize("NFC", ticket.strip()).upper()
    found = _TICKET.fullmatch(text)
    if not found or any(letter not in LETTER_NAMES for letter in found.group(1)):
        raise ValidationError(
            "Số vé phải gồm chữ cái của quầy dịch vụ và chữ số, ví dụ A021.", "ticket"
        )
    letters, digits = found.groups()
    significant = digits.lstrip("0")
    zeros = [DIGITS[0]] * (len(digits) - len(significant))
    return [
        *(LETTER_NAMES[letter] for letter in letters),
        *zeros,
        *(number_tokens(int(significant)) if significant else []),
    ]


def call_tokens(ticket: str, counter: int) -> list[str]:
    """The call in pieces a recording is made of: the opening, the ticket's words,
    "đến quầy số", the counter's words (see ClipVoice)."""
    if isinstance(counter, bool) or not isinstance(counter, int) or not 1 <= counter <= 999:
        raise ValidationError("Số quầy phải từ 1 đến 999.", "counter")
    return [CALL_OPENING, *ticket_tokens(ticket), CALL_COUNTER, *number_tokens(counter)]


def call_phrase(ticket: str, counter: int) -> str:
    """ "Mời công dân có số A không hai mươi mốt đến quầy số ba" for ("A021", 3)."""
    return " ".join(call_tokens(ticket, counter))
