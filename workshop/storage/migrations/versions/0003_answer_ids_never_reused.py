"""answer ids are never reused (SQLite AUTOINCREMENT)"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # SQLite reuses the highest rowid after a delete; AUTOINCREMENT needs the table rebuilt.
    # PostgreSQL sequences never reuse ids, so there this is a no-op.
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("answers", recreate="always", table_kwargs={"sqlite_autoincrement": True}):
            pass


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("answers", recreate="always", table_kwargs={"sqlite_autoincrement": False}):
            pass
