"""Engine, sessions and schema migrations (Alembic, applied on start)."""

import sys
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from .tables import map_domain, metadata

MIGRATIONS = Path(__file__).parent / "migrations"
# PostgreSQL's serialization failure and deadlock: the transaction lost a race and may simply run again.
RETRYABLE_SQLSTATES = ("40001", "40P01")


class Database:
    """One engine per app; a session per unit of work."""

    def __init__(self, url: str):
        map_domain()
        self.url = url
        options: dict = {"future": True}
        if url.startswith("sqlite"):
            options["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            options.update(pool_pre_ping=True, pool_size=10, max_overflow=20)
            cooperative_postgres_waits()
        self.engine = create_engine(url, **options)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def upgrade(self) -> None:
        """Create or migrate the schema to the newest version."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

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
