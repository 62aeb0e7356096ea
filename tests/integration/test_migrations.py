"""The Alembic migrations build exactly the schema the tables describe, so no change ships without one."""

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from workshop.storage.database import Database
from workshop.storage.tables import metadata


def schema_differences(db: Database) -> list:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, metadata)


def test_sqlite_schema_matches_the_tables(tmp_path):
    db = Database(f"sqlite:///{tmp_path}/m.db")
    db.upgrade()
    assert schema_differences(db) == []
    assert "ix_answers_activity" in {ix["name"] for ix in inspect(db.engine).get_indexes("answers")}


def test_upgrading_twice_changes_nothing(tmp_path):
    db = Database(f"sqlite:///{tmp_path}/m.db")
    db.upgrade()
    db.upgrade()
    assert schema_differences(db) == []


@pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL is not set (PostgreSQL)")
def test_postgres_schema_matches_the_tables():
    db = Database(os.environ["TEST_DATABASE_URL"])
    db.drop_all()
    try:
        db.upgrade()
        assert schema_differences(db) == []
    finally:
        db.drop_all()
