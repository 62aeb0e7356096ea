"""What an operator relies on: one-line logs with tracebacks, /healthz, the migration step, the commands."""

import io
import json
import shutil
import socket
import sqlite3
import subprocess
from datetime import datetime

import pytest
from click.testing import CliRunner
from sqlalchemy import text

from tests.support.server import HEALTHCHECK_COMMAND, ROOT, LiveServer, command
from tests.support.workshops import ambition, workshop_payload
from workshop import create_app, health, logs, services
from workshop.cli import cli
from workshop.domain.errors import NotFound
from workshop.storage.database import Database, SchemaNotCurrent

# ---- logs ----


def capture_logs(fmt: str) -> io.StringIO:
    """Everything logged from now on, as the lines a collector would read."""
    return logs.configure("WARNING", fmt, stream=io.StringIO()).stream


def broken(*_args, **_kwargs):
    raise RuntimeError("the disk is on fire")


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_an_exception_is_one_line_with_its_traceback(app, client, workshop, monkeypatch, fmt):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: a 500 answer and a log entry
    stream = capture_logs(fmt)
    monkeypatch.setattr(services, "public_workshop", broken)

    reply = client.get(f"/api/workshops/{workshop['code']}")
    assert reply.status_code == 500
    assert reply.get_json()["error"]["code"] == "internal_server_error"

    lines = stream.getvalue().splitlines()
    assert len(lines) == 1, lines
    if fmt == "json":
        entry = json.loads(lines[0])
        assert entry["level"] == "ERROR" and entry["time"].endswith("Z")
        assert f"/api/workshops/{workshop['code']}" in entry["message"]
        assert entry["exception"].startswith("Traceback (most recent call last):")
        assert "RuntimeError: the disk is on fire" in entry["exception"]
        assert "in broken" in entry["exception"], "the traceback names the frame that raised"
    else:
        assert " ERROR " in lines[0] and "Traceback (most recent call last):\\n" in lines[0]
        assert "RuntimeError: the disk is on fire" in lines[0]


