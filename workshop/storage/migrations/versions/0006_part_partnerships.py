"""partnerships: organisations across workshops, goals carried on from earlier workshops"""

import sqlalchemy as sa
from alembic import op

revision = "part_0006"
down_revision = "sec_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partnerships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnerships")),
        sa.UniqueConstraint("code", name=op.f("uq_partnerships_code")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_partnerships_token_hash")),
    )
    op.create_table(
        "partner_organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("partnership_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["partnership_id"],
            ["partnerships.id"],
            name=op.f("fk_partner_organisations_partnership_id_partnerships"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_organisations")),
        sa.UniqueConstraint("partnership_id", "name", name="uq_partner_organisations_partnership_name"),
    )
    with op.batch_alter_table("partner_organisations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_organisations_partnership_id"), ["partnership_id"], unique=False)
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.add_column(sa.Column("partnership_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_workshops_partnership_id"), ["partnership_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_workshops_partnership_id_partnerships"), "partnerships", ["partnership_id"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("partner_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_organisations_partner_id_partner_organisations"),
            "partner_organisations",
            ["partner_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("origin_goal_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("thread_status", sa.String(length=10), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_goals_origin_goal_id_goals"), "goals", ["origin_goal_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("goals", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_goals_origin_goal_id_goals"), type_="foreignkey")
        batch_op.drop_column("thread_status")
        batch_op.drop_column("origin_goal_id")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_organisations_partner_id_partner_organisations"), type_="foreignkey")
        batch_op.drop_column("partner_id")
    with op.batch_alter_table("workshops", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_workshops_partnership_id_partnerships"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_workshops_partnership_id"))
        batch_op.drop_column("partnership_id")
    op.drop_table("partner_organisations")
    op.drop_table("partnerships")
