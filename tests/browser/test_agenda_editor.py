"""The agenda editor and the control view in Debian's Chromium, as a facilitator uses them.

Create a workshop from scratch on /new with one activity of every kind, each configured through the
editor (with errors shown beside their field); edit and delete activities while the workshop runs; "Next"
after reopening an earlier activity; adopting goals from the dot-voting results; the control view fitting
a 1440x900 and a 1366x768 laptop. Screenshots go to test-output/screenshots/control/.
"""

import json
import re
import uuid

import pytest
import requests

from tests.support.browser import MISSING, ROOT, SHOTS, join_by_code, shot, skip_module_without_browser
from tests.support.server import SocketClient
from tests.support.workshops import Api

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

skip_module_without_browser()
if not MISSING:
    from playwright.sync_api import expect

FOLDER = SHOTS / "control"
KICKOFF = json.loads((ROOT / "formats" / "co-creation-kickoff.json").read_text(encoding="utf-8"))
ORGANISATIONS = ["Woonstede", "Thuisbaas", "De Zonnige Woning"]


def bearer(created: dict) -> dict:
    return {"Authorization": f"Bearer {created['control_token']}"}


def control_page(pages, server, created: dict, width=1440, height=900):
    page = pages.open("control", width, height)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(created["links"]["control"])
    expect(page.locator("#agenda > li")).to_have_count(len(created["agenda"]))
    return page


def create(server, agenda, **extra) -> dict:
    created = Api(server.url).create_workshop(
        language="nl", organisations=ORGANISATIONS, settings={"privacy_threshold": 1}, agenda=agenda, **extra
    )
    created["agenda"] = agenda
    return created


def phone_client(server, created: dict, org: int = 0) -> SocketClient:
    token = Api(server.url).join(created, org)["token"]
    return SocketClient(origin=server.url).connect(server, {"role": "participant", "code": created["code"], "token": token})


def answer(client: SocketClient, activity_id: int, payload: dict) -> None:
    ack = client.call("submit", {"activity_id": activity_id, "client_id": uuid.uuid4().hex, "answer": payload})
    assert ack["ok"], ack


def editor(page):
    return page.locator("dialog.editor-dialog[open]")


def field(page, name: str):
    return editor(page).locator(f'.ed-field[data-field="{name}"]')


def fill_text(page, name: str, nl: str, en: str | None = None) -> None:
    """A text field of the open editor, in Dutch and (bilingual workshops) in English."""
    box = field(page, name)
    box.locator("[lang=nl]").fill(nl)
    if en is not None:
        box.locator("[lang=en]").fill(en)


def save(page) -> None:
    editor(page).locator("[data-action=save-activity]").click()


# ---- 1. A workshop from scratch, every kind configured through the editor ----

SETTINGS = {
    "introductions": {"max_length": "200"},
    "ambitions": {
        "value_drivers": ("Betaalbaarheid\nVerduurzaming", "Affordability\nSustainability"),
        "horizons": "1, 5",
        "max_per_participant": "2",
    },
    "goals": {},
    "dot_voting": {"dots": "5", "max_per_goal": "2", "top_k": "2", "adopted_only": True},
    "scale": {"left": ("Weinig vertrouwen", "Little trust"), "right": ("Veel vertrouwen", "Much trust"), "min": "1", "max": "7"},
    "team_phase": {},
    "reflection": {"questions": ("Waar loop je tegenaan?", "What do you run into?"), "max_length": "600"},
    "poll": {
        "options": ("Vervolgsessie\nWerkgroepen\nStoppen", "Follow-up\nWorking groups\nStop"),
        "multiple": True,
        "max_choices": "2",
    },
    "consent": {},
    "commitments": {"hours": False, "budget": True, "period": ("per jaar", "per year")},
}


def configure(page, kind: str) -> None:
    for name, value in SETTINGS[kind].items():
        box = field(page, name)
        if isinstance(value, bool):
            box.locator("input[type=checkbox]").set_checked(value)
        elif isinstance(value, tuple):
            fill_text(page, name, *value)
        else:
            box.locator("input").fill(value)