def test_a_failed_socket_event_is_logged_with_its_traceback(live, workshops, monkeypatch):
    stream = capture_logs("json")
    created = workshops.create()
    person = workshops.join(created)
    phone = live.participant(created, person["token"])
    monkeypatch.setattr(services, "own_answers", broken)

    ack = phone.emit("my_answers", {}, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "internal"
    [entry] = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert entry["logger"] == "workshop.live.namespace" and "my_answers" in entry["message"]
    assert "RuntimeError: the disk is on fire" in entry["exception"]


def test_an_unknown_log_format_is_refused():
    with pytest.raises(ValueError, match="LOG_FORMAT"):
        logs.configure("INFO", "xml")


# ---- /healthz ----


def test_healthz_reports_the_database_and_an_unused_queue(client):
    reply = client.get("/healthz")
    assert reply.status_code == 200
    assert reply.get_json() == {"status": "ok", "database": "ok", "message_queue": "unused"}


def test_healthz_is_503_when_the_database_does_not_answer(client, db, monkeypatch):
    monkeypatch.setattr(db, "ping", broken)
    reply = client.get("/healthz")
    assert reply.status_code == 503
    assert reply.get_json() == {"status": "error", "database": "unreachable", "message_queue": "unused"}


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_queue_that_does_not_answer_is_reported(db):
    pytest.importorskip("redis")
    healthy, checks = health.report(db, f"redis://127.0.0.1:{closed_port()}/0")
    assert healthy is False
    assert checks == {"database": "ok", "message_queue": "unreachable"}


def test_the_container_health_check_asks_healthz(tmp_path):
    """The Dockerfile's HEALTHCHECK runs scripts/healthcheck.py: 0 when /healthz is 200, else 1."""
    check = command(HEALTHCHECK_COMMAND)
    with LiveServer(tmp_path) as server:
        ok = subprocess.run(check, cwd=ROOT, env={"PORT": str(server.port)}, capture_output=True, text=True, timeout=30)
        assert ok.returncode == 0, ok.stdout + ok.stderr
    down = subprocess.run(check, cwd=ROOT, env={"PORT": str(closed_port())}, capture_output=True, text=True, timeout=30)
    assert down.returncode == 1 and "unhealthy" in down.stdout + down.stderr


# ---- migrations as a step ----


def test_without_migrate_on_start_an_old_schema_stops_the_app_with_what_to_run(tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    settings = {"DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.db'}", "ASYNC_MODE": "threading", "MIGRATE_ON_START": False}
    with pytest.raises(SchemaNotCurrent, match="python -m workshop migrate"):
        create_app(settings)
    monkeypatch.setenv("DATABASE_URL", settings["DATABASE_URL"])
    result = CliRunner().invoke(cli, ["migrate"])
    assert result.exit_code == 0, result.output
    assert f"database schema at {Database.head()}" in result.output
    app = create_app(settings)
    assert app.test_client().get("/healthz").status_code == 200
    app.extensions["samenspel.db"].engine.dispose()


def test_the_real_server_refuses_to_start_on_an_unmigrated_database(tmp_path):
    server = LiveServer(tmp_path, MIGRATE_ON_START="0")
    with pytest.raises(RuntimeError, match="python -m workshop migrate"):
        server.start()


def test_migrate_twice_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'm.db'}")
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    for _ in range(2):
        result = CliRunner().invoke(cli, ["migrate"])
        assert result.exit_code == 0, result.output


# ---- the operator's commands ----


@pytest.fixture
def operator(tmp_path, monkeypatch):
    """The environment a command runs in: one SQLite database, a public address."""
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'site.db'}")
    monkeypatch.setenv("PUBLIC_URL", "https://workshop.example.nl")
    monkeypatch.delenv("MESSAGE_QUEUE", raising=False)
    monkeypatch.delenv("REDIS_URL", raising=False)

    def run(*args):
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
        return result

    assert run("migrate").exit_code == 0
    return run


def test_create_a_workshop_from_a_shipped_format(operator, tmp_path):
    result = operator(
        "create-workshop",
        str(ROOT / "formats" / "co-creation-kickoff.json"),
        "--title",
        "Kick-off warmtenet",
        "--organisation",
        "Woonstede",
        "--organisation",
        "Thuisbaas",
        "--json",
    )
    assert result.exit_code == 0, result.output
    made = json.loads(result.output)
    code = made["code"]
    assert made["links"]["join"] == f"https://workshop.example.nl/w/{code}"
    assert made["links"]["control"] == f"https://workshop.example.nl/w/{code}/control#{made['control_token']}"
    db = Database(f"sqlite:///{tmp_path / 'site.db'}")
    workshop = services.public_workshop(db, code)
    assert workshop["title"] == "Kick-off warmtenet" and workshop["language"] == "nl"
    assert [o["name"] for o in workshop["organisations"]] == ["Woonstede", "Thuisbaas"]
    workshop_id = services.facilitator_workshop(db, code, made["control_token"])
    fmt = json.loads((ROOT / "formats" / "co-creation-kickoff.json").read_text(encoding="utf-8"))
    titles = [a["title"] for a in services.state(db, workshop_id, services.FACILITATOR_ROLE)["agenda"]]
    assert titles == [item["title"]["nl"] for item in fmt["agenda"]]
    db.engine.dispose()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--title", "", "--organisation", "A"], "required"),
        (["--title", "T", "--organisation", "A", "--organisation", "a"], "appears twice"),
        (["--title", "T", "--organisation", "A" * 81], "at most 80 characters"),
        (["--title", "T", "--organisation", "A", "--language", "de"], "Invalid value for '--language'"),
    ],
)
def test_create_workshop_refuses_bad_input_with_a_message(operator, args, message):
    result = CliRunner().invoke(cli, ["create-workshop", str(ROOT / "formats" / "ambitions-round.json"), *args])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_export_a_workshop_with_its_results(operator, tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'site.db'}")
    created = services.create_workshop(db, workshop_payload())
    activity_id = services.state(db, created.workshop_id, services.FACILITATOR_ROLE)["agenda"][0]["id"]
    services.control(db, created.workshop_id, "open", activity_id)
    orgs = [o["id"] for o in services.public_workshop(db, created.code)["organisations"]]
    person, _ = services.join(db, created.code, {"organisation_id": orgs[0], "role": "manager"})
    services.submit_answer_safely(db, person.participant.id, activity_id, "client-0001", ambition(text="Exported"))
    db.engine.dispose()

    out = tmp_path / "export.json"
    result = operator("export", created.code.lower(), "--output", str(out))
    assert result.exit_code == 0, result.output
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert exported["workshop"]["code"] == created.code
    assert exported["format"]["agenda"][0]["kind"] == "ambitions"
    [results] = exported["results"]
    assert [i["text"] for i in results["data"]["items"]] == ["Exported"]
    assert "control_token" not in out.read_text() and created.control_token not in out.read_text()

    missing = CliRunner().invoke(cli, ["export", "ZZZZZZ"])
    assert missing.exit_code == 1 and "No workshop has this code." in missing.output


