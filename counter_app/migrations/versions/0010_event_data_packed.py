"""Events' JSON `data` packed on SQLite (issue 19, point 8: disk per million dossiers)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

SQLAlchemy's JSON wrote `json.dumps` text: spaces, every non-ASCII letter as a \\u escape,
the long keys and the ISO timestamps as given. models.event_data.EventData writes the same
dict without spaces or escapes, its known keys as one letter and its timestamps as integers
(a BLOB, read back as exactly the dict written; a dict the short form would not give back
stays plain JSON text). Storage only: what the program reads and what a desk sends is the
dict as before. Every event's `data` is rewritten in place (the declared type stays JSON);
the space freed is reused by the desk's next rows, `VACUUM` gives it back to the disk.
PostgreSQL keeps its JSON: nothing to do there.
"""

import json
from collections.abc import Callable

from alembic import op

from counter_app.models.event_data import pack, unpack

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _packed(stored: object) -> object:
    return pack(json.loads(stored)) if isinstance(stored, str) else stored


def _plain(stored: object) -> object:
    return json.dumps(unpack(stored)) if isinstance(stored, bytes) else stored


def _convert(function: Callable[[object], object]) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    bind.connection.driver_connection.create_function(
        "counter_event_data", 1, function, deterministic=True
    )
    bind.exec_driver_sql("UPDATE events SET data = counter_event_data(data)")


def upgrade() -> None:
    _convert(_packed)


def downgrade() -> None:
    _convert(_plain)
