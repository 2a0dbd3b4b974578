"""The acting officer of one unit of work: made by a sign-in (officers/session.py) or, on
a database without login, from the desk's settings (services/desk.py)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """The desk, officer and agency of one unit of work."""

    desk_id: uuid.UUID
    officer_id: uuid.UUID
    officer: str
    agency_id: uuid.UUID
    # reception | leader | admin | inspector; None: this database has no login (no
    # administrator yet) and the desk's officer may do everything, as before login existed
    role: str | None = None
