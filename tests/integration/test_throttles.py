"""Guessing and ballot stuffing (issue 7 §3): wrong codes and joins are throttled, a NAT room still passes."""

import pytest

from tests.support.forms import with_token
from tests.support.live import last

NAT = {"REMOTE_ADDR": "203.0.113.50"}


@pytest.fixture
def throttled(app):
    """The app with small limits, so a test reaches them quickly."""
    from workshop import create_app

    small = create_app(
        {
            **app.config,
            "WRONG_CODE_RATE_LIMIT": "10 per minute",
            "WRONG_CODE_GLOBAL_RATE_LIMIT": "25 per minute",
            "JOIN_RATE_LIMIT": "20 per 10 minutes",
            "CREATE_RATE_LIMIT": "3 per hour",
        }
    )
    yield small
    small.extensions["samenspel.db"].engine.dispose()


def create(client, **environ) -> dict:
    reply = client.post("/api/workshops", json={"title": "T", "organisations": ["A", "B"]}, environ_base=environ or {})
    assert reply.status_code == 201, reply.get_data(as_text=True)
    return reply.get_json()


def join(client, created, address: str, form=False):
    org = created["workshop"]["organisations"][0]["id"]
    if form:
        data = with_token(client, {"organisation_id": org, "role": "manager"}, page=f"/w/{created['code']}")
        return client.post(f"/w/{created['code']}/join", data=data, environ_base={"REMOTE_ADDR": address})
    return client.post(
        f"/api/workshops/{created['code']}/participants",
        json={"organisation_id": org, "role": "manager"},
        environ_base={"REMOTE_ADDR": address},
    )


def test_a_room_of_200_behind_one_address_joins_and_the_facilitator_is_told(app, client, workshops, live):
    created = workshops.create()
    control = live.facilitator(created)
    control.get_received()
    for i in range(200):
        # Some through the form, most through the API; a few typos of the code on the way.
        reply = join(client, created, NAT["REMOTE_ADDR"], form=i % 20 == 0)
        assert reply.status_code in (201, 303), (i, reply.status_code)
        if i % 10 == 0:
            assert client.get("/join?code=QQQQQQ", environ_base=NAT).status_code == 404
    warnings = [e["args"][0]["warnings"] for e in control.get_received() if e["name"] == "join_warnings"]
    assert [w[0] for w in warnings] == [10, 25, 50, 100, 200]
    assert last(live.facilitator(created), "state")["join_warnings"] == [200]
    # Phones and screens are not told.
    assert "join_warnings" not in last(live.screen(created), "state")


def test_joins_from_one_address_are_throttled_per_workshop(throttled):
    client = throttled.test_client()
    first, second = create(client), create(client)
    for i in range(20):
        assert join(client, first, "198.51.100.1").status_code == 201, i
    refused = join(client, first, "198.51.100.1")
    assert refused.status_code == 429
    assert refused.get_json()["error"]["code"] == "too_many_requests" and "Retry-After" in refused.headers
    assert join(client, first, "198.51.100.1", form=True).status_code == 429, "the form shares the budget"
    assert join(client, first, "198.51.100.2").status_code == 201, "another address is not affected"
    assert join(client, second, "198.51.100.1").status_code == 201, "another workshop is not affected"
    # Refused joins and failed ones do not count.
    for _ in range(5):
        bad = client.post(
            f"/api/workshops/{second['code']}/participants", json={"role": "x"}, environ_base={"REMOTE_ADDR": "198.51.100.3"}
        )
        assert bad.status_code == 400
    assert join(client, second, "198.51.100.3").status_code == 201


def test_wrong_codes_are_throttled_per_address_without_telling_which_codes_exist(throttled):
    client = throttled.test_client()
    created = create(client)
    guesser = {"REMOTE_ADDR": "192.0.2.66"}
    for i in range(10):
        path = ("/join?code=QQQQ{:02d}" if i % 2 else "/api/workshops/QQQQ{:02d}").format(i)
        assert client.get(path.replace("{:02d}", ""), environ_base=guesser).status_code == 404
    for path in ("/join?code=QQQQQQ", "/api/workshops/QQQQQQ", "/w/QQQQQQ", f"/api/workshops/{created['code']}"):
        reply = client.get(path, environ_base=guesser)
        assert reply.status_code == 429, path
    # Someone else's typo and right code still work.
    assert client.get("/join?code=QQQQQQ", environ_base={"REMOTE_ADDR": "192.0.2.1"}).status_code == 404
    assert client.get(f"/w/{created['code']}", environ_base={"REMOTE_ADDR": "192.0.2.1"}).status_code == 200
    # Right codes never count against an address.
    for _ in range(30):
        assert client.get(f"/api/workshops/{created['code']}", environ_base={"REMOTE_ADDR": "192.0.2.2"}).status_code == 200


def test_wrong_codes_are_throttled_for_everyone_together(throttled):
    client = throttled.test_client()
    created = create(client)
    for i in range(25):
        assert client.get("/api/workshops/QQQQQQ", environ_base={"REMOTE_ADDR": f"192.0.2.{100 + i}"}).status_code == 404
    refused = client.get("/api/workshops/QQQQQQ", environ_base={"REMOTE_ADDR": "192.0.2.200"})
    assert refused.status_code == 429
    # Pages that name no workshop are never throttled.
    assert client.get("/", environ_base={"REMOTE_ADDR": "192.0.2.200"}).status_code == 200
    assert client.get("/healthz", environ_base={"REMOTE_ADDR": "192.0.2.200"}).status_code == 200
    assert created


def test_creating_workshops_is_throttled_per_address(throttled):
    client = throttled.test_client()
    for _ in range(3):
        create(client, REMOTE_ADDR="192.0.2.9")
    assert (
        client.post(
            "/api/workshops", json={"title": "T", "organisations": ["A"]}, environ_base={"REMOTE_ADDR": "192.0.2.9"}
        ).status_code
        == 429
    )
    create(client, REMOTE_ADDR="192.0.2.10")


def test_rate_limits_can_be_turned_off_for_load_tests(app):
    from workshop import create_app

    free = create_app({**app.config, "RATE_LIMITS": False, "JOIN_RATE_LIMIT": "1 per hour"})
    client = free.test_client()
    created = create(client)
    for _ in range(3):
        assert join(client, created, "198.51.100.9").status_code == 201
    free.extensions["samenspel.db"].engine.dispose()
