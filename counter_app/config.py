"""Settings, declared once with their defaults.

Precedence: command-line option, then environment variable, then default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "counter-app"
DEFAULT_OFFICER = "motcua"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SAMPLE_CATALOG = RESOURCES / "catalog" / "xa_tam_dao.json"


def default_db_url() -> str:
    from platformdirs import user_data_dir  # only when no database was named

    return f"sqlite:///{Path(user_data_dir(APP_NAME, appauthor=False)) / 'counter.db'}"


@dataclass(frozen=True)
class Settings:
    db_url: str
    officer: str = DEFAULT_OFFICER
    officer_name: str | None = None  # printed on forms; None keeps the name on record
    agency_code: str | None = None  # the desk's agency; None: the only one in the database
    printer: str | None = None  # None: the system's default printer
    print_silently: bool = False  # print without the print dialog
    print_dpi: int = 300  # raster resolution sent to the printer (300–600)
    paper: str = "A4"  # receipt paper: A4 or A5
    language: str = "vi"  # the desk's language; "en" loads the English translation

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
            printer=environ.get("COUNTER_APP_PRINTER") or None,
            print_silently=environ.get("COUNTER_APP_PRINT_SILENT", "").lower() in _YES,
            print_dpi=_dpi(environ.get("COUNTER_APP_PRINT_DPI")),
            paper="A5" if environ.get("COUNTER_APP_PAPER", "").upper() == "A5" else "A4",
            language=(environ.get("COUNTER_APP_LANG") or "vi").lower()[:2],
        )


_YES = ("1", "true", "yes", "co", "có")


def _dpi(value: str | None) -> int:
    """A resolution within what printers and the barcode need; bad values fall back."""
    try:
        return max(300, min(600, int(value or 300)))
    except ValueError:
        return 300
