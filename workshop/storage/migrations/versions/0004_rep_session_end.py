"""a workshop session can be ended (and resumed)"""

import sqlalchemy as sa
from alembic import op

revision = "rep_0004"
down_revision = "part_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshops") as batch_op:
        batch_op.add_column(sa.Column("ended_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workshops") as batch_op:
        batch_op.drop_column("ended_at")
