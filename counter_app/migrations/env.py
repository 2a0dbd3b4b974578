"""Alembic environment: migrations run on the connection the program hands over."""

from alembic import context

from counter_app.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the program runs migrations
    raise RuntimeError("counter-app runs its migrations itself (counter_app.db.migrate)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
