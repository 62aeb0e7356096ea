"""With MESSAGE_QUEUE set, processes share their HTTP rate-limit counts through Redis; PostgreSQL keeps the new rules."""

import os
import random

import pytest

REDIS = os.environ.get("TEST_REDIS_URL")
POSTGRES = os.environ.get("TEST_DATABASE_URL")


def make_app(tmp_path, name: str, **config):
    from workshop import create_app

    return create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.db'}",
            "ASYNC_MODE": "threading",
            "RESULTS_PUSH_INTERVAL": 0,
            "PRESENCE_PUSH_INTERVAL": 0,
            "INSTANCE_PATH": str(tmp_path / name),
            "LOG_LEVEL": "WARNING",
            "SECRET_KEY": "shared",
            **config,
        }
    )


@pytest.mark.redis
@pytest.mark.skipif(not REDIS, reason="TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379/0)")
def test_two_processes_share_the_wrong_code_budget_through_redis(tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    limits = {"MESSAGE_QUEUE": REDIS, "WRONG_CODE_RATE_LIMIT": "6 per minute"}
    first, second = make_app(tmp_path, "a", **limits), make_app(tmp_path, "b", **limits)
    assert first.config["RATELIMIT_STORAGE_URI"] == REDIS
    # A fresh address per run: the moving window outlives a quick re-run.
    guesser = {"REMOTE_ADDR": f"10.{random.randrange(256)}.{random.randrange(256)}.{random.randrange(1, 255)}"}
    for app in (first, second, first):
        for _ in range(2):
            assert app.test_client().get("/api/workshops/QQQQQQ", environ_base=guesser).status_code == 404
    assert second.test_client().get("/api/workshops/QQQQQQ", environ_base=guesser).status_code == 429
    for app in (first, second):
        app.extensions["samenspel.db"].engine.dispose()


@pytest.mark.postgres
@pytest.mark.skipif(not POSTGRES, reason="TEST_DATABASE_URL is not set (PostgreSQL)")
def test_deletion_retention_join_counts_and_nul_bytes_on_postgres():
    from datetime import timedelta

    from tests.support.workshops import ambition, workshop_payload
    from workshop import services
    from workshop.domain.errors import InvalidInput
    from workshop.storage.database import Database
    from workshop.storage.tables import utcnow

    db = Database(POSTGRES)
    db.drop_all()
    db.upgrade()
    try:
        with pytest.raises(InvalidInput):
            services.create_workshop(db, workshop_payload(title="Kick\x00off"))
        created = services.create_workshop(db, workshop_payload())
        org = services.public_workshop(db, created.code)["organisations"][0]["id"]
        with pytest.raises(InvalidInput):
            services.join(db, created.code, {"organisation_id": org, "role": "manager", "display_name": "a\x00b"})
        people = [services.join(db, created.code, {"organisation_id": org, "role": "manager"}, "source-1") for _ in range(10)]
        assert [type(e).__name__ for e in people[-1][1]] == ["PresenceChanged", "ManyJoinsFromOneAddress"]
        assert services.join_warnings(db, created.workshop_id) == [10]

        services.control(db, created.workshop_id, "next")
        activity_id = services.state(db, created.workshop_id, services.FACILITATOR_ROLE)["current"]["id"]
        services.submit_answer(db, people[0][0].participant.id, activity_id, "client-pg-01", ambition())
        events = services.forget_participant(db, people[0][0].participant.id)
        assert type(events[0]).__name__ == "ParticipantForgotten"
        assert services.results(db, created.workshop_id, activity_id)["answers"] == 0

        assert services.delete_expired_workshops(db, utcnow() + timedelta(days=91))
        assert services.delete_expired_workshops(db, utcnow() + timedelta(days=91)) == []
    finally:
        db.drop_all()
        db.engine.dispose()
