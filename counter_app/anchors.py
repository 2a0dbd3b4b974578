"""The audit trail's anchors outside the desk's database, gathered for `audit verify` (the
command and the audit screen): the office server's copy of this desk's trail (a joined
desk that reaches it) and the chain's head in the manifest of each copy in the backup
folder. Above both `backup` and `sync`, which keep them."""

from __future__ import annotations

from typing import Any

from counter_app.audit.verify import Anchor
from counter_app.backup import folder, manifest
from counter_app.backup.service import sqlite_file
from counter_app.errors import BackupUnsupported
from counter_app.sync.anchor import server_anchor


def gather(db_url: str) -> tuple[list[Anchor], dict[str, Any]]:
    """The anchors, and what was found: {"server": checked | unreachable | not_joined,
    "backups": manifests that held a head}."""
    server, anchor = server_anchor(db_url)
    try:
        copies = [c.path for c in folder.copies(sqlite_file(db_url))]
    except BackupUnsupported:
        copies = []
    from_copies = manifest.audit_anchors(copies)
    return [*([anchor] if anchor else []), *from_copies], {
        "server": server,
        "backups": len(from_copies),
    }
