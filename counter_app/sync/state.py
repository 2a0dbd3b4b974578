"""Where this desk's office server is, and how far the desk is with it.

The server's URL (with the desk's password) lives in a file beside the database, created
readable and writable by the desk's OS user only, never printed after `add-desk` showed
it. Cursors and counts live in the database, in the transaction of what they cover.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from counter_app import private
from counter_app.errors import ValidationError
from counter_app.models import SyncState


def url_file(db_url: str) -> Path:
    """`counter.db` → `counter.db.server`; only an embedded SQLite desk joins a server."""
    if not db_url.startswith("sqlite:///"):
        raise ValidationError(
            "Chỉ bàn dùng cơ sở dữ liệu SQLite của máy mới tham gia máy chủ văn phòng.", "db"
        )
    return Path(db_url.removeprefix("sqlite:///") + ".server")


def save_url(db_url: str, url: str) -> None:
    path = url_file(db_url)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".server-")
    try:
        private.make_private(Path(temporary))
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(url.strip() + "\n")
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def load_url(db_url: str) -> str | None:
    try:
        path = url_file(db_url)
    except ValidationError:
        return None
    return path.read_text(encoding="utf-8").strip() if path.exists() else None


def shown(url: str) -> str:
    """The server as people may read it: host:port/database, never the password. A
    cluster's URL names several hosts (`pg1:5432,pg2:5432`): each is shown."""
    parts = urlsplit(url)
    hosts = parts.netloc.rpartition("@")[2].lower().split(",")
    return ",".join(
        host if re.search(r":\d+$", host) else f"{host or '?'}:5432" for host in hosts
    ) + (parts.path or "/")


get = SyncState.read  # the sync's cursors and counts (models/sync.py)
put = SyncState.write
