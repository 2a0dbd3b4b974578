"""Which scanner the desk uses: WIA 2 on Windows, SANE elsewhere; the device from
COUNTER_APP_SCANNER (a name `counter-app scanners` lists), else the first one found."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from counter_app.scanning.base import Scanner

DEVICE_VARIABLE = "COUNTER_APP_SCANNER"


def pick_scanner(platform: str = sys.platform) -> Scanner:
    if platform == "win32":
        from counter_app.scanning.wia import WiaScanner

        return WiaScanner()
    from counter_app.scanning.sane import SaneScanner

    return SaneScanner()


def chosen_device(
    given: str | None = None,
    environ: Mapping[str, str] = os.environ,
    stored: Mapping[str, str] | None = None,
) -> str | None:
    """The device named on the command line, then in the environment, then in the desk's
    stored settings ("scanner_device"); None: the first one the scanner finds."""
    return given or environ.get(DEVICE_VARIABLE) or (stored or {}).get("scanner_device") or None
