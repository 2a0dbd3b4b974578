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


def _collation_tables() -> tuple[dict[int, str], dict[int, str]]:
    """Every Vietnamese letter, with each tone, to (its rank in the alphabet, its tone)."""
    primary: dict[int, str] = {ord(" "): "\x01"}  # "An Bình" before "Anh"
    tones: dict[int, str] = {}
    for rank, letter in enumerate(_ALPHABET):
        for mark, tone in (("", 0), *_TONES.items()):
            ch = unicodedata.normalize("NFC", unicodedata.normalize("NFD", letter) + mark)
            if len(ch) == 1:
                primary[ord(ch)] = chr(0x100 + rank)
                tones[ord(ch)] = chr(0x30 + tone)
    return primary, tones


_PRIMARY, _TONE = _collation_tables()


def collation_key(value: str) -> tuple[str, str]:
    """Vietnamese alphabetical order: a ă â b c d đ e ê …, then tones (none, `, ´, ̉, ~, .)."""
    lower = nfc(value).lower()
    return lower.translate(_PRIMARY), lower.translate(_TONE)
