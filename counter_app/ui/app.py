"""The composition root: settings, engine, session factory and background tasks, built once
and passed down by constructor."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from counter_app.config import Settings
from counter_app.db import make_engine, migrate, session_factory
from counter_app.ui.tasks import Tasks


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
