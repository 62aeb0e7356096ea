"""workshops expire (retention); joins counted per hashed address, for the facilitator's warning"""

from datetime import timedelta

import sqlalchemy as sa
from alembic import op

revision = "sec_0004"
down_revision = "ctl_0004"
branch_labels = None
depends_on = None

DEFAULT_RETENTION_DAYS = 90


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
        batch.create_index("ix_workshops_expires_at", ["expires_at"])
    # Workshops made before retention existed keep the default period, counted from their creation.
    workshops = sa.table("workshops", sa.column("id", sa.Integer), sa.column("created_at", sa.DateTime), sa.column("expires_at", sa.DateTime))
    bind = op.get_bind()
    for row in bind.execute(sa.select(workshops.c.id, workshops.c.created_at)).all():
        expires = row.created_at + timedelta(days=DEFAULT_RETENTION_DAYS)
        bind.execute(workshops.update().where(workshops.c.id == row.id).values(expires_at=expires))
    op.create_table(
        "join_sources",
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=False),
        sa.Column("joins", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"], ["workshops.id"], name=op.f("fk_join_sources_workshop_id_workshops"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("workshop_id", "source", name=op.f("pk_join_sources")),
    )


def downgrade() -> None:
    op.drop_table("join_sources")
    with op.batch_alter_table("workshops") as batch:
        batch.drop_index("ix_workshops_expires_at")
        batch.drop_column("expires_at")