def test_delete_expired_removes_only_workshops_past_their_retention(operator, tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'site.db'}")
    old, young = services.create_workshop(db, workshop_payload()), services.create_workshop(db, workshop_payload())
    with db.engine.begin() as connection:
        connection.execute(
            text("UPDATE workshops SET expires_at = :t WHERE id = :id"), {"t": datetime(2020, 1, 1), "id": old.workshop_id}
        )
    db.engine.dispose()

    result = operator("delete-expired")
    assert result.exit_code == 0 and "deleted 1 expired workshop" in result.output
    with pytest.raises(NotFound):
        services.public_workshop(db, old.code)
    assert services.public_workshop(db, young.code)["code"] == young.code
    assert "deleted 0 expired workshops" in operator("delete-expired").output
    db.engine.dispose()


def test_backup_and_restore_sqlite_while_the_app_writes(operator, tmp_path):
    """docs/deploy.md: `python -m workshop backup FILE` while running; restore = stop, copy back, start."""
    live_db = Database(f"sqlite:///{tmp_path / 'site.db'}")
    kept = services.create_workshop(live_db, workshop_payload(title="Kept"))
    # An open write transaction in WAL mode, as a running app has: the backup still gets a consistent copy.
    writer = sqlite3.connect(tmp_path / "site.db")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE workshops SET title = 'uncommitted' WHERE code = ?", (kept.code,))
    result = operator("backup", str(tmp_path / "backup.db"))
    assert result.exit_code == 0, result.output
    writer.rollback()
    writer.close()
    lost = services.create_workshop(live_db, workshop_payload(title="After the backup"))
    live_db.engine.dispose()

    # Restore as documented: stop the app, replace the file (and drop its -wal/-shm), start again.
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"site.db{suffix}").unlink(missing_ok=True)
    shutil.copy(tmp_path / "backup.db", tmp_path / "site.db")
    restored = Database(f"sqlite:///{tmp_path / 'site.db'}")
    restored.check_schema()
    assert services.public_workshop(restored, kept.code)["title"] == "Kept"
    with pytest.raises(NotFound):
        services.public_workshop(restored, lost.code)
    restored.engine.dispose()

    again = CliRunner().invoke(cli, ["backup", str(tmp_path / "backup.db")])
    assert again.exit_code == 1 and "exists" in again.output


def test_backup_refuses_postgresql(monkeypatch, tmp_path):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    result = CliRunner().invoke(cli, ["backup", str(tmp_path / "x.db")])
    assert result.exit_code == 1 and "pg_dump" in result.output
