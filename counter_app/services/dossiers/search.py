"""Finding dossiers by code, accent-free name, ID number or phone; newest first.

Names are searched through the SQLite FTS5 index of the folded name (word prefixes, all
words must match), walked from the newest row so a common family name stays fast.
PostgreSQL matches the same word prefixes with LIKE, served by a trigram index.
"""

from __future__ import annotations

import re
import uuid
from contextlib import suppress

from sqlalchemy import and_, literal, or_, select, text
from sqlalchemy.orm import Session

from counter_app.errors import ValidationError
from counter_app.models import Dossier
from counter_app.services.applicants.applicant import phone_key
from counter_app.services.codes.codes import normalise_code
from counter_app.services.dossiers.order import NEWEST
from counter_app.services.dossiers.views import DossierView, dossiers_by_ids
from counter_app.text import ascii_digits, clean, fold

DEFAULT_LIMIT = 50
_CODE_CHARS = re.compile(r"[0-9A-Z.\-/_]+")
_SEPARATORS = re.compile(r"[\s.\-()]")
_IDENTITY = re.compile(r"\+?[0-9A-Z]{6,20}")  # an ID or passport number, or a phone


def find(session: Session, query: str, limit: int = DEFAULT_LIMIT) -> list[DossierView]:
    return dossiers_by_ids(session, find_ids(session, query, limit))


def find_ids(
    session: Session, query: str, limit: int = DEFAULT_LIMIT, personal: bool = True
) -> list[uuid.UUID]:
    """`personal` False (a role that may not see ID numbers and phones): nor may it find
    dossiers by them."""
    query = ascii_digits(clean(query))  # '０９１２…' finds what was stored as '0912…'
    if not query:
        return []
    code = normalise_code(query)
    exact = _newest(session, Dossier.code == code, limit)  # a scan, whatever the pattern
    if exact:
        return exact
    compact = _SEPARATORS.sub("", query).upper()
    if personal and _IDENTITY.fullmatch(compact) and any(ch.isdigit() for ch in compact):
        found = _by_identity(session, compact, limit)
        if found:
            return found
    if _CODE_CHARS.fullmatch(code) and any(ch.isdigit() for ch in code):
        return _newest(session, (Dossier.code >= code) & (Dossier.code < code + "\uffff"), limit)
    return _by_name(session, fold(query), limit)


def _newest(session: Session, condition, limit: int) -> list[uuid.UUID]:  # type: ignore[no-untyped-def]
    statement = select(Dossier.id).where(condition).order_by(*NEWEST)
    return list(session.scalars(statement.limit(limit)))


def _by_identity(session: Session, value: str, limit: int) -> list[uuid.UUID]:
    """ID or passport number, or phone in any of its written forms."""
    condition = Dossier.id_number == value
    with suppress(ValidationError):  # not a phone number: ID only
        condition = or_(condition, Dossier.phone_key == phone_key(value))
    return _newest(session, condition, limit)


def _by_name(session: Session, key: str, limit: int) -> list[uuid.UUID]:
    words = key.split()
    if not words:
        return []
    if session.get_bind().dialect.name != "sqlite":
        # As FTS5 matches: every word the start of a word of the name (a trigram index
        # serves it on PostgreSQL, migration 0006). Folded words are [0-9a-z]+: no % or _.
        words_of_name = literal(" ") + Dossier.name_key
        return _newest(session, and_(*(words_of_name.like(f"% {w}%") for w in words)), limit)
    # The index is walked from the most recently recorded row (fast even for "nguyen");
    # the page found is then shown newest received first.
    match = " AND ".join(f'"{word}"*' for word in words)
    found = (
        session.execute(
            text(
                "SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH :match "
                "ORDER BY rowid DESC LIMIT :limit"
            ),
            {"match": match, "limit": limit},
        )
        .scalars()
        .all()
    )
    return _newest(session, Dossier.search_no.in_(found), limit) if found else []
