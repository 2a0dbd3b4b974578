"""Finding dossiers by code, accent-free name, ID number or phone; newest first.

Names are searched through the SQLite FTS5 index of the folded name (word prefixes, all
words must match), walked from the newest row so a common family name stays fast.
Other databases fall back to a LIKE on the folded key (a trigram index goes there).
"""

from __future__ import annotations

import re
import uuid
from contextlib import suppress

from sqlalchemy import or_, select, text
from sqlalchemy.orm import Session

from counter_app.errors import ValidationError
from counter_app.models import Dossier
from counter_app.services.applicant import phone_key
from counter_app.services.lifecycle import normalise_code
from counter_app.services.views import DossierView, dossiers_by_ids
from counter_app.text import fold

DEFAULT_LIMIT = 50
_CODE_CHARS = re.compile(r"[0-9A-Z.\-]+")
_SEPARATORS = re.compile(r"[\s.\-()]")
_IDENTITY = re.compile(r"\+?[0-9A-Z]{6,20}")  # an ID or passport number, or a phone


def find(session: Session, query: str, limit: int = DEFAULT_LIMIT) -> list[DossierView]:
    return dossiers_by_ids(session, find_ids(session, query, limit))


def find_ids(session: Session, query: str, limit: int = DEFAULT_LIMIT) -> list[uuid.UUID]:
    query = query.strip()
    if not query:
        return []
    code = normalise_code(query)
    if "-" in code and _CODE_CHARS.fullmatch(code):
        return _by_code(session, code, limit)
    compact = _SEPARATORS.sub("", query).upper()
    if _IDENTITY.fullmatch(compact) and any(ch.isdigit() for ch in compact):
        return _by_identity(session, compact, limit)
    return _by_name(session, fold(query), limit)


def _newest(session: Session, condition, limit: int) -> list[uuid.UUID]:  # type: ignore[no-untyped-def]
    statement = select(Dossier.id).where(condition).order_by(Dossier.received_at.desc())
    return list(session.scalars(statement.limit(limit)))


def _by_code(session: Session, code: str, limit: int) -> list[uuid.UUID]:
    """The exact code (a scan), else codes starting with what was typed."""
    exact = _newest(session, Dossier.code == code, limit)
    if exact:
        return exact
    return _newest(session, (Dossier.code >= code) & (Dossier.code < code + "\uffff"), limit)


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
        return _newest(session, Dossier.name_key.like(f"%{key}%"), limit)
    match = " AND ".join(f'"{word}"*' for word in words)
    rows = session.execute(
        text(
            "SELECT d.id FROM dossier_fts JOIN dossiers d ON d.rowid = dossier_fts.rowid "
            "WHERE dossier_fts MATCH :match ORDER BY dossier_fts.rowid DESC LIMIT :limit"
        ),
        {"match": match, "limit": limit},
    )
    return [uuid.UUID(hex=value) if isinstance(value, str) else value for (value,) in rows]


def rebuild_index(session: Session) -> None:
    """Rebuild the name index from the dossiers (needed after a VACUUM renumbers rows)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("INSERT INTO dossier_fts(dossier_fts) VALUES ('rebuild')"))
