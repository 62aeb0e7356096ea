"""What a (re)start does to what an earlier run left behind."""

from workshop import create_app, services


def start(tmp_path, monkeypatch, **config):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    settings = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.db'}",
        "ASYNC_MODE": "threading",
        "RESULTS_PUSH_INTERVAL": 0,
        "MESSAGE_QUEUE": None,
        "LOG_LEVEL": "WARNING",
        **config,
    }
    return create_app(settings)


def left_behind(tmp_path, monkeypatch) -> int:
    """A site whose process stopped with a participant and a screen still connected."""
    app = start(tmp_path, monkeypatch)
    db = app.extensions["samenspel.db"]
    created = services.create_workshop(db, {"title": "T", "organisations": ["A"]})
    org = services.public_workshop(db, created.code)["organisations"][0]["id"]
    person, _ = services.join(db, created.code, {"organisation_id": org, "role": "manager"})
    opened = [
        services.Connection("old-sid-1", created.workshop_id, services.PARTICIPANT, person.participant.id),
        services.Connection("old-sid-2", created.workshop_id, services.SCREEN_ROLE),
    ]
    services.record_connections(db, "old-process", opened, [])
    assert services.presence(db, created.workshop_id)["connected"] == 1
    db.engine.dispose()
    return created.workshop_id


def test_one_process_forgets_the_connections_of_its_last_run(tmp_path, monkeypatch):
    workshop_id = left_behind(tmp_path, monkeypatch)
    app = start(tmp_path, monkeypatch)
    presence = services.presence(app.extensions["samenspel.db"], workshop_id)
    assert (presence["connected"], presence["screens"], presence["joined"]) == (0, 0, 1)
    app.extensions["samenspel.db"].engine.dispose()
