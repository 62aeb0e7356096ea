"""Use cases against a real SQLite database: idempotent submits, replacing answers, tallies, secrets."""

import pytest
from sqlalchemy import inspect, text

from tests.support.workshops import ambition, workshop_payload
from workshop import services
from workshop.domain import kinds
from workshop.domain.codes import hash_token
from workshop.domain.errors import ActivityNotOpen, LimitReached, NotAllowed, NotFound
from workshop.domain.events import AnswersChanged
from workshop.domain.kinds.base import ActivityKind
from workshop.domain.results import FACILITATOR, SCREEN
from workshop.storage.database import Database


@pytest.fixture
def store(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'services.db'}")
    db.upgrade()
    yield db
    db.engine.dispose()


class Setup:
    """A workshop with two organisations, a few participants and its first activity open."""

    def __init__(self, db, payload=None, people=(0, 0, 1)):
        self.db = db
        self.created = services.create_workshop(db, payload or workshop_payload())
        self.code = self.created.code
        self.workshop_id = self.created.workshop_id
        public = services.public_workshop(db, self.code)
        self.org_ids = [o["id"] for o in public["organisations"]]
        self.activity_id = services.state(db, self.workshop_id, services.FACILITATOR_ROLE)["agenda"][0]["id"]
        self.people = [self.join(org) for org in people]
        services.control(db, self.workshop_id, "open", self.activity_id)

    def join(self, org=0):
        joined, _ = services.join(self.db, self.code, {"organisation_id": self.org_ids[org], "role": "manager"})
        return joined

    def submit(self, who, client_id, answer=None):
        return services.submit_answer(self.db, self.people[who].participant.id, self.activity_id, client_id, answer or ambition())

    def count(self, table):
        with self.db.engine.connect() as connection:
            return connection.execute(text(f"SELECT COUNT(*) FROM {table}")).scalar()


def test_a_retry_with_the_same_client_id_is_stored_once(store):
    ws = Setup(store)
    first, events = ws.submit(0, "client-0001")
    again, events_again = ws.submit(0, "client-0001", ambition(text="changed on retry"))
    assert first["duplicate"] is False
    assert again["duplicate"] is True
    assert again["answer"]["id"] == first["answer"]["id"]
    assert again["answer"]["answer"]["text"] == first["answer"]["answer"]["text"]
    assert ws.count("answers") == 1
    assert any(isinstance(e, AnswersChanged) for e in events)
    assert events_again == [], "a retry changes nothing, so nothing is pushed"


def test_the_safe_variant_is_idempotent_too(store):
    ws = Setup(store)
    pid = ws.people[0].participant.id
    for _ in range(3):
        services.submit_answer_safely(store, pid, ws.activity_id, "client-0002", ambition())
    assert ws.count("answers") == 1


def test_different_client_ids_are_different_answers_up_to_the_limit(store):
    ws = Setup(store)
    for i in range(3):
        ws.submit(0, f"client-000{i}")
    with pytest.raises(LimitReached):
        ws.submit(0, "client-0009")
    assert ws.count("answers") == 3
    # Another participant has their own allowance.
    ws.submit(1, "client-0009")
    assert ws.count("answers") == 4


class SingleAnswer(ActivityKind):
    """A stand-in kind with one answer per participant (ctx is optional so either signature works)."""

    name = "single_answer_test"
    label = "Single"
    many_answers = False

    def clean_answer(self, config, payload, ctx=None):
        return {"choice": str(payload["choice"])}

    def aggregate(self, ctx):
        return {"choices": sorted(a.payload["choice"] for a in ctx.visible)}


def test_a_one_answer_kind_replaces_the_earlier_answer(store, monkeypatch):
    monkeypatch.setitem(kinds.KINDS, SingleAnswer.name, SingleAnswer())
    ws = Setup(store, workshop_payload(agenda=[{"kind": SingleAnswer.name}]))
    first, _ = ws.submit(0, "client-0001", {"choice": "yes"})
    second, _ = ws.submit(0, "client-0002", {"choice": "no"})
    assert second["duplicate"] is False
    assert second["answer"]["id"] == first["answer"]["id"]
    assert ws.count("answers") == 1
    ws.submit(1, "client-0001", {"choice": "yes"})
    result = services.results(store, ws.workshop_id, ws.activity_id, FACILITATOR)
    assert result["answers"] == 2
    assert result["data"] == {"choices": ["no", "yes"]}


