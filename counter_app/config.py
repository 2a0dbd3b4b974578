"""Settings, declared once with their defaults.

Precedence: command-line option, then environment variable, then default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "counter-app"
DEFAULT_OFFICER = "motcua"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SAMPLE_CATALOG = RESOURCES / "catalog" / "xa_tam_dao.json"


def default_db_url() -> str:
    return f"sqlite:///{Path(user_data_dir(APP_NAME, appauthor=False)) / 'counter.db'}"


@dataclass(frozen=True)
class Settings:
    db_url: str
    officer: str = DEFAULT_OFFICER
    officer_name: str | None = None  # printed on forms; None keeps the name on record
    agency_code: str | None = None  # the desk's agency; None: the only one in the database

    @classmethod
    def load(
        cls,
        db_url: str | None = None,
        officer: str | None = None,
        environ: Mapping[str, str] = os.environ,
    ) -> Settings:
        return cls(
            db_url=db_url or environ.get("COUNTER_APP_DB") or default_db_url(),
            officer=officer or environ.get("COUNTER_APP_OFFICER") or DEFAULT_OFFICER,
            officer_name=environ.get("COUNTER_APP_OFFICER_NAME") or None,
            agency_code=environ.get("COUNTER_APP_AGENCY") or None,
        )
