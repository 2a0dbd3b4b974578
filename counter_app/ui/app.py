"""The composition root: settings, database and background tasks, built once and passed
down by constructor.

The database stack (SQLAlchemy, models, migrations) is loaded by the first piece of work
that needs it, in a worker thread, so the window is on screen before it arrives.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from counter_app import clock
from counter_app.config import Settings
from counter_app.officers.signed import SignedIn
from counter_app.ui.tasks import Tasks

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from counter_app.acting.actor import Actor
    from counter_app.officers.session import Place
    from counter_app.ui.citizen.desk_side import CitizenDesk
    from counter_app.ui.digitisation.tools import DeskDigitisation

T = TypeVar("T")


class AppContext:
    def __init__(self, settings: Settings, tasks: Tasks) -> None:
        self.settings, self.tasks = settings, tasks
        # who acts: the desk's officer by name until a login says otherwise
        self.signed = SignedIn(None, settings.officer, settings.officer_name or "")
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._lock = threading.Lock()
        self._digitisation: DeskDigitisation | None = None
        self._citizen: CitizenDesk | None = None

    @classmethod
    def build(cls, settings: Settings, tasks: Tasks | None = None) -> AppContext:
        return cls(settings, tasks or Tasks())

    def apply(self, saved: Settings) -> None:
        """Take at once what the settings screen saved and a running desk can take (the
        paper, the printer, the name printed under signatures…): the next print uses it."""
        from dataclasses import replace

        from counter_app.config import AT_ONCE

        self.settings = replace(self.settings, **{k: getattr(saved, k) for k in AT_ONCE})
        if self.signed.officer_id is None:  # no login: the desk's officer signs by this name
            self.signed = replace(self.signed, full_name=self.settings.officer_name or "")

    @property
    def digitisation(self) -> DeskDigitisation:
        """The documents folder, the scanner and the officer's token session (GUI thread
        first; kept for the desk's life, the token closed at each lock)."""
        if self._digitisation is None:
            from counter_app.ui.digitisation.tools import DeskDigitisation

            self._digitisation = DeskDigitisation(self)
        return self._digitisation

    @property
    def citizen(self) -> CitizenDesk:
        """The desk's side of the citizen's screen: the visit shown, the arming (GUI
        thread; made when first needed, kept for the desk's life)."""
        if self._citizen is None:
            from counter_app.ui.citizen.desk_side import CitizenDesk

            self._citizen = CitizenDesk(self)
        return self._citizen

    @property
    def citizen_started(self) -> bool:
        return self._citizen is not None

    @property
    def sessions(self) -> sessionmaker[Session]:
        with self._lock:  # two workers may ask first at once
            if self._sessions is None:
                from counter_app.db import make_engine, session_factory

                self._engine = make_engine(self.settings.db_url, self.settings.busy_timeout_s)
                self._sessions = session_factory(self._engine)
            return self._sessions

    def sqlite_file(self) -> Path | None:
        """The database file when the desk runs on embedded SQLite."""
        url = self.settings.db_url
        return Path(url.removeprefix("sqlite:///")) if url.startswith("sqlite:///") else None

    def prepare_database(self) -> None:
        """Create or migrate the schema, a copy taken first when it was behind (and put
        back if the migration fails: UpgradeFailed); runs in the background at start-up."""
        from counter_app.backup.upgrade import migrate_keeping

        sessions = self.sessions
        assert self._engine is not None and sessions is not None
        migrate_keeping(self._engine, self.now)

    def needs_login(self) -> bool:
        """True once the database has an administrator (worker thread)."""
        from counter_app.officers import session

        return session.needs_login(self.place)

    def read(self, work: Callable[[Session], T], snapshot: bool = False) -> T:
        """Run `work` in a read-only unit of work (call from a worker thread); `snapshot`
        for a report, whose figures must all come from one state of the database."""
        from counter_app.db import unit_of_work

        with unit_of_work(self.sessions, snapshot=snapshot) as session:
            return work(session)

    def write(self, work: Callable[[Session], T]) -> T:
        """Run `work` in one writing unit of work that needs no officer (worker thread)."""
        from counter_app.db import unit_of_work

        with unit_of_work(self.sessions, write=True) as session:
            return work(session)

    @property
    def place(self) -> Place:
        from counter_app.officers.session import Place

        s = self.settings
        return Place(self.sessions, s.agency_code, s.officer, s.officer_name)

    def act(
        self, work: Callable[[Session, Actor], T], code: str | None = None, need_agency: bool = True
    ) -> T:
        """Run `work` in one writing unit of work as the signed-in officer (worker thread);
        an action the role does not allow writes only its refusal in the audit trail."""
        from counter_app.officers import session

        return session.act(self.place, self.signed, work, self.now, code, need_agency)

    def look(
        self,
        work: Callable[[Session, Actor], T],
        action: str = "view",
        code: Callable[[T], str | None] | None = None,
        detail: Callable[[T], dict[str, object]] | None = None,
    ) -> T:
        """Read what shows citizens' personal data, recorded in the audit trail (worker)."""
        from counter_app.officers import session

        return session.look(self.place, self.signed, work, self.now, action, code, detail)

    def now(self) -> datetime:
        return clock.now()

    def dispose(self) -> Any:
        if self._engine is not None:
            self._engine.dispose()