def test_tallies_are_computed_from_the_stored_rows(store):
    ws = Setup(store, people=(0, 0, 1))
    ws.submit(0, "client-0001", ambition(value_driver="Innovation"))
    ws.submit(1, "client-0002", ambition(value_driver="Innovation"))
    ws.submit(2, "client-0003", ambition(value_driver="Affordability"))
    ws.submit(2, "client-0004", ambition(value_driver="Innovation"))
    result = services.results(store, ws.workshop_id, ws.activity_id, FACILITATOR)
    assert (result["answers"], result["respondents"]) == (4, 3)
    drivers = {d["name"]: d["count"] for d in result["data"]["value_drivers"]}
    assert drivers["Innovation"] == 3 and drivers["Affordability"] == 1
    answered = {row["organisation_id"]: row["answered"] for row in result["balance"]}
    assert answered == {ws.org_ids[0]: 2, ws.org_ids[1]: 1}

    # Change the rows behind the service's back: the next tally follows the rows, not a cached count.
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM answers WHERE client_id IN ('client-0002', 'client-0004')"))
    result = services.results(store, ws.workshop_id, ws.activity_id, FACILITATOR)
    assert (result["answers"], result["respondents"]) == (2, 2)
    drivers = {d["name"]: d["count"] for d in result["data"]["value_drivers"]}
    assert drivers["Innovation"] == 1 and drivers["Affordability"] == 1


def test_screens_see_no_data_while_results_are_hidden(store):
    ws = Setup(store)
    ws.submit(0, "client-0001")
    services.control(store, ws.workshop_id, "hide", ws.activity_id)
    screen = services.results(store, ws.workshop_id, ws.activity_id, SCREEN)
    assert screen["results_visible"] is False and screen["data"] is None
    assert screen["answers"] == 1, "the count may show; the answers may not"
    assert services.results(store, ws.workshop_id, ws.activity_id, FACILITATOR)["data"]["items"]
    services.control(store, ws.workshop_id, "reveal", ws.activity_id)
    assert services.results(store, ws.workshop_id, ws.activity_id, SCREEN)["data"]["items"]


def test_a_closed_activity_takes_no_answers(store):
    ws = Setup(store)
    services.control(store, ws.workshop_id, "close", ws.activity_id)
    with pytest.raises(ActivityNotOpen):
        ws.submit(0, "client-0001")
    assert ws.count("answers") == 0


@pytest.mark.parametrize("activity_id", [9999, "1", None, 1.0])
def test_unknown_activity(store, activity_id):
    ws = Setup(store)
    with pytest.raises(NotFound):
        services.submit_answer(store, ws.people[0].participant.id, activity_id, "client-0001", ambition())


def test_an_activity_of_another_workshop_is_unknown(store):
    mine, other = Setup(store), Setup(store)
    with pytest.raises(NotFound):
        services.submit_answer(store, mine.people[0].participant.id, other.activity_id, "client-0001", ambition())


def test_withdraw_only_your_own_answer(store):
    ws = Setup(store)
    stored, _ = ws.submit(0, "client-0001")
    with pytest.raises(NotFound):
        services.withdraw_answer(store, ws.people[1].participant.id, stored["answer"]["id"])
    services.withdraw_answer(store, ws.people[0].participant.id, stored["answer"]["id"])
    assert ws.count("answers") == 0


def test_facilitator_token_check(store):
    ws = Setup(store)
    token = ws.created.control_token
    assert services.facilitator_workshop(store, ws.code, token) == ws.workshop_id
    assert services.facilitator_workshop(store, ws.code.lower(), token) == ws.workshop_id
    for wrong in ("", token[:-1], token + "x", None, 123, ws.created.screen_key):
        with pytest.raises(NotAllowed):
            services.facilitator_workshop(store, ws.code, wrong)
    other = Setup(store)
    with pytest.raises(NotAllowed):
        services.facilitator_workshop(store, other.code, token)


def test_screen_key_check(store):
    ws = Setup(store)
    assert services.screen_workshop(store, ws.code, ws.created.screen_key) == ws.workshop_id
    assert services.screen_workshop(store, ws.code, ws.created.control_token) == ws.workshop_id
    for wrong in ("", "nope", None, ws.created.screen_key[:-1]):
        with pytest.raises(NotAllowed):
            services.screen_workshop(store, ws.code, wrong)


def test_participant_token_check(store):
    ws = Setup(store)
    joined = ws.people[0]
    assert services.participant_by_token(store, joined.token, code=ws.code) == (ws.workshop_id, joined.participant.id)
    for wrong in ("", None, joined.token[:-1], ws.created.control_token):
        with pytest.raises(NotAllowed):
            services.participant_by_token(store, wrong, code=ws.code)
    other = services.create_workshop(store, {"title": "Other", "organisations": ["A"]})
    with pytest.raises(NotAllowed):
        services.participant_by_token(store, joined.token, code=other.code)


def test_secret_tokens_are_stored_only_as_hashes(store):
    ws = Setup(store)
    control_token = ws.created.control_token
    participant_token = ws.people[0].token
    dump = []
    with store.engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            for row in connection.execute(text(f"SELECT * FROM {table}")):
                dump.extend(str(value) for value in row)
    everything = "\n".join(dump)
    assert control_token not in everything
    assert participant_token not in everything
    assert hash_token(control_token) in everything
    assert hash_token(participant_token) in everything
