"""Events' JSON packed, and documents kept as their place in the checklist (issue 19,
point 8: disk per million dossiers)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

Events (SQLite): each kind is kept as one letter (models.event_data.EventKind; it was its
name, up to 20 bytes, in every event). SQLAlchemy's JSON wrote `json.dumps` text: spaces,
every non-ASCII letter as a \\u escape, the long keys and the ISO timestamps as given.
models.event_data.EventData writes the same dict without spaces or escapes, its known keys
as one letter and its timestamps as integers (a BLOB, read back as exactly the dict
written; a dict the short form would not give back stays plain JSON text). Every event's
kind and `data` are rewritten in place.

Documents: nearly every received document's name is a copy of its procedure version's
checklist. The table is rebuilt keyed by (dossier_id, position), without a rowid on SQLite,
so the index on dossier_id goes; so does the one on the id, which nothing looks a document
up by (desks make ids unique: UUID 7; the server's table keeps its own key). A name the
checklist holds is kept as `catalog_no`, the position of that VersionDocument (its first,
for a name listed twice), with `name` None, and `kind` None when it is the checklist's. A
name it does not hold stays as it is. What is read (`shown_name`, `shown_kind`) and sent is
as before. PostgreSQL: the new key and column, the names as they are.

The space freed is reused by the desk's next rows; `VACUUM` gives it back to the disk.
"""

import json
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

from counter_app.models.event_data import KIND_LETTER, LETTER_KIND, pack, unpack

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_COLUMNS = """
	dossier_id CHAR(32) NOT NULL,
	position INTEGER NOT NULL,
	id CHAR(32) NOT NULL,
	catalog_no INTEGER,
	name VARCHAR(500),
	kind VARCHAR(20),
	count INTEGER NOT NULL,
	CONSTRAINT pk_dossier_documents PRIMARY KEY (dossier_id, position),
	CONSTRAINT fk_dossier_documents_dossier_id_dossiers FOREIGN KEY(dossier_id)
		REFERENCES dossiers (id)
"""
# the first place of the document's name in its dossier's version's checklist
_PLACE = """
LEFT JOIN dossiers d ON d.id = x.dossier_id
LEFT JOIN version_documents v ON v.version_id = d.procedure_version_id AND v.position = (
    SELECT min(w.position) FROM version_documents w
    WHERE w.version_id = d.procedure_version_id AND w.name = x.name)
"""
_OLD_COLUMNS = """
	id CHAR(32) NOT NULL,
	dossier_id CHAR(32) NOT NULL,
	position INTEGER NOT NULL,
	name VARCHAR(500) NOT NULL,
	kind VARCHAR(20) NOT NULL,
	count INTEGER NOT NULL,
	CONSTRAINT pk_dossier_documents PRIMARY KEY (id),
	CONSTRAINT fk_dossier_documents_dossier_id_dossiers FOREIGN KEY(dossier_id)
		REFERENCES dossiers (id)
"""
# a kept document's checklist values
_CHECKLIST = """
LEFT JOIN dossiers d ON d.id = x.dossier_id
LEFT JOIN version_documents v ON v.version_id = d.procedure_version_id
    AND v.position = x.catalog_no
"""


# 0010's short form (`values` False): keys and times only; 0011 shortens known values
def _packed(stored: object) -> object:
    return pack(json.loads(stored), values=False) if isinstance(stored, str) else stored


def _plain(stored: object) -> object:
    return json.dumps(unpack(stored, values=False)) if isinstance(stored, bytes) else stored


def _events(data: Callable[[object], object], kinds: dict[str, str]) -> None:
    bind = op.get_bind()
    raw = bind.connection.driver_connection
    raw.create_function("counter_event_data", 1, data, deterministic=True)
    raw.create_function("counter_event_kind", 1, lambda k: kinds.get(k, k), deterministic=True)
    bind.exec_driver_sql(
        "UPDATE events SET data = counter_event_data(data), kind = counter_event_kind(kind)"
    )


def _documents(columns: str, options: str, copy: str) -> None:
    bind = op.get_bind()
    bind.exec_driver_sql(f"CREATE TABLE dossier_documents_0010 ({columns}){options}")
    bind.exec_driver_sql(copy)
    bind.exec_driver_sql("DROP TABLE dossier_documents")
    bind.exec_driver_sql("ALTER TABLE dossier_documents_0010 RENAME TO dossier_documents")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        _postgresql_upgrade()
        return
    _events(_packed, KIND_LETTER)
    _documents(
        _COLUMNS,
        " WITHOUT ROWID",
        "INSERT INTO dossier_documents_0010 "
        "(dossier_id, position, id, catalog_no, name, kind, count) "
        "SELECT x.dossier_id, x.position, x.id, v.position, "
        "CASE WHEN v.position IS NULL THEN x.name END, "
        "CASE WHEN v.position IS NULL OR v.kind IS NOT x.kind THEN x.kind END, x.count "
        f"FROM dossier_documents x {_PLACE} ORDER BY x.dossier_id, x.position",
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        _postgresql_downgrade()
        return
    _events(_plain, LETTER_KIND)
    _documents(
        _OLD_COLUMNS,
        "",
        "INSERT INTO dossier_documents_0010 (id, dossier_id, position, name, kind, count) "
        "SELECT x.id, x.dossier_id, x.position, coalesce(x.name, v.name), "
        f"coalesce(x.kind, v.kind), x.count FROM dossier_documents x {_CHECKLIST} "
        "ORDER BY x.dossier_id, x.position",
    )
    op.create_index("ix_dossier_documents_dossier_id", "dossier_documents", ["dossier_id"])


def _postgresql_upgrade() -> None:
    op.add_column("dossier_documents", sa.Column("catalog_no", sa.Integer(), nullable=True))
    op.alter_column("dossier_documents", "name", nullable=True)
    op.alter_column("dossier_documents", "kind", nullable=True)
    op.drop_constraint("pk_dossier_documents", "dossier_documents", type_="primary")
    op.create_primary_key("pk_dossier_documents", "dossier_documents", ["dossier_id", "position"])
    op.drop_index("ix_dossier_documents_dossier_id", "dossier_documents")


def _postgresql_downgrade() -> None:
    op.create_index("ix_dossier_documents_dossier_id", "dossier_documents", ["dossier_id"])
    op.drop_constraint("pk_dossier_documents", "dossier_documents", type_="primary")
    op.create_primary_key("pk_dossier_documents", "dossier_documents", ["id"])
    op.execute(
        "UPDATE dossier_documents x SET name = coalesce(x.name, v.name), "
        "kind = coalesce(x.kind, v.kind) FROM dossiers d, version_documents v "
        "WHERE d.id = x.dossier_id AND v.version_id = d.procedure_version_id "
        "AND v.position = x.catalog_no AND (x.name IS NULL OR x.kind IS NULL)"
    )
    op.alter_column("dossier_documents", "name", nullable=False)
    op.alter_column("dossier_documents", "kind", nullable=False)
    op.drop_column("dossier_documents", "catalog_no")
