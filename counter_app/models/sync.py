"""What a desk keeps of its office server: where it is (in a file beside the database,
readable by the desk's OS user only), how far it has pushed and pulled, and the dossier
numbers leased to it."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, Session, mapped_column

from counter_app.models.base import Base


class SyncState(Base):
    """Cursors and facts of the sync, one value per key (JSON text)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(2000))

    @staticmethod
    def read(session: Session, key: str, default: Any = None) -> Any:
        """The value kept under `key`, or `default` when there is none."""
        row = session.get(SyncState, key)
        return default if row is None else json.loads(row.value)

    @staticmethod
    def write(session: Session, key: str, value: Any) -> None:
        """Keep `value` under `key`, in the session's transaction (what it covers commits
        with it or not at all)."""
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        row = session.get(SyncState, key)
        if row is None:
            session.add(SyncState(key=key, value=text))
        else:
            row.value = text


class CodeNumber(Base):
    """A dossier number the server leased to this desk for a day: free until a reception
    takes it; never used by the end of its day, void (the register shows it as such)."""

    __tablename__ = "code_numbers"

    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agencies.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(10))  # free | used | void | taken (by another)
    void_sent: Mapped[bool] = mapped_column(default=False)  # the server knows it is void
    # from the reserve band (the top of the day's range): void, it is no hole in the register
    band: Mapped[bool] = mapped_column(default=False, server_default="0")
