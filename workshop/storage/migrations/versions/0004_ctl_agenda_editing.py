"""agenda editing: removed activities keep their answers; Next remembers the activity it left"""

import sqlalchemy as sa
from alembic import op

revision = "ctl_0004"
down_revision = "rep_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("activities") as batch:
        batch.add_column(sa.Column("removed_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("workshops") as batch:
        batch.add_column(sa.Column("last_activity_id", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("workshops") as batch:
        batch.drop_column("last_activity_id")
    with op.batch_alter_table("activities") as batch:
        batch.drop_column("removed_at")
