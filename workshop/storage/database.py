"""Engine, sessions and schema migrations (Alembic: on start on a laptop, or as a deployment step)."""

import sys
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from .tables import map_domain, metadata

MIGRATIONS = Path(__file__).parent / "migrations"
# PostgreSQL's serialization failure and deadlock: the transaction lost a race and may simply run again.
RETRYABLE_SQLSTATES = ("40001", "40P01")

# The PostgreSQL advisory lock every process takes around a migration ("Samenspel" in a bigint).
MIGRATION_LOCK = 0x53616D656E7370


class SchemaNotCurrent(RuntimeError):
    """The database's schema is not the one this version of the code needs."""


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


class Database:
    """One engine per app; a session per unit of work."""

    def __init__(self, url: str, connections: int = 30):
        map_domain()
        self.url = url
        options: dict = {"future": True}
        if url.startswith("sqlite"):
            options["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            # With cooperative waits, a hall connecting at once overlaps its statements: past 30 connections
            # they queue for one, and waiting out a burst beats failing it after SQLAlchemy's 30 s.
            pool = min(10, connections)
            options.update(pool_pre_ping=True, pool_size=pool, max_overflow=connections - pool, pool_timeout=120)
            cooperative_postgres_waits()
        self.engine = create_engine(url, **options)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def upgrade(self) -> None:
        """Create or migrate the schema to the newest version; safe when several processes start at once."""
        config = _alembic_config()
        with self.engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                # Two processes starting together would both create the same tables and one would fail.
                # The second waits here until the first commits, then finds nothing left to do.
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def revision(self) -> str | None:
        """The schema version the database is at (None when it has no schema yet)."""
        with self.engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    @staticmethod
    def head() -> str:
        """The schema version this code needs."""
        return ScriptDirectory.from_config(_alembic_config()).get_current_head()

    def check_schema(self) -> None:
        """Raise SchemaNotCurrent, saying what to run, unless the schema is the newest version."""
        found, wanted = self.revision(), self.head()
        if found != wanted:
            raise SchemaNotCurrent(
                f"the database schema is at {found or 'nothing'}, this version needs {wanted}: "
                "run `python -m workshop migrate` once, then start the app"
            )

    @contextmanager
    def session(self):
        """A session that commits when the block ends without an error."""
        session: Session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def ping(self) -> bool:
        """True when the database answers a trivial query."""
        with self.engine.connect() as connection:
            return connection.execute(text("SELECT 1")).scalar() == 1

    def drop_all(self) -> None:
        """Remove every table (tests only)."""
        metadata.drop_all(self.engine)
        with self.engine.begin() as connection:
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))


def is_conflict(err: BaseException) -> bool:
    """True when a transaction failed because another one changed the same rows at the same time."""
    if isinstance(err, IntegrityError | StaleDataError):
        return True
    return isinstance(err, OperationalError) and getattr(err.orig, "sqlstate", None) in RETRYABLE_SQLSTATES


def cooperative_postgres_waits() -> None:
    """Make psycopg wait for PostgreSQL through eventlet's hub, so a slow statement stalls only its caller.

    psycopg picks its C wait function, which blocks the whole process, unless gevent patched `select`
    (then it picks a gevent-friendly one itself); under eventlet its select-based wait is the green one.
    """
    eventlet_patcher = sys.modules.get("eventlet.patcher")
    if eventlet_patcher is None or not eventlet_patcher.is_monkey_patched("select"):
        return
    import psycopg.waiting

    psycopg.waiting.wait = psycopg.waiting.wait_select


def _sqlite_pragmas(dbapi_connection, _record):
    """WAL lets screens read while a phone writes; foreign keys are off by default in SQLite."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
