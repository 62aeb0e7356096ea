"""Operations on PostgreSQL (TEST_DATABASE_URL): processes migrating together, and the documented backup."""

import os
import shutil
import subprocess
import sys

import pytest
from sqlalchemy.engine import make_url

pytestmark = pytest.mark.postgres
URL = os.environ.get("TEST_DATABASE_URL")
if not URL:
    pytest.skip("TEST_DATABASE_URL is not set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)", allow_module_level=True)

from tests.support.server import ROOT  # noqa: E402
from tests.support.workshops import workshop_payload  # noqa: E402
from workshop import services  # noqa: E402
from workshop.domain.errors import NotFound  # noqa: E402
from workshop.storage.database import Database  # noqa: E402


@pytest.fixture
def empty():
    """The test database without any schema, dropped again afterwards."""
    db = Database(URL)
    db.drop_all()
    yield db
    db.drop_all()
    db.engine.dispose()


# One app process starting: build the database, say so, wait for the signal, migrate.
STARTER = """
import sys, time
from pathlib import Path
from workshop.storage.database import Database
db = Database(sys.argv[1])
print("ready", flush=True)
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.005)
db.upgrade()
"""


def test_processes_that_start_together_migrate_once(empty, tmp_path):
    """Issue 7 §8: three app processes start at the same moment on an empty database; none fails.

    (Processes, not threads: Alembic keeps its migration context in module globals.)
    """
    go = tmp_path / "go"
    starters = [
        subprocess.Popen(
            [sys.executable, "-c", STARTER, URL, str(go)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    try:
        for process in starters:
            assert process.stdout.readline().strip() == "ready", process.stderr.read()
        go.touch()
        outcomes = [(process.wait(timeout=60), process.stderr.read()) for process in starters]
    finally:
        for process in starters:
            if process.poll() is None:
                process.kill()
    assert [code for code, _ in outcomes] == [0] * len(starters), "\n".join(err[-2000:] for _, err in outcomes)
    assert empty.revision() == Database.head()
    empty.check_schema()


def libpq(url: str) -> str:
    """The URL as pg_dump and pg_restore take it (no SQLAlchemy driver name)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.mark.skipif(not shutil.which("pg_dump") or not shutil.which("pg_restore"), reason="pg_dump/pg_restore not installed")
def test_backup_and_restore_as_docs_deploy_md_says(empty, tmp_path):
    empty.upgrade()
    kept = services.create_workshop(empty, workshop_payload(title="Kept"))
    dump = tmp_path / "samenspel.dump"
    subprocess.run(["pg_dump", "--format=custom", f"--file={dump}", libpq(URL)], check=True, timeout=120)
    lost = services.create_workshop(empty, workshop_payload(title="After the backup"))
    empty.engine.dispose()

    subprocess.run(
        ["pg_restore", "--clean", "--if-exists", "--no-owner", f"--dbname={libpq(URL)}", str(dump)], check=True, timeout=120
    )
    restored = Database(URL)
    try:
        restored.check_schema()
        assert services.public_workshop(restored, kept.code)["title"] == "Kept"
        with pytest.raises(NotFound):
            services.public_workshop(restored, lost.code)
    finally:
        restored.engine.dispose()
