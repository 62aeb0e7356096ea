"""goals carry the commitments imported with them (progress review)"""

import sqlalchemy as sa
from alembic import op

revision = "part_0004"
down_revision = "conn_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("commitments", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))


def downgrade() -> None:
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_column("commitments")
