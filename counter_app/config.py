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


def data_dir() -> Path:
    """The user's own data directory for the desk (~/.local/share/counter-app on Linux,
    %LOCALAPPDATA%\\counter-app on Windows: the profile's local part, never roamed to a
    server). Every part of the program that keeps files of its own asks here."""
    from platformdirs import user_data_dir  # only when asked: start-up speed

    return Path(user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The user's cache directory for the desk (%LOCALAPPDATA%\\counter-app\\Cache on
    Windows): what can be made again, never the record."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def default_db_url() -> str:
    return f"sqlite:///{data_dir() / 'counter.db'}"


# Settings a desk may keep from its settings screen, with their environment variables.
STORED = {
    "officer": "COUNTER_APP_OFFICER",
    "officer_name": "COUNTER_APP_OFFICER_NAME",
    "agency_code": "COUNTER_APP_AGENCY",
    "printer": "COUNTER_APP_PRINTER",
    "print_silently": "COUNTER_APP_PRINT_SILENT",
    "print_dpi": "COUNTER_APP_PRINT_DPI",
    "paper": "COUNTER_APP_PAPER",
    "language": "COUNTER_APP_LANG",
    "scanner_gap_ms": "COUNTER_APP_SCANNER_GAP_MS",
    "scanner_prefix": "COUNTER_APP_SCANNER_PREFIX",
    "lock_minutes": "COUNTER_APP_LOCK_MINUTES",
    "export_dir": "COUNTER_APP_EXPORT_DIR",
    "signing": "COUNTER_APP_SIGNING",
    "scan_folder": "COUNTER_APP_SCAN_FOLDER",
    "counter": "COUNTER_APP_COUNTER",
}

# Of those, what a running desk takes at once (printing reads them at each print); the
# others (who acts, the language of windows already built, the armed scanner) wait for
# the desk to be opened again.
AT_ONCE = (
    "officer_name",
    "printer",
    "print_silently",
    "print_dpi",
    "paper",
    "export_dir",
    "signing",
    "scan_folder",
    "counter",
)
SIGNING = ("required", "optional", "off")  # ký số: bắt buộc / tùy chọn / không dùng
AT_RESTART = (
    "officer",
    "language",
    "scanner_gap_ms",
    "scanner_prefix",
    "lock_minutes",
    "counter",
)


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
    scanner_gap_ms: int = 35  # most time between two keys of a scan
    scanner_prefix: str = ""  # a character the scanner is set to send first
    busy_timeout_s: float = 30.0  # how long to wait for another desk's write to finish
    lock_minutes: int = 10  # the desk locks itself after so many idle minutes (login on)
    backup_all_days: int = 3  # the backup folder keeps every copy of so many recent days
    export_dir: str | None = None  # where save dialogs open; None: the user's Documents
    signing: str = "off"  # digitised documents signed with the officer's token: SIGNING
    scan_folder: str | None = None  # a copier's "scan to folder" directory the desk watches
    counter: int | None = None  # this desk's counter (quầy) number, 1-999: F12 calls for it
    # the office's reporting replica, through a role of `server add-reader`: Biểu 06 and
    # the dashboard's Biểu 06 read there (environment only: it carries a password)
    report_url: str | None = None

    @classmethod
    def load(
        cls,
        db_url: str | None = None,
        officer: str | None = None,
        environ: Mapping[str, str] = os.environ,
        stored: Mapping[str, str] | None = None,
    ) -> Settings:
        """Command line, then environment, then what the settings screen stored."""

        def get(name: str) -> str:
            return environ.get(STORED[name]) or (stored or {}).get(name) or ""

        return cls(
            db_url=db_url or environ.get("COUNTER_APP_DB") or default_db_url(),
            officer=officer or get("officer") or DEFAULT_OFFICER,
            officer_name=get("officer_name") or None,
            agency_code=get("agency_code") or None,
            printer=get("printer") or None,
            print_silently=get("print_silently").lower() in _YES,
            print_dpi=_dpi(get("print_dpi")),
            paper="A5" if get("paper").upper() == "A5" else "A4",
            language=(get("language") or "vi").lower()[:2],
            scanner_gap_ms=_bounded(get("scanner_gap_ms"), 10, 200, 35),
            scanner_prefix=get("scanner_prefix")[:1],
            busy_timeout_s=_seconds(environ.get("COUNTER_APP_BUSY_TIMEOUT"), 0.1, 600, 30.0),
            lock_minutes=_bounded(get("lock_minutes"), 1, 240, 10),
            backup_all_days=_bounded(environ.get("COUNTER_APP_BACKUP_ALL_DAYS"), 0, 31, 3),
            export_dir=get("export_dir") or None,
            signing=get("signing").lower() if get("signing").lower() in SIGNING else "off",
            scan_folder=get("scan_folder") or None,
            counter=_counter(get("counter")),
            report_url=environ.get("COUNTER_APP_REPORT_URL", "").strip() or None,
        )


_YES = ("1", "true", "yes", "co", "có")


def _bounded(value: str | None, low: int, high: int, default: int) -> int:
    try:
        return max(low, min(high, int(value or default)))
    except ValueError:
        return default


def _seconds(value: str | None, low: float, high: float, default: float) -> float:
    try:
        return max(low, min(high, float(value or default)))
    except ValueError:
        return default


def _counter(value: str) -> int | None:
    """A counter's number (1-999); anything else: not numbered."""
    return int(value) if value.strip().isdigit() and 1 <= int(value) <= 999 else None


def _dpi(value: str | None) -> int:
    """A resolution within what printers and the barcode need; bad values fall back."""
    return _bounded(value, 300, 600, 300)
