"""Who is signed in at a desk: light enough for the desk's start-up (no database stack)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # uuid loads `platform`: not before the desk's first list
    import uuid


@dataclass(frozen=True)
class SignedIn:
    """Who acts: an officer who proved their password, or (officer_id None) the desk's
    officer by name on a database that has no login yet."""

    officer_id: uuid.UUID | None
    username: str
    full_name: str = ""
    role: str | None = None

    @property
    def printed_name(self) -> str:
        """The name forms carry under the signature: never a login name."""
        return self.full_name if self.full_name and self.full_name != self.username else ""
