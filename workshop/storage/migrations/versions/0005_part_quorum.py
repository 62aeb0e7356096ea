"""activities record a close before their per-organisation quorum was met"""

import sqlalchemy as sa
from alembic import op

revision = "part_0005"
down_revision = "part_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_early", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("activities", schema=None) as batch_op:
        batch_op.drop_column("closed_early")
