"""One place turns every error into what an officer may read: the program's own errors as
they are (Vietnamese), database trouble explained, anything else by its type only, never
its English text nor the values it quotes (a citizen's ID number in a constraint's SQL)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from counter_app import errors
from counter_app.messages import for_people
from counter_app.sync.link import Offline, Refused
from counter_app.sync.numbers import NoNumberLeft

PERSONAL = "026190001234"


def integrity() -> IntegrityError:
    return IntegrityError(
        f"INSERT INTO dossiers (code, id_number) VALUES ('X', '{PERSONAL}')",
        {},
        sqlite3.IntegrityError("UNIQUE constraint failed: dossiers.code"),
    )


@pytest.mark.parametrize(
    ("error", "told"),
    [
        (
            errors.ValidationError("Số giấy tờ không hợp lệ.", "id_number"),
            "Số giấy tờ không hợp lệ",
        ),
        (errors.LoginNeeded("Cơ sở dữ liệu này nay yêu cầu đăng nhập."), "yêu cầu đăng nhập"),
        (NoNumberLeft("không còn số hồ sơ dự phòng"), "không còn số hồ sơ dự phòng"),
        (Offline("Không kết nối được máy chủ văn phòng."), "Không kết nối được"),
        (Refused("hồ sơ của cơ quan khác"), "Máy chủ văn phòng từ chối"),
        (integrity(), "trùng với dữ liệu đã có"),
        (
            OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked")),
            "đang bị một chương trình khác giữ",
        ),
        (KeyError(PERSONAL), "Lỗi không mong đợi (KeyError)"),
        (
            ValueError(f"invalid literal for int() with base 10: '{PERSONAL}'"),
            "Lỗi không mong đợi (ValueError)",
        ),
        (RuntimeError("Internal C++ object already deleted."), "Lỗi không mong đợi (RuntimeError)"),
    ],
)
def test_every_error_is_told_in_vietnamese_without_what_it_quotes(error, told):
    said = for_people(error)
    assert told in said
    assert PERSONAL not in said and "UNIQUE" not in said and "sqlalche.me" not in said
    assert "\n" not in said


def test_a_constraint_error_reads_as_a_duplicate():
    # what the officer saw in the reception form: raw English SQL with a link
    assert for_people(integrity()).startswith("Dữ liệu vừa ghi trùng")


def every_error_class() -> list[type[BaseException]]:
    """Every error class the program defines (each package imported, then the subclasses
    of CounterError walked), and the library kinds a window may meet."""
    import importlib
    import pkgutil

    import counter_app

    for module in pkgutil.walk_packages(counter_app.__path__, "counter_app."):
        if ".ui" in module.name or module.name.endswith("__main__"):
            continue
        importlib.import_module(module.name)
    found: list[type[BaseException]] = []
    pending: list[type[BaseException]] = [errors.CounterError]
    while pending:
        kind = pending.pop()
        found.append(kind)
        pending += kind.__subclasses__()
    import psycopg

    return found + [
        OSError,
        PermissionError,
        FileNotFoundError,
        ValueError,
        KeyError,
        psycopg.OperationalError,
        psycopg.errors.UniqueViolation,
    ]


ENGLISH = ("error", "failed", "traceback", "constraint", "sqlalche.me", "exception", "none")


@pytest.mark.parametrize("kind", every_error_class(), ids=lambda k: k.__name__)
def test_every_error_type_reads_as_one_vietnamese_line(kind):
    if issubclass(kind, errors.CounterError):
        import inspect

        wanted = len(inspect.signature(kind.__init__).parameters) - 2  # self, message
        error = kind("Không thực hiện được việc này.", *(["x"] * max(wanted, 0)))
    else:
        error = kind(f"something failed: UNIQUE constraint on '{PERSONAL}'")
    said = for_people(error)
    assert said and "\n" not in said and PERSONAL not in said
    words = said.lower().replace("(", " ").replace(")", " ").split()
    assert not [w for w in words if w.strip(".,:;") in ENGLISH], said
