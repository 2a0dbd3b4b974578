"""Text normalisation: NFC on the way in, and accent-free search keys."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def clean(value: str) -> str:
    """NFC, without control or invisible format characters (NUL, zero-width space…),
    trimmed, inner runs of white space collapsed to one space."""
    visible = "".join(ch if ch.isspace() or unicodedata.category(ch) not in ("Cc", "Cf")
                      else "" for ch in nfc(value))  # fmt: skip
    return _SPACES.sub(" ", visible).strip()


def fold(value: str) -> str:
    """Search key: lower case, no diacritics, `đ` → `d`, words separated by one space."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "d"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", bare.lower()).strip()


_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}  # ` ´ ̉ ~ .


def collation_key(value: str) -> tuple[list[int], list[int]]:
    """Vietnamese alphabetical order: a ă â b c d đ e ê …, then tones (none, `, ´, ̉, ~, .)."""
    primary, tones = [], []
    for ch in nfc(value).lower():
        parts = unicodedata.normalize("NFD", ch)
        tone = next((_TONES[m] for m in parts[1:] if m in _TONES), 0)
        letter = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES))
        if ch.isspace():
            primary.append(-1)  # "An Bình" before "Anh"
        elif letter in _ALPHABET:
            primary.append(_ALPHABET.index(letter))
        else:
            primary.append(100 + ord(letter))
        tones.append(tone)
    return primary, tones
