"""A dossier scanned during the desk's start waits for the modules its window needs below
Qt (preload.dossier_services, imported in a worker): not for reportlab (the fonts, which
only returning a result to a named receiver checks), nor for the reception's intake and
numbering with PostgreSQL's dialect (which only the receipt uses). Together ~0.1 s of
CPU that the first scan at start waited for."""

from __future__ import annotations

import json
import subprocess
import sys


def test_the_dossier_windows_services_leave_printing_and_reception_out():
    probe = (
        "import json, sys; from counter_app.ui.desk import preload; "
        "preload.dossier_services(); "
        "print(json.dumps(sorted(m for m in ('reportlab', 'sqlalchemy.dialects.postgresql', "
        "'counter_app.services.intake.intake', 'counter_app.services.codes.numbering') "
        "if m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(out.stdout) == []
