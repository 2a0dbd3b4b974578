"""The demo desk's officers: `init --demo` ends by giving the made-up commune an
administrator, a reception officer and a leader, so that the demo needs a login (and Ctrl+L
locks it) as an office's desk does. Their passwords are published in the README: they are
for the demo only, never for a real office's database."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.acting.roles import Role
from counter_app.officers import accounts


class DemoOfficer(NamedTuple):
    username: str
    name: str
    role: Role
    password: str  # published in the README: demo only


# The administrator first: from then on the database needs a login (accounts.add).
DEMO_OFFICERS = (
    DemoOfficer("quantri", "Trần Văn Quản", Role.ADMIN, "demo-quantri"),
    DemoOfficer("hoa", "Nguyễn Thị Hoa", Role.RECEPTION, "demo-tiepnhan"),
    DemoOfficer("lanhdao", "Lê Minh Đạo", Role.LEADER, "demo-lanhdao"),
)


def add_demo_officers(session: Session, who: Actor, now: datetime) -> None:
    """Add the demo's officers, acting as the desk's officer that loaded the demo."""
    for officer in DEMO_OFFICERS:
        accounts.add(
            session, who, officer.username, officer.name, officer.role, officer.password, now
        )
