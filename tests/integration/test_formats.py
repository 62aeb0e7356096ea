"""Formats: the shipped ones build a workshop in both languages; an exported agenda imports again."""

import io
import json

import pytest

from tests.support.forms import with_token
from workshop import formats


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", sorted(formats.shipped()))
def test_every_shipped_format_builds_a_workshop(client, name, language):
    agenda = formats.shipped()[name]["agenda"]
    reply = client.post(
        "/api/workshops",
        json={"title": "Kick-off", "language": language, "organisations": [{"name": "A"}, {"name": "B"}], "agenda": agenda},
    )
    assert reply.status_code == 201, reply.get_json()
    created = reply.get_json()
    made = client.get(
        f"/api/workshops/{created['code']}/agenda", headers={"Authorization": f"Bearer {created['control_token']}"}
    ).get_json()
    assert [a["kind"] for a in made] == [item["kind"] for item in agenda]
    for item, activity in zip(agenda, made, strict=True):
        if isinstance(item.get("title"), dict):
            assert activity["title"] == item["title"][language]


def test_the_kickoff_follows_the_five_tips():
    kickoff = formats.shipped()["co-creation-kickoff"]
    titles = " ".join(item["title"]["nl"] for item in kickoff["agenda"])
    for tip in range(1, 6):
        assert f"Tip {tip}" in titles
    assert {
        "introductions",
        "ambitions",
        "goals",
        "dot_voting",
        "team_phase",
        "scale",
        "reflection",
        "consent",
        "commitments",
    } <= {item["kind"] for item in kickoff["agenda"]}


def test_an_exported_agenda_creates_the_same_agenda_through_the_form(client, workshops):
    created = workshops.create(agenda=formats.shipped()["co-creation-kickoff"]["agenda"], language="en")
    bearer = {"Authorization": f"Bearer {created['control_token']}"}
    exported = client.get(f"/api/workshops/{created['code']}/format", headers=bearer)
    assert exported.status_code == 200
    form = {
        "title": "Second session",
        "language": "en",
        "org_name": ["Woonstede", "Thuisbaas"],
        "org_colour": ["#0072B2", "#E69F00"],
        "roles": "bestuurder\nmanager",
        "privacy_threshold": "3",
        "format": "",
        "format_file": (io.BytesIO(json.dumps(exported.get_json()).encode()), "agenda.json"),
    }
    reply = client.post("/new", data=with_token(client, form), content_type="multipart/form-data")
    assert reply.status_code == 201, reply.get_data(as_text=True)[:500]
    code = reply.get_data(as_text=True).split("/w/")[1][:6]
    html = reply.get_data(as_text=True)
    token = html.split(f"/w/{code}/control#")[1].split('"')[0]
    again = client.get(f"/api/workshops/{code}/agenda", headers={"Authorization": f"Bearer {token}"}).get_json()
    original = client.get(f"/api/workshops/{created['code']}/agenda", headers=bearer).get_json()
    keep = ("kind", "title", "prompt", "config")
    assert [{k: a[k] for k in keep} for a in again] == [{k: a[k] for k in keep} for a in original]


@pytest.mark.parametrize(
    "content",
    [
        b"not json",
        b"[]",
        b'{"format": 1}',
        b'{"format": 99, "agenda": []}',
        b'{"format": 1, "agenda": [{"kind": "nope"}]}',
        b"\xff\xfe",
    ],
)
def test_a_bad_format_file_is_refused_with_a_message(client, content):
    form = {"title": "X", "language": "en", "org_name": ["A"], "org_colour": ["#0072B2"], "roles": "", "privacy_threshold": "3"}
    form["format_file"] = (io.BytesIO(content), "agenda.json")
    reply = client.post("/new", data=with_token(client, form), content_type="multipart/form-data")
    assert reply.status_code == 400
    assert 'class="error banner"' in reply.get_data(as_text=True)
