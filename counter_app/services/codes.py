"""Dossier codes as people type or scan them."""

from __future__ import annotations

from counter_app.text import clean


def normalise_code(code: str) -> str:
    """Trimmed, NFC, upper case (codes are printed in capitals; scanners may send lower)."""
    return clean(code).upper()