def test_a_workshop_from_scratch_with_every_kind(server, pages):
    expect.set_options(timeout=15_000)
    page = pages.open("facilitator", 1440, 900)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(server.url + "/new?lang=nl")
    page.fill("#title", "Samen verduurzamen")
    page.check("input[name=language][value=nl]")
    page.check("#bilingual")
    for i, name in enumerate(ORGANISATIONS):
        page.fill(f"#org-name-{i}", name)
    page.fill("#privacy_threshold", "1")
    expect(page.locator("#new-agenda .empty-item")).to_be_visible()

    kinds = list(SETTINGS)
    for number, kind in enumerate(kinds, start=1):
        page.locator("#new-add").click()
        editor(page).locator("select").first.select_option(kind)
        fill_text(page, "title", f"Activiteit {number}", f"Activity {number}")
        configure(page, kind)
        if kind == "scale":
            # The server's rule, shown beside its field in the workshop's language; nothing typed is lost.
            field(page, "min").locator("input").fill("9")
            save(page)
            error = field(page, "max").locator(".field-error")
            expect(error).to_be_visible()
            expect(error).to_contain_text("laagste waarde")
            expect(field(page, "left").locator("[lang=en]")).to_have_value("Little trust")
            shot(page, "editor-error.png", FOLDER)
            field(page, "min").locator("input").fill("1")
            editor(page).locator("input[value=live]").check()
        if kind == "poll":
            fill_text(page, "options", "Vervolgsessie\nWerkgroepen\nStoppen", "Follow-up\nStop")
            save(page)
            error = field(page, "options").locator(".field-error")
            expect(error).to_contain_text("Engels")
            expect(field(page, "options").locator("[lang=en]")).to_have_attribute("aria-invalid", "true")
            fill_text(page, "options", *SETTINGS["poll"]["options"])
        if kind == "ambitions":
            shot(page, "editor-ambitions.png", FOLDER)
        save(page)
        expect(editor(page)).to_have_count(0)
        expect(page.locator("#new-agenda > li")).to_have_count(number)

    # Duplicate, move and delete on the list before creating.
    page.locator("#new-agenda > li").nth(0).locator("[data-action=duplicate]").click()
    expect(page.locator("#new-agenda > li")).to_have_count(len(kinds) + 1)
    page.locator("#new-agenda > li").nth(1).locator("[data-action=delete]").click()
    expect(page.locator("#new-agenda > li")).to_have_count(len(kinds))
    shot(page, "new-agenda.png", FOLDER)

    page.locator("#new-workshop > button[type=submit]").click()
    control_link = page.locator("#control-link").input_value()
    code = re.search(r"/w/([A-Z0-9]{6})/control", control_link).group(1)
    token = control_link.split("#", 1)[1]
    expect(page.locator("#reach")).to_be_visible()  # the test server listens on this machine only

    exported = requests.get(
        f"{server.url}/api/workshops/{code}/format", headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).json()
    items = {item["kind"]: item for item in exported["agenda"]}
    assert [item["kind"] for item in exported["agenda"]] == kinds
    assert items["poll"]["title"] == {"nl": "Activiteit 8", "en": "Activity 8"}
    assert items["poll"]["config"]["options"]["en"] == ["Follow-up", "Working groups", "Stop"]
    assert (items["poll"]["config"]["multiple"], items["poll"]["config"]["max_choices"]) == (True, 2)
    assert (items["scale"]["config"]["min"], items["scale"]["config"]["max"], items["scale"]["results"]) == (1, 7, "live")
    assert items["scale"]["config"]["left"] == {"nl": "Weinig vertrouwen", "en": "Little trust"}
    dots = items["dot_voting"]["config"]
    assert (dots["dots"], dots["max_per_goal"], dots["top_k"], dots["adopted_only"]) == (5, 2, 2, True)
    assert items["ambitions"]["config"]["value_drivers"]["nl"] == ["Betaalbaarheid", "Verduurzaming"]
    assert (items["ambitions"]["config"]["horizons"], items["ambitions"]["config"]["max_per_participant"]) == ([1, 5], 2)
    assert items["reflection"]["config"]["questions"] == {"nl": ["Waar loop je tegenaan?"], "en": ["What do you run into?"]}
    assert items["introductions"]["config"]["max_length"] == 200
    assert (items["commitments"]["config"]["hours"], items["commitments"]["config"]["budget"]) == (False, True)
    assert items["commitments"]["config"]["period"] == {"nl": "per jaar", "en": "per year"}

    page.goto(control_link)
    expect(page.locator("#agenda > li")).to_have_count(len(kinds))
    expect(page.locator("#reach")).to_be_visible()


