"""Officers who act at the desk: who they are, their role, and how they prove it.

An officer registered before login was turned on (by name only) has no role and no
password: such an officer can no longer act once the database has an administrator.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from counter_app.models.base import Base


class Officer(Base):
    __tablename__ = "officers"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    role: Mapped[str | None] = mapped_column(String(20))  # reception|leader|admin|inspector
    # Argon2id, salted, in its own encoded form (parameters included); never the password
    password_hash: Mapped[str | None] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    changed_at: Mapped[datetime | None]  # the last change of name, role, state or password
    sync_pending: Mapped[bool] = mapped_column(default=False)  # changed here, not pushed yet
