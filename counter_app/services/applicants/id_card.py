"""The QR code on a Vietnamese chip ID card (căn cước), read at the reception desk.

It holds, separated by '|': the 12-digit number, the old 9-digit number (may be empty),
the full name, the date of birth (ddmmyyyy), the sex, the permanent address and the date
of issue. Only what the intake needs is kept; nothing of it is ever logged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from counter_app.text import clean

_NUMBER = re.compile(r"\d{12}")


@dataclass(frozen=True)
class IdCard:
    id_number: str
    name: str
    address: str


def citizen_number(text: str) -> str | None:
    """The 12-digit number of a scanned chip ID card's QR code, or a scanned bare number."""
    card = read_id_card(text)
    if card is not None:
        return card.id_number
    bare = clean(text)
    return bare if _NUMBER.fullmatch(bare) else None


def read_id_card(text: str) -> IdCard | None:
    """The card's data, or None when the text is not a chip ID card's QR code."""
    parts = [clean(part) for part in text.split("|")]
    if len(parts) < 6 or not _NUMBER.fullmatch(parts[0]) or not parts[2]:
        return None
    return IdCard(id_number=parts[0], name=parts[2], address=parts[5])