# ---- 2. Editing and deleting while the workshop runs ----


def test_edit_and_delete_while_the_workshop_runs(server, pages):
    expect.set_options(timeout=15_000)
    agenda = [
        {
            "kind": "poll",
            "title": {"nl": "Hoe verder?", "en": "How to go on?"},
            "config": {"options": {"nl": ["Vervolg", "Werkgroepen"], "en": ["Follow-up", "Working groups"]}},
        },
        {"kind": "scale", "title": {"nl": "Vertrouwen", "en": "Trust"}},
        {"kind": "reflection", "title": {"nl": "Waar loop je tegenaan?", "en": "What do you run into?"}},
    ]
    created = create(server, agenda)
    control = control_page(pages, server, created)
    phone = pages.open("phone", 390, 844, mobile=True)
    phone.goto(server.url + "/lang/en")  # this participant reads English
    join_by_code(phone, server, created["code"], ORGANISATIONS[0])
    phone.locator("form.join-form button[type=submit]").click()
    expect(phone.locator("#stage .waiting")).to_be_visible()

    control.locator("#actions [data-action=next]").click()
    expect(phone.locator("#stage .phone-title")).to_have_text("How to go on?")
    phone.locator("#stage label", has_text="Working groups").click()
    phone.locator("#stage button[type=submit]").click()
    expect(phone.locator("#stage .status.ok")).to_be_visible()

    # Reword the open poll and add an option: the phone follows, the vote stands.
    row = control.locator("#agenda > li").nth(0)
    row.locator("summary").click()
    row.locator("[data-action=edit]").click()
    expect(editor(control).locator(".editor-note")).to_contain_text("1")
    fill_text(control, "title", "Hoe gaan we verder?", "How do we go on?")
    fill_text(control, "options", "Vervolg\nWerkgroepen\nStoppen", "Follow-up\nWorking groups\nStop")
    shot(control, "editing-a-running-poll.png", FOLDER)
    save(control)
    expect(editor(control)).to_have_count(0)
    expect(phone.locator("#stage .phone-title")).to_have_text("How do we go on?")
    expect(phone.locator("#stage label", has_text="Stop")).to_be_visible()
    expect(control.locator("#now .now-title")).to_have_text("Hoe gaan we verder?")

    # Taking an option away would change what was voted for: refused beside the field.
    row.locator("summary").click()
    row.locator("[data-action=edit]").click()
    fill_text(control, "options", "Vervolg\nWerkgroepen", "Follow-up\nWorking groups")
    save(control)
    expect(field(control, "options").locator(".field-error")).to_contain_text("niet verwijderen")
    editor(control).locator("button", has_text="Annuleren").click()
    expect(editor(control)).to_have_count(0)

    # Delete: the open poll first needs closing; then a confirmation, and its answers stay in the download.
    control.locator("#actions [data-action=close]").click()
    expect(row).to_have_class(re.compile(r"state-closed"))
    row.locator("summary").click()
    messages = []
    control.once("dialog", lambda dialog: messages.append(dialog.message))
    row.locator("[data-action=delete]").click()
    expect(control.locator("#agenda > li")).to_have_count(2)
    assert "1" in messages[0] and "Hoe gaan we verder?" in messages[0], messages
    expect(phone.locator("#stage .waiting")).to_be_visible()  # back in the lobby
    exported = requests.get(f"{server.url}/api/workshops/{created['code']}/results", headers=bearer(created), timeout=10).json()
    assert [a["removed"] for a in exported["activities"]] == [True]
    assert exported["activities"][0]["answers"] == 1

    # Duplicate the reflection; delete the scale that never ran.
    control.locator("#agenda > li").nth(1).locator("summary").click()
    control.locator("#agenda > li").nth(1).locator("[data-action=duplicate]").click()
    expect(control.locator("#agenda > li")).to_have_count(3)
    control.locator("#agenda > li").nth(0).locator("summary").click()
    control.locator("#agenda > li").nth(0).locator("[data-action=delete]").click()
    expect(control.locator("#agenda > li .agenda-title")).to_have_text(["Waar loop je tegenaan?"] * 2)

    # Adding during the run, through the same editor.
    control.locator("#add-activity").click()
    editor(control).locator("select").first.select_option("team_phase")
    fill_text(control, "title", "In welke fase zit ons team?", "Which phase is our team in?")
    save(control)
    expect(control.locator("#agenda > li")).to_have_count(3)
    expect(control.locator("#agenda > li").nth(2)).to_contain_text("In welke fase zit ons team?")


