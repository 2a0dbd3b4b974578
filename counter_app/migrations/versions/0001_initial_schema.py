"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22

SQLite also gets an FTS5 index of the folded applicant name, kept by triggers, keyed on the
explicit `search_no` column (not the implicit rowid, which VACUUM and table copies renumber).
"""

import sqlalchemy as sa
from alembic import op

import counter_app.models.base

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


# Prefix indexes up to 6 letters: Vietnamese name words are short, and a word longer than
# the longest prefix index makes FTS5 merge whole doclists ("nguyen": 17 ms at 2 M rows,
# 0.02 ms with the index; the index grows by a sixth).
SQLITE_FTS = (
    "CREATE VIRTUAL TABLE dossier_fts USING fts5(name_key, content='dossiers', "
    "content_rowid='search_no', tokenize='unicode61', prefix='2 3 4 5 6')",
    "CREATE TRIGGER dossiers_fts_insert AFTER INSERT ON dossiers BEGIN "
    "INSERT INTO dossier_fts(rowid, name_key) VALUES (new.search_no, new.name_key); END",
    "CREATE TRIGGER dossiers_fts_delete AFTER DELETE ON dossiers BEGIN "
    "INSERT INTO dossier_fts(dossier_fts, rowid, name_key) "
    "VALUES ('delete', old.search_no, old.name_key); END",
    "CREATE TRIGGER dossiers_fts_update AFTER UPDATE OF name_key ON dossiers BEGIN "
    "INSERT INTO dossier_fts(dossier_fts, rowid, name_key) "
    "VALUES ('delete', old.search_no, old.name_key); "
    "INSERT INTO dossier_fts(rowid, name_key) VALUES (new.search_no, new.name_key); END",
)


def upgrade() -> None:
    op.create_table(
        "agencies",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=False),
        sa.Column("working_hours", sa.JSON(), nullable=False),
        sa.Column("code_pattern", sa.String(length=100), nullable=False),
        sa.Column("merged_into_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["agencies.id"], name=op.f("fk_agencies_merged_into_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agencies")),
        sa.UniqueConstraint("code", name=op.f("uq_agencies_code")),
    )
    op.create_table(
        "desks",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("is_local", sa.Boolean(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_desks")),
    )
    op.create_table(
        "officers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=60), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_officers")),
        sa.UniqueConstraint("username", name=op.f("uq_officers_username")),
    )
    op.create_table(
        "agency_names",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("valid_from", counter_app.models.base.TZDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_agency_names_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_names")),
    )
    with op.batch_alter_table("agency_names", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agency_names_agency_id"), ["agency_id"], unique=False)

    op.create_table(
        "declared_days",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_declared_days_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("agency_id", "day", name=op.f("pk_declared_days")),
    )
    op.create_table(
        "dossier_counters",
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_dossier_counters_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("agency_id", "day", name=op.f("pk_dossier_counters")),
    )
    op.create_table(
        "procedures",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_procedures_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedures")),
        sa.UniqueConstraint("agency_id", "code", name=op.f("uq_procedures_agency_id")),
    )
    op.create_table(
        "units",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_units_agency_id_agencies")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_units")),
        sa.UniqueConstraint("agency_id", "code", name=op.f("uq_units_agency_id")),
    )
    op.create_table(
        "procedure_versions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("procedure_id", sa.Uuid(), nullable=False),
        sa.Column("imported_seq", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("field", sa.String(length=200), nullable=False),
        sa.Column("duration_unit", sa.String(length=20), nullable=False),
        sa.Column("duration_value", sa.Integer(), nullable=True),
        sa.Column("online_duration_unit", sa.String(length=20), nullable=True),
        sa.Column("online_duration_value", sa.Integer(), nullable=True),
        sa.Column("cutoff", sa.String(length=5), nullable=True),
        sa.Column("pauses_on_supplement", sa.Boolean(), nullable=False),
        sa.Column("fee", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("imported_at", counter_app.models.base.TZDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["procedure_id"],
            ["procedures.id"],
            name=op.f("fk_procedure_versions_procedure_id_procedures"),
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_procedure_versions_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_procedure_versions")),
    )
    with op.batch_alter_table("procedure_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_procedure_versions_procedure_id"), ["procedure_id"], unique=False
        )

    op.create_table(
        "dossiers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("search_no", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("procedure_version_id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("applicant_name", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=200), nullable=False),
        sa.Column("id_type", sa.String(length=20), nullable=True),
        sa.Column("id_number", sa.String(length=20), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("phone_key", sa.String(length=20), nullable=True),
        sa.Column("address", sa.String(length=500), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("return_by_post", sa.Boolean(), nullable=False),
        sa.Column("received_at", counter_app.models.base.TZDateTime(timezone=True), nullable=False),
        sa.Column(
            "effective_received_at",
            counter_app.models.base.TZDateTime(timezone=True),
            nullable=False,
        ),
        sa.Column(
            "original_due_at", counter_app.models.base.TZDateTime(timezone=True), nullable=True
        ),
        sa.Column("due_at", counter_app.models.base.TZDateTime(timezone=True), nullable=True),
        sa.Column("paused_at", counter_app.models.base.TZDateTime(timezone=True), nullable=True),
        sa.Column("status_before_pause", sa.String(length=30), nullable=True),
        sa.Column("current_unit_id", sa.Uuid(), nullable=True),
        sa.Column("resolved_at", counter_app.models.base.TZDateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("timeliness", sa.String(length=10), nullable=True),
        sa.Column("timeliness_original", sa.String(length=10), nullable=True),
        sa.Column("returned_at", counter_app.models.base.TZDateTime(timezone=True), nullable=True),
        sa.Column("receiver_name", sa.String(length=200), nullable=True),
        sa.Column("receiver_id_number", sa.String(length=20), nullable=True),
        sa.Column("post_tracking", sa.String(length=60), nullable=True),
        sa.Column("received_by_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"], ["agencies.id"], name=op.f("fk_dossiers_agency_id_agencies")
        ),
        sa.ForeignKeyConstraint(
            ["current_unit_id"], ["units.id"], name=op.f("fk_dossiers_current_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["procedure_version_id"],
            ["procedure_versions.id"],
            name=op.f("fk_dossiers_procedure_version_id_procedure_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["received_by_id"], ["officers.id"], name=op.f("fk_dossiers_received_by_id_officers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossiers")),
        sa.UniqueConstraint("code", name=op.f("uq_dossiers_code")),
        sa.UniqueConstraint("search_no", name=op.f("uq_dossiers_search_no")),
    )
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossiers_id_number"), ["id_number"], unique=False)
        batch_op.create_index(batch_op.f("ix_dossiers_phone_key"), ["phone_key"], unique=False)
        batch_op.create_index("ix_dossiers_received_at", ["received_at"], unique=False)
        batch_op.create_index("ix_dossiers_status_due", ["status", "due_at"], unique=False)

    op.create_table(
        "version_documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["procedure_versions.id"],
            name=op.f("fk_version_documents_version_id_procedure_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_version_documents")),
    )
    with op.batch_alter_table("version_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_version_documents_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "version_steps",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("version_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_version_steps_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["procedure_versions.id"],
            name=op.f("fk_version_steps_version_id_procedure_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_version_steps")),
    )
    with op.batch_alter_table("version_steps", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_version_steps_version_id"), ["version_id"], unique=False
        )

    op.create_table(
        "dossier_documents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_dossier_documents_dossier_id_dossiers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dossier_documents")),
    )
    with op.batch_alter_table("dossier_documents", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_documents_dossier_id"), ["dossier_id"], unique=False
        )

    op.create_table(
        "events",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=False),
        sa.Column("desk_id", sa.Uuid(), nullable=False),
        sa.Column("desk_seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("at", counter_app.models.base.TZDateTime(timezone=True), nullable=False),
        sa.Column("officer_id", sa.Uuid(), nullable=False),
        sa.Column("from_unit_id", sa.Uuid(), nullable=True),
        sa.Column("to_unit_id", sa.Uuid(), nullable=True),
        sa.Column("note", sa.String(length=1000), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("schema_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.id"], name=op.f("fk_events_desk_id_desks")),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], name=op.f("fk_events_dossier_id_dossiers")
        ),
        sa.ForeignKeyConstraint(
            ["from_unit_id"], ["units.id"], name=op.f("fk_events_from_unit_id_units")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officers.id"], name=op.f("fk_events_officer_id_officers")
        ),
        sa.ForeignKeyConstraint(
            ["to_unit_id"], ["units.id"], name=op.f("fk_events_to_unit_id_units")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
        sa.UniqueConstraint("desk_id", "desk_seq", name="uq_events_desk_seq"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_dossier_id"), ["dossier_id"], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS dossier_fts")
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_events_dossier_id"))

    op.drop_table("events")
    with op.batch_alter_table("dossier_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_documents_dossier_id"))

    op.drop_table("dossier_documents")
    with op.batch_alter_table("version_steps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_version_steps_version_id"))

    op.drop_table("version_steps")
    with op.batch_alter_table("version_documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_version_documents_version_id"))

    op.drop_table("version_documents")
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index("ix_dossiers_status_due")
        batch_op.drop_index("ix_dossiers_received_at")
        batch_op.drop_index(batch_op.f("ix_dossiers_phone_key"))
        batch_op.drop_index(batch_op.f("ix_dossiers_id_number"))

    op.drop_table("dossiers")
    with op.batch_alter_table("procedure_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_procedure_versions_procedure_id"))

    op.drop_table("procedure_versions")
    op.drop_table("units")
    op.drop_table("procedures")
    op.drop_table("dossier_counters")
    op.drop_table("declared_days")
    with op.batch_alter_table("agency_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agency_names_agency_id"))

    op.drop_table("agency_names")
    op.drop_table("officers")
    op.drop_table("desks")
    op.drop_table("agencies")
