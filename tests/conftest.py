"""Shared fixtures: a migrated SQLite file per test, the sample catalog, an actor; and a
throwaway PostgreSQL server (tests/pg.py), started the first time a test asks for it.

PostgreSQL, for a test:
* `pg_server`: the session's server (started lazily, stopped and removed at the end);
* `pg_url`: a fresh empty database on it, as a `postgresql+psycopg://` URL;
* `new_pg_server(durable=True)`: a server of the test's own, which it may stop with
  `server.stop("immediate")` and `server.start()` again (same port, same data);
* `any_url`: parametrised, the test runs once on SQLite and once on PostgreSQL.
When PostgreSQL cannot be found or started, these fail with the reason (never skip).
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from counter_app.acting.actor import Actor
from counter_app.clock import parse
from counter_app.config import SAMPLE_CATALOG
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.models import Dossier, DossierCounter, DossierDocument, Event
from counter_app.services import desk
from counter_app.services.catalog import catalog
from tests.pg import PgServer, PostgresUnavailable

IMPORTED_AT = parse("2025-06-01T08:00:00+07:00")


def small_catalog() -> dict[str, Any]:
    """A catalog with the spec's own example procedure and a few rules to exercise."""
    doc = {"name": "Tờ khai đăng ký khai sinh", "kind": "original", "count": 1, "required": True}
    base = {
        "field": "Hộ tịch",
        "version": "QĐ 1234/QĐ-UBND",
        "effective_from": "2025-07-01",
        "online_duration": None,
        "cutoff": None,
        "pauses_on_supplement": True,
        "fee": 0,
        "unit": "TP-HT",
        "documents": [],
        "steps": [],
    }
    return {
        "agency": {
            "code": "000.00.20.H26",
            "name": "UBND xã Tam Đảo",
            "level": "commune",
            "address": "Xã Tam Đảo",
            "phone": "0211 3824 225",
            "working_hours": [["07:30", "11:30"], ["13:30", "17:00"]],
            "code_pattern": "{agency}-{yymmdd}-{seq:04d}",
        },
        "units": [
            {"code": "TP-HT", "name": "Công chức Tư pháp - Hộ tịch"},
            {"code": "DC-XD", "name": "Công chức Địa chính - Xây dựng"},
        ],
        "calendar": {"days_off": [], "working_days": []},
        "procedures": [
            base
            | {
                "code": "1.001193",
                "name": "Đăng ký khai sinh",
                "cutoff": "15:00",
                "duration": {"unit": "working_day", "value": 3},
                "documents": [
                    doc,
                    {"name": "Giấy chứng sinh", "kind": "original", "count": 1, "required": True},
                    {
                        "name": "Văn bản ủy quyền",
                        "kind": "certified_copy",
                        "count": 1,
                        "required": False,
                    },
                ],
                "steps": [{"unit": "TP-HT", "name": "Thẩm định", "hours": 8}],
            },
            base
            | {
                "code": "2.000815",
                "name": "Chứng thực bản sao từ bản chính",
                "field": "Chứng thực",
                "duration": {"unit": "same_day", "value": None},
                "cutoff": "15:00",
                "pauses_on_supplement": False,
                "fee": 2000,
            },
            base
            | {
                "code": "9.000001",
                "name": "Cấp phép xây dựng",
                "field": "Xây dựng",
                "unit": "DC-XD",
                "duration": {"unit": "calendar_day", "value": 15},
            },
            base
            | {
                "code": "9.000002",
                "name": "Thủ tục không hẹn",
                "field": "Khác",
                "duration": {"unit": "none", "value": None},
            },
            base
            | {
                "code": "9.000003",
                "name": "Thủ tục theo giờ",
                "field": "Khác",
                "duration": {"unit": "working_hour", "value": 4},
                "online_duration": {"unit": "working_hour", "value": 2},
            },
        ],
    }


def intake_doc(**changes: Any) -> dict[str, Any]:
    """The spec's intake example for 1.001193 (with its two required documents)."""
    doc: dict[str, Any] = {
        "procedure": "1.001193",
        "applicant": {
            "name": "Nguyễn Thị Hoà",
            "id_number": "026190001234",
            "phone": "0912345678",
            "address": "Thôn 3, xã Tam Đảo",
            "email": None,
        },
        "documents": [
            {"name": "Tờ khai đăng ký khai sinh", "count": 1},
            {"name": "Giấy chứng sinh", "count": 1},
        ],
        "channel": "direct",
        "received_at": "2026-02-13T10:00:00+07:00",
        "sets": 1,
        "note": None,
        "return_by_post": False,
    }
    doc = copy.deepcopy(doc)
    for key, value in changes.items():
        if key.startswith("applicant_"):
            doc["applicant"][key.removeprefix("applicant_")] = value
        else:
            doc[key] = value
    return doc


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'desk.db'}"