# ---- 3. Next after reopening, and adopting goals from the dot-voting results ----


def test_next_never_reopens_a_revealed_vote_and_goals_are_adopted_from_its_results(server, pages):
    expect.set_options(timeout=15_000)
    agenda = [
        {"kind": "goals", "title": "Van ambities naar doelstellingen"},
        {"kind": "dot_voting", "title": "Welke doelstellingen pakken we op?"},
        {"kind": "team_phase", "title": "In welke fase zit ons team?"},
        {"kind": "consent", "title": "Instemming"},
    ]
    created = create(server, agenda)
    control = control_page(pages, server, created)
    phones = [phone_client(server, created, org) for org in (0, 1, 2)]
    try:
        expect(control.locator("#actions [data-action=next] kbd")).to_have_text("V")  # Dutch: Volgende
        control.keyboard.press("v")
        expect(control.locator("#now .now-title")).to_have_text(agenda[0]["title"])
        for number, text in enumerate(("Samen de wijken van het gas af", "Eén loket voor bewoners", "Samen inkopen"), 1):
            control.fill("#gl-new-goal", text)
            control.locator("[data-action=create-goal]").click()
            expect(control.locator("li.gl-goal")).to_have_count(number)

        control.locator("#actions [data-action=next]").click()
        expect(control.locator("#now .now-title")).to_have_text(agenda[1]["title"])
        state = phones[0].wait_for("state", lambda s: s["current"] and s["current"]["kind"] == "dot_voting")
        goals = [g["id"] for g in state["goals"]]
        assert state["current"]["goal_ids"] == goals
        for i, phone in enumerate(phones):
            answer(phone, state["current"]["id"], {"allocation": {str(goals[1]): 2, str(goals[i % 3]): 1}})
        expect(control.locator("#results .results-summary")).to_contain_text("3")
        control.locator("#actions [data-action=reveal]").click()

        # Adopt straight from the results.
        winner = control.locator("#results tr", has_text="Eén loket voor bewoners")
        winner.locator("[data-action=adopt]").click()
        expect(winner.locator("[data-action=unadopt]")).to_be_visible()
        mark = phones[0].mark()
        adopted = phones[0].wait_for("state", lambda s: any(g["adopted"] for g in s["goals"]), since=0)
        assert [g["text"] for g in adopted["goals"] if g["adopted"]] == ["Eén loket voor bewoners"]
        shot(control, "dot-voting-adopted-1440.png", FOLDER)

        # Reopen the goals (asks first), then Next: the team phase opens, not the revealed vote again.
        questions = []
        control.once("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
        control.locator("#agenda > li").nth(0).locator("[data-action=open]").click()
        expect(control.locator("#now .now-title")).to_have_text(agenda[0]["title"])
        assert questions and agenda[0]["title"] in questions[0]
        expect(control.locator("#upcoming")).to_contain_text(agenda[2]["title"])
        control.locator("#actions [data-action=next]").click()
        expect(control.locator("#now .now-title")).to_have_text(agenda[2]["title"])
        expect(control.locator("#agenda > li").nth(1)).to_have_class(re.compile(r"state-closed"))
        phones[0].wait_for("state", lambda s: s["current"] and s["current"]["kind"] == "team_phase", since=mark)
        rejected = phones[1].call(
            "submit",
            {"activity_id": state["current"]["id"], "client_id": uuid.uuid4().hex, "answer": {"allocation": {str(goals[0]): 1}}},
        )
        assert rejected["ok"] is False, "the vote stays closed"
    finally:
        for phone in phones:
            phone.disconnect()


# ---- 4. The control view fits a laptop ----


@pytest.mark.parametrize("width, height", [(1440, 900), (1366, 768)])
def test_the_control_view_fits_a_laptop(server, pages, width, height):
    expect.set_options(timeout=15_000)
    created = create(server, KICKOFF["agenda"])
    control = control_page(pages, server, created, width, height)
    phones = [phone_client(server, created, org) for org in (0, 0, 1, 2)]
    try:
        for _ in range(3):  # introductions, the trust scale, ambitions
            control.locator("#actions [data-action=next]").click()
        state = phones[0].wait_for("state", lambda s: s["current"] and s["current"]["kind"] == "ambitions")
        for i, phone in enumerate(phones):
            answer(
                phone,
                state["current"]["id"],
                {"text": f"Ambitie {i} voor alle wijken", "value_driver": "Leefbaarheid", "horizon": 10},
            )
        expect(control.locator("#results .results-summary")).to_contain_text("4")
        expect(control.frame_locator("#preview").locator("#activity-title")).to_have_text(KICKOFF["agenda"][2]["title"]["nl"])
        shot(control, f"control-{width}x{height}.png", FOLDER)
        layout = control.evaluate(
            """() => {
            const box = (sel) => document.querySelector(sel).getBoundingClientRect();
            const agenda = document.getElementById("agenda");
            return {
              pageScrolls: document.documentElement.scrollHeight > innerHeight + 1,
              actionsBottom: box("#actions").bottom, nextBottom: box("#actions [data-action=next]").bottom,
              agendaHeight: agenda.clientHeight, agendaContent: agenda.scrollHeight,
              preview: box("#preview-box").height, height: innerHeight,
            };
          }"""
        )
        assert not layout["pageScrolls"], layout
        assert layout["actionsBottom"] <= layout["height"] and layout["nextBottom"] <= layout["height"], layout
        assert layout["preview"] > 120, layout
        if width >= 1440:
            assert layout["agendaContent"] <= layout["agendaHeight"] + 2, f"all 14 items in view: {layout}"
        else:
            assert layout["agendaContent"] <= 2 * layout["agendaHeight"], f"one scroll away: {layout}"
        # The results scroll inside their panel; the actions stay where they are.
        control.locator("#results").evaluate("node => node.scrollTop = node.scrollHeight")
        assert control.locator("#actions [data-action=next]").bounding_box()["y"] > 0
        counts = control.locator("#presence .answered").all_inner_texts()
        assert counts == ["2 van 2 hebben geantwoord", "1 van 1 hebben geantwoord", "1 van 1 hebben geantwoord"], counts
    finally:
        for phone in phones:
            phone.disconnect()


# ---- 5. An answer waiting on an offline phone is not counted yet ----


def test_an_answer_kept_on_an_offline_phone_counts_once_it_arrives(server, pages):
    expect.set_options(timeout=15_000)
    created = create(server, [{"kind": "scale", "title": "Vertrouwen", "results": "live"}])
    control = control_page(pages, server, created)
    phone = pages.open("phone", 390, 844, mobile=True)
    join_by_code(phone, server, created["code"], ORGANISATIONS[0])
    phone.locator("form.join-form button[type=submit]").click()
    other = phone_client(server, created, 1)
    try:
        control.locator("#actions [data-action=next]").click()
        expect(phone.locator("#stage .scale-step").first).to_be_visible()
        rows = control.locator("#presence .presence-row")
        expect(rows.nth(0).locator(".answered")).to_have_text("0 van 1 hebben geantwoord")

        phone.context.set_offline(True)
        expect(phone.locator("#connection")).to_be_visible()
        phone.locator("#stage .scale-step").nth(1).click()
        phone.locator("#stage form.answer-form button[type=submit]").click()
        expect(phone.locator("#stage .status")).to_have_text(phone.evaluate("Samenspel.t('queued')"))
        expect(rows.nth(0).locator(".answered")).to_have_text("0 van 1 hebben geantwoord · 1 offline")
        expect(control.locator("#presence .hint")).to_be_visible()
        shot(control, "offline-answer-waiting.png", FOLDER)

        phone.context.set_offline(False)
        expect(rows.nth(0).locator(".answered")).to_have_text("1 van 1 hebben geantwoord")
        expect(rows.nth(1).locator(".answered")).to_have_text("0 van 1 hebben geantwoord")
    finally:
        other.disconnect()
