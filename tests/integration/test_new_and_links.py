"""The /new form with the agenda editor, join links phones can reach, and the framed projector preview."""

import json
import re

import pytest

from tests.support.forms import with_token
from tests.support.live import last
from workshop.web import links

FORM = {
    "title": "Kick-off",
    "language": "nl",
    "org_name": ["Woonstede", "Thuisbaas"],
    "org_colour": ["", ""],
    "privacy_threshold": "1",
    "roles": "bestuurder\nmanager\nAnders",
}


def created_from(client, reply) -> dict:
    html = reply.get_data(as_text=True)
    control = re.search(r'id="control-link"[^>]*value="([^"]+)"', html).group(1)
    code = re.search(r"/w/([A-Z0-9]{6})/control#", control).group(1)
    token = control.split("#", 1)[1]
    agenda = client.get(f"/api/workshops/{code}/agenda", headers={"Authorization": f"Bearer {token}"}).get_json()
    return {"code": code, "token": token, "agenda": agenda, "html": html}


def test_the_editor_sends_its_agenda_in_both_languages(client):
    agenda = [
        {"kind": "scale", "title": {"nl": "Vertrouwen", "en": "Trust"}, "results": "live", "config": {"min": 1, "max": 5}},
        {"kind": "poll", "title": {"nl": "Hoe verder?"}, "config": {"options": {"nl": ["Ja", "Nee"], "en": ["Yes", "No"]}}},
    ]
    reply = client.post(
        "/new",
        data=with_token(client, FORM | {"agenda_json": json.dumps(agenda), "bilingual": "1", "format": "co-creation-kickoff"}),
    )
    assert reply.status_code == 201, reply.get_data(as_text=True)[:2000]
    made = created_from(client, reply)
    assert [a["kind"] for a in made["agenda"]] == ["scale", "poll"], "the editor's agenda wins over the format choice"
    assert made["agenda"][0]["item"]["title"] == {"nl": "Vertrouwen", "en": "Trust"}
    assert made["agenda"][0]["results_visible"] is True
    assert made["agenda"][1]["item"]["config"]["options"] == {"nl": ["Ja", "Nee"], "en": ["Yes", "No"]}
    workshop = client.get(f"/api/workshops/{made['code']}").get_json()
    assert workshop["roles"] == ["bestuurder", "manager", "other"], "“Anders” is the role other, shown in each language"


def test_one_language_drops_the_other(client):
    agenda = [{"kind": "poll", "title": {"nl": "Hoe verder?", "en": "How to go on?"}}]
    reply = client.post("/new", data=with_token(client, FORM | {"agenda_json": json.dumps(agenda)}))
    made = created_from(client, reply)
    assert made["agenda"][0]["item"]["title"] == {"nl": "Hoe verder?"}


def test_an_error_in_the_editors_agenda_keeps_the_agenda_and_names_the_item_and_field(client):
    agenda = [{"kind": "poll"}, {"kind": "scale", "title": "Vertrouwen", "config": {"min": 5, "max": 1}}]
    reply = client.post("/new?lang=nl", data=with_token(client, FORM | {"agenda_json": json.dumps(agenda)}))
    assert reply.status_code == 400
    html = reply.get_data(as_text=True)
    assert "Activiteit 2:" in html
    data = json.loads(re.search(r'<script type="application/json" id="editor-data">(.*?)</script>', html, re.S).group(1))
    assert data["agenda"] == agenda, "nothing the facilitator made is lost"
    assert (data["error"]["item"], data["error"]["field"]) == (1, "max")


def test_the_role_other_is_shown_translated_on_new(client):
    assert "\nAnders</textarea>" in client.get("/new?lang=nl").get_data(as_text=True)
    assert "\nOther</textarea>" in client.get("/new?lang=en").get_data(as_text=True)


