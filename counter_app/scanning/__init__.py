"""The desk's document scanner behind one small interface (`Scanner`): SANE through
`scanimage` on Linux (sane.py), WIA 2 on Windows (wia.py), chosen by pick.py. No database,
no Qt: pages come back as image bytes ready for img2pdf (pages.py)."""

from counter_app.scanning.base import (
    MODES,
    Page,
    ScanCancelled,
    Scanner,
    ScannerError,
    ScannerFailed,
    ScannerInfo,
    ScannerMissing,
)

__all__ = [
    "MODES",
    "Page",
    "ScanCancelled",
    "Scanner",
    "ScannerError",
    "ScannerFailed",
    "ScannerInfo",
    "ScannerMissing",
]
