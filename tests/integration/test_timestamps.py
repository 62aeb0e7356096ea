"""Stored and sent timestamps are UTC, also on a server whose clock runs in Europe/Amsterdam.

On a machine set to UTC a timestamp written in local time looks right; in Amsterdam it is an hour or two
off, and every phone's countdown with it. So these run with the process in Europe/Amsterdam.
"""

import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.support.workshops import ambition, workshop_payload
from workshop import services


@pytest.fixture
def amsterdam(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    assert time.localtime().tm_gmtoff != 0, "Amsterdam is never at UTC+0"
    yield
    monkeypatch.undo()
    time.tzset()


def sent(value: str) -> datetime:
    """A timestamp as the browser reads it: ISO 8601 in UTC with a Z, nothing else."""
    assert value.endswith("Z") and "+" not in value, value
    return datetime.fromisoformat(value[:-1] + "+00:00")


def close_to(moment: datetime, expected: datetime) -> bool:
    return abs(moment - expected) < timedelta(seconds=30)


def test_timestamps_are_utc_in_amsterdam(db, amsterdam):
    created = services.create_workshop(db, workshop_payload())
    workshop_id = created.workshop_id
    activity_id = services.state(db, workshop_id, services.FACILITATOR_ROLE)["agenda"][0]["id"]
    services.control(db, workshop_id, "open", activity_id)
    services.set_timer(db, workshop_id, activity_id, 600)
    now = datetime.now(UTC)

    state = services.state(db, workshop_id, services.FACILITATOR_ROLE)
    assert close_to(sent(state["server_time"]), now)
    assert close_to(sent(state["current"]["timer_ends_at"]), now + timedelta(seconds=600))

    org = services.public_workshop(db, created.code)["organisations"][0]["id"]
    person, _ = services.join(db, created.code, {"organisation_id": org, "role": "manager"})
    services.submit_answer_safely(db, person.participant.id, activity_id, "client-time-1", ambition())
    [exported] = services.own_answers_export(db, person.participant.id)
    assert close_to(sent(exported["at"]), now)
