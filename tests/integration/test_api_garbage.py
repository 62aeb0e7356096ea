"""The JSON API answers malformed bodies with a 4xx and a message, never a 500."""

import pytest

BODIES = [
    None,
    "text",
    [1, 2],
    {},
    {"title": ["x"], "organisations": "A", "agenda": {"kind": "poll"}, "language": 5, "roles": 7, "settings": []},
    {"title": "T", "organisations": [{"name": "A", "colour": 5}], "agenda": [None, 3, "x"]},
    {"title": "T", "organisations": [{"name": "A"}], "agenda": [{"kind": "scale", "config": {"min": 10**30, "max": "a"}}]},
    {"organisation_id": 10**30, "role": ["manager"], "presence": {}, "display_name": 9},
    {"action": "open", "activity_id": 10**30},
    {"action": ["next"]},
    {"kind": "poll", "config": {"options": [None, {"nl": 5}]}},
]


@pytest.mark.parametrize("body", BODIES, ids=range(len(BODIES)))
def test_malformed_bodies_get_a_clear_4xx(client, workshops, workshop, body):
    bearer = workshops.bearer(workshop)
    code = workshop["code"]
    for path, headers in (
        ("/api/workshops", {}),
        (f"/api/workshops/{code}/participants", {}),
        (f"/api/workshops/{code}/activities", bearer),
        (f"/api/workshops/{code}/control", bearer),
    ):
        reply = client.post(path, json=body, headers=headers)
        if reply.status_code >= 400:
            assert 400 <= reply.status_code < 500, (path, body, reply.status_code, reply.get_data(as_text=True)[:300])
            error = reply.get_json()["error"]
            assert error["code"] and error["message"], (path, body)