def _started(durable: bool) -> PgServer:
    server = None
    try:
        server = PgServer(durable=durable)
        server.start()
    except PostgresUnavailable as error:
        if server is not None:
            server.destroy()
        pytest.fail(f"PostgreSQL: {error}", pytrace=False)
    return server


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]
) -> Path:
    """A file that takes long to build, built once for the whole run: under pytest-xdist
    the workers share it (the first builds it under a lock, the others wait and reuse it);
    the tests use copies of it."""
    import fcntl

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's folder, above each worker's own
    path = root / "shared" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.parent / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            part = path.with_name(f"{name}.part")
            part.unlink(missing_ok=True)
            build(part)
            part.rename(path)
    return path


@pytest.fixture(scope="session")
def demo_year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`init --demo`'s year of work, built once a run (it takes some seconds)."""
    from counter_app.clock import now
    from counter_app.services.demo import demo

    def build(path: Path) -> None:
        engine = make_engine(f"sqlite:///{path}")
        migrate(engine)
        with unit_of_work(session_factory(engine), write=True) as session:
            demo.load(session, SAMPLE_CATALOG, now(), "motcua")
        engine.dispose()  # the last connection folds the write-ahead log into the file

    return built_once(tmp_path_factory, "year.db", build)


@pytest.fixture
def demo_year_url(demo_year: Path, tmp_path: Path) -> str:
    """A copy of the year of demo work for one test."""
    import shutil

    copy = tmp_path / "demo.db"
    shutil.copyfile(demo_year, copy)
    return f"sqlite:///{copy}"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The session's PostgreSQL server, durable (fsync on)."""
    server = _started(durable=True)
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture
def pg_url(pg_server: PgServer) -> str:
    """A fresh empty database on the session's server."""
    return pg_server.create_database()


@pytest.fixture
def new_pg_server() -> Iterator[Callable[..., PgServer]]:
    """Servers of the test's own (to stop and restart at will), removed after the test."""
    servers: list[PgServer] = []

    def make(durable: bool = True) -> PgServer:
        servers.append(_started(durable))
        return servers[-1]

    try:
        yield make
    finally:
        for server in servers:
            server.destroy()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test on the desk's SQLite and on PostgreSQL (the office server's)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'any.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(engine: Engine) -> sessionmaker[Session]:
    return session_factory(engine)


@pytest.fixture
def desk_db(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    """A database with the small catalog imported."""
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, small_catalog(), IMPORTED_AT)
    return sessions


@pytest.fixture
def sample_db(sessions: sessionmaker[Session]) -> sessionmaker[Session]:
    """A database with the shipped sample catalog imported."""
    with unit_of_work(sessions, write=True) as session:
        data = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
        catalog.import_catalog(session, data, IMPORTED_AT)
    return sessions


def actor_for(session: Session, officer: str = "motcua") -> Actor:
    return desk.actor(session, officer, None)


def counts(sessions: sessionmaker[Session]) -> dict[str, int]:
    """Row counts of everything a reception or an action writes."""
    with unit_of_work(sessions) as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Dossier, DossierDocument, Event, DossierCounter)
        } | {"counter_total": session.scalar(select(func.sum(DossierCounter.last_seq))) or 0}


def at(value: str) -> datetime:
    return parse(value)


@pytest.fixture
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with the smallest cost: the tests of roles and logins check who may do
    what, not the hashing's cost (bench/login.py measures that with the real one)."""
    from argon2 import PasswordHasher, Type

    from counter_app.officers import passwords

    monkeypatch.setattr(
        passwords, "HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1, type=Type.ID)
    )


@pytest.fixture
def sane_device(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The SANE `test` backend alone (virtual scanners test:0 and test:1), through the
    real scanimage and driver stack (tests/devices.py)."""
    from tests.devices import sane_config

    folder = sane_config(tmp_path / "sane.d")
    monkeypatch.setenv("SANE_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def softhsm_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A SoftHSM2 token of the test's own with an officer's key and certificate under one
    CKA_ID, and the test CA that issued it (tests/devices.py: `Token`)."""
    from tests.devices import make_token

    monkeypatch.setenv("SOFTHSM2_CONF", str(tmp_path / "hsm" / "softhsm2.conf"))
    return make_token(tmp_path / "hsm")
