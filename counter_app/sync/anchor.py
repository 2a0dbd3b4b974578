"""The office server's copy of this desk's audit trail as an anchor for `audit verify`:
the number and hash of the newest entry the desk pushed (SQL 0014). A trail rewritten at
the desk after that no longer has that hash at that number."""

from __future__ import annotations

import uuid

from counter_app.audit.verify import Anchor
from counter_app.sync import state
from counter_app.sync.link import Link, Offline, Refused

SOURCE = "bản đã gửi lên máy chủ văn phòng"
NOT_JOINED, UNREACHABLE, CHECKED = "not_joined", "unreachable", "checked"


def server_anchor(db_url: str) -> tuple[str, Anchor | None]:
    """What the server holds of this desk's trail, and how it went: CHECKED with the anchor,
    NOT_JOINED (a desk working alone), UNREACHABLE (offline, or a server not yet upgraded
    with `server init`)."""
    url = state.load_url(db_url)
    if url is None:
        return NOT_JOINED, None
    try:
        with Link(url) as link:
            head = link.audit_head()
    except (Offline, Refused):
        return UNREACHABLE, None
    return CHECKED, Anchor(
        uuid.UUID(str(head["desk"])), int(head["seq"]), str(head["hash"]), SOURCE
    )