def test_the_editor_gets_every_kinds_settings_with_their_limits(client):
    html = client.get("/new?lang=nl").get_data(as_text=True)
    data = json.loads(re.search(r'id="editor-data">(.*?)</script>', html, re.S).group(1))
    poll = data["schema"]["kinds"]["poll"]
    options = next(s for s in poll["settings"] if s["name"] == "options")
    assert (options["label"], options["min_items"], options["max_items"], options["translatable"]) == ("Opties", 2, 10, True)
    assert poll["defaults"]["options"]["en"][0] == "Board members first"
    assert data["schema"]["kinds"]["scale"]["results"] == "after_reveal"
    assert set(data["formats"]) == {"co-creation-kickoff", "ambitions-round", "directors-session", "follow-up"}


# ---- join links phones can reach ----


def test_a_laptop_only_join_link_is_flagged(client, workshop):
    page = client.get(f"/w/{workshop['code']}/control?lang=en").get_data(as_text=True)
    assert 'id="reach"' in page and "Phones cannot open this join link." in page, "the test client's host is localhost"


def test_on_all_interfaces_the_join_link_uses_the_network_address(app, client, workshops, monkeypatch):
    app.config["HOST"] = "0.0.0.0"
    monkeypatch.setattr(links, "lan_address", lambda: "192.168.1.20")
    created = workshops.create()
    assert created["links"]["join"] == f"http://192.168.1.20/w/{created['code']}"
    assert created["links"]["control"].startswith("http://localhost/"), "the facilitator's own link stays as it was opened"
    page = client.get(f"/w/{created['code']}/control?lang=en").get_data(as_text=True)
    assert "http://192.168.1.20/w/" in page and "same Wi-Fi" in page
    monkeypatch.setattr(links, "lan_address", lambda: None)
    assert "Phones cannot open" in client.get(f"/w/{created['code']}/control?lang=en").get_data(as_text=True)


def test_public_url_is_used_as_is(app, client, workshops):
    app.config["PUBLIC_URL"] = "https://workshop.example.nl"
    created = workshops.create()
    assert created["links"]["join"] == f"https://workshop.example.nl/w/{created['code']}"
    assert 'id="reach"' not in client.get(f"/w/{created['code']}/control").get_data(as_text=True)


def test_a_host_name_is_trusted_to_reach(app, client, workshops):
    # A host name is served only when the operator lists it (docs/security.md); then phones can reach it.
    app.config["ALLOWED_HOSTS"] = ["samenspel.lan"]
    created = workshops.create()
    page = client.get(f"/w/{created['code']}/control", base_url="http://samenspel.lan:5000").get_data(as_text=True)
    assert 'id="reach"' not in page and "http://samenspel.lan:5000/w/" in page


def test_lan_address_is_never_a_loopback_address():
    address = links.lan_address()
    assert address is None or not address.startswith("127.")


# ---- the projector preview inside the control view ----


def test_only_the_preview_may_be_framed_and_only_by_this_site(client, workshop):
    plain = client.get(f"/w/{workshop['code']}/screen")
    assert plain.headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in plain.headers["Content-Security-Policy"]
    framed = client.get(f"/w/{workshop['code']}/screen?preview=1")
    assert framed.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in framed.headers["Content-Security-Policy"]
    assert client.get(f"/w/{workshop['code']}/control?preview=1").headers["X-Frame-Options"] == "DENY"


def test_the_preview_is_not_counted_as_a_screen(workshop, live):
    facilitator = live.facilitator(workshop)
    preview = live._connect({"role": "screen", "code": workshop["code"], "key": workshop["screen_key"], "preview": True})
    assert last(preview, "state")["current"] is None, "it sees what the projector sees"
    assert last(facilitator, "presence")["screens"] == 0
    live.screen(workshop)
    assert last(facilitator, "presence")["screens"] == 1


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_only_a_true_preview_flag_counts(workshop, live, value):
    facilitator = live.facilitator(workshop)
    live._connect({"role": "screen", "code": workshop["code"], "key": workshop["screen_key"], "preview": value})
    assert last(facilitator, "presence")["screens"] == 1
