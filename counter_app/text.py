"""Text normalisation: clean on the way in, safe on the way out, accent-free search keys."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
# Letters and symbols that draw nothing: a name made of them looks blank on every screen.
_BLANK_LOOKING = frozenset("\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0")
_MARKS = ("Mn", "Mc", "Me")
_SURROGATE = re.compile("[\ud800-\udfff]")


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def _invisible(ch: str) -> bool:
    """Controls, format characters (zero-width, direction overrides), lone surrogates, and
    letters that draw nothing."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs") or ch in _BLANK_LOOKING


# Printable ASCII, and the Latin letters of Latin-1, Latin Extended-A/B and Vietnamese
# (with × and ÷): no control, format, mark or blank-looking character, no space but ' '.
_PLAIN = re.compile("[\x20-\x7e\u00c0-\u024f\u1ea0-\u1ef9]*")


def clean(value: str) -> str:
    """One line of text as typed into a field: NFC; without control, invisible or format
    characters (NUL, ESC, zero-width space, direction overrides…) nor accents left with no
    letter to sit on; trimmed, inner runs of white space collapsed to one space."""
    text = nfc(value)
    if _PLAIN.fullmatch(text):  # nothing to drop (what a desk types): one regex, not a loop
        return _SPACES.sub(" ", text).strip()
    kept: list[str] = []
    for ch in text:
        if ch.isspace():
            kept.append(" ")
        elif _invisible(ch):
            continue
        elif unicodedata.category(ch) in _MARKS and (not kept or kept[-1] == " "):
            continue  # an accent with no letter under it
        else:
            kept.append(ch)
    return _SPACES.sub(" ", "".join(kept)).strip()


def normalise_code(code: str) -> str:
    """A dossier code as typed or scanned: cleaned, compatibility forms made plain (NFKC:
    full-width digits become ASCII), capital letters (codes are printed in capitals;
    scanners may send lower case)."""
    return unicodedata.normalize("NFKC", clean(code)).upper()


def clean_lines(value: str) -> str:
    """Text that may run over several lines (notes, reasons, lists of documents): each line
    cleaned as `clean` does, line breaks of every kind made `\\n`, blank lines at either
    end dropped and runs of blank lines made one."""
    lines: list[str] = []
    for line in value.splitlines():
        line = clean(line)
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def ascii_digits(value: str) -> str:
    """NFKC: full-width and other compatibility forms (`０２６`, `𝟎𝟐𝟔`) become the ASCII
    characters they stand for; digits of other scripts stay as they are (and are refused
    by whoever wants ASCII digits)."""
    return unicodedata.normalize("NFKC", value)


def has_surrogate(value: str) -> bool:
    """A lone UTF-16 surrogate: text that cannot be stored nor printed."""
    return _SURROGATE.search(value) is not None


def terminal_safe(text: str) -> str:
    """Text for a terminal: line breaks kept; every other control or format character shown
    as its escape (`\\x1b`, `\\u202e`), so stored text can never move the cursor, set the
    window title or clear the screen."""
    return "".join(ch if ch == "\n" or not _escaped(ch) else _escape(ch) for ch in text)


def _escaped(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs")


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


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
