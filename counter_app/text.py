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
