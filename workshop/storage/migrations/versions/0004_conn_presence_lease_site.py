"""server leases for presence; a site id that names the message-queue channel"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "conn_0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "servers",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("renewed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_servers")),
    )
    site = op.create_table(
        "site",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_site")),
    )
    # Made once per database, so every process of one site agrees on it and no other site has it.
    op.bulk_insert(site, [{"key": "site_id", "value": secrets.token_hex(8)}])
    with op.batch_alter_table("connections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_connections_server_id"), ["server_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("connections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_connections_server_id"))
    op.drop_table("site")
    op.drop_table("servers")
