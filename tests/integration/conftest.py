"""A desk database prepared once (small catalog, one dossier received) and copied for each
test that needs one: the hostile-input tables run hundreds of commands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from counter_app.clock import parse
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from tests.conftest import IMPORTED_AT, intake_doc, small_catalog
from tests.integration.driver import Desk


@pytest.fixture(scope="session")
def prepared_desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    path = tmp_path_factory.mktemp("prepared") / "desk.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    sessions = session_factory(engine)
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, small_catalog(), IMPORTED_AT)
    with unit_of_work(sessions, write=True) as session:
        who = desk.actor(session, "motcua", None)
        document = read_intake(intake_doc())
        code = intake.receive(session, who, document, parse("2026-02-13T10:00:00+07:00")).code
    engine.dispose()  # the last connection folds the write-ahead log into the file
    return path, code


@pytest.fixture
def ready(
    prepared_desk: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Desk, str]:
    """A copy of the prepared desk, and the code of its one dossier."""
    path, code = prepared_desk
    desk = Desk(tmp_path, capsys)
    shutil.copyfile(path, desk.path)
    return desk, code
