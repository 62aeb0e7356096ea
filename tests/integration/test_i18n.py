"""The translation template matches the code, and both catalogues translate every message."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "translations" / "messages.pot"
LOCALES = ("nl", "en")


def read(path: Path, locale=None):
    with open(path, "rb") as handle:
        return read_po(handle, locale=locale)


def message_ids(catalogue) -> set:
    return {message.id for message in catalogue if message.id}


@pytest.fixture(scope="module")
def template():
    return read(TEMPLATE)


def test_the_template_is_up_to_date(tmp_path, template):
    fresh = tmp_path / "messages.pot"
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run(
        [
            str(pybabel),
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "N_",
            "-k",
            "_",
            "-k",
            "gettext",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--sort-output",
            "-o",
            str(fresh),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    extracted, stored = message_ids(read(fresh)), message_ids(template)
    assert extracted, "extraction found no messages"
    new, stale = sorted(extracted - stored, key=str), sorted(stored - extracted, key=str)
    assert not new and not stale, (
        "translations/messages.pot is out of date; run `make extract-messages`.\n"
        f"In the code but not in the template: {new}\nIn the template but gone from the code: {stale}"
    )


def test_every_message_is_translated_in_both_catalogues(template):
    gaps = []
    for locale in LOCALES:
        catalogue = read(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", locale)
        for msgid in message_ids(template):
            message = catalogue.get(msgid)
            strings = (
                message.string if message is not None and isinstance(message.string, tuple) else (getattr(message, "string", ""),)
            )
            if message is None or message.fuzzy or not all(s and s.strip() for s in strings):
                gaps.append(f"{locale}: {msgid if isinstance(msgid, str) else msgid[0]!r}")
    assert not gaps, f"{len(gaps)} untranslated messages:\n" + "\n".join(gaps[:50])


def test_an_activity_without_a_title_gets_its_kinds_label_in_the_workshops_language(client):
    reply = client.post(
        "/api/workshops",
        json={
            "title": "Kick-off",
            "language": "nl",
            "organisations": [{"name": "Woonstede"}],
            "agenda": [{"kind": "poll", "config": {"options": ["Ja", "Nee"]}}, {"kind": "scale"}],
        },
    )
    assert reply.status_code == 201, reply.get_json()
    agenda = client.get(
        f"/api/workshops/{reply.get_json()['code']}/agenda",
        headers={"Authorization": f"Bearer {reply.get_json()['control_token']}"},
    )
    assert [a["title"] for a in agenda.get_json()] == ["Peiling", "Schaal"]


def test_errors_speak_the_workshops_language_with_translated_field_names(client):
    reply = client.post(
        "/api/workshops",
        json={"title": "", "language": "nl", "organisations": [{"name": "A"}]},
        headers={"Accept-Language": "nl"},
    )
    assert reply.status_code == 400
    assert reply.get_json()["error"]["message"] == "Titel is verplicht."
