"""The order dossiers are listed in, on every list and search: the newest received first."""

from __future__ import annotations

from counter_app.models import Dossier

NEWEST = (Dossier.received_at.desc(), Dossier.code.desc())
