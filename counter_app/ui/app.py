"""The composition root: settings, engine, session factory and background tasks, built once
and passed down by constructor."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from counter_app import clock
from counter_app.config import Settings
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.services import desk
from counter_app.services.desk import Actor
from counter_app.ui.tasks import Tasks

T = TypeVar("T")


@dataclass
class AppContext:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    tasks: Tasks

    @classmethod
    def build(cls, settings: Settings, tasks: Tasks | None = None) -> AppContext:
        engine = make_engine(settings.db_url)  # lazy: no connection is opened here
        return cls(settings, engine, session_factory(engine), tasks or Tasks())

    def prepare_database(self) -> None:
        """Create or migrate the schema; runs in the background at start-up."""
        migrate(self.engine)

    def read(self, work: Callable[[Session], T]) -> T:
        """Run `work` in a read-only unit of work (call from a worker thread)."""
        with unit_of_work(self.sessions) as session:
            return work(session)

    def act(self, work: Callable[[Session, Actor], T]) -> T:
        """Run `work` in one writing unit of work as this desk's officer (worker thread)."""
        s = self.settings
        with unit_of_work(self.sessions, write=True) as session:
            return work(session, desk.actor(session, s.officer, s.agency_code, s.officer_name))

    def now(self) -> datetime:
        return clock.now()
