"""Phone fixes at 390x844, each from one scripted state: required fields, drafts across a reload, a colleague's
pledge, the sticky bar and the timer, and a remote participant watching the projector. axe-core on every state.

Screenshots go to test-output/screenshots/phone/.
"""

import re

import pytest

from tests.support.accessibility import check_accessibility
from tests.support.browser import MISSING, SHOTS, shot, skip_module_without_browser
from tests.support.projector import projector_problems
from tests.support.scripted import Scripted

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

skip_module_without_browser()
if not MISSING:
    from playwright.sync_api import expect

FOLDER = SHOTS / "phone"
ORGANISATIONS = ("Woonstede", "Thuisbaas", "De Zonnige Woning")


@pytest.fixture
def scripted(server):
    made = []

    def make(agenda, **options):
        workshop = Scripted(server, agenda, ORGANISATIONS, **options)
        made.append(workshop)
        return workshop

    yield make
    for workshop in made:
        workshop.close()


def phone_of(pages, workshop, org: int, name: str = "", presence: str = "room"):
    """A phone that joined through the API: the device keeps the participant's token in its cookie."""
    joined = workshop.api.join(workshop.created, org=org, display_name=name, presence=presence)
    page = pages.open(f"phone {name or org}", 390, 844, mobile=True)
    page.context.add_cookies([{"name": f"samenspel_{workshop.code}", "value": joined["token"], "url": workshop.server.url}])
    page.goto(f"{workshop.server.url}/w/{workshop.code}")
    return page, joined


def bar_problems(page) -> list[str]:
    """Text in the sticky bar that runs under its button, or past its own box."""
    return page.evaluate(
        """() => {
        const bar = document.querySelector("#stage .bottom-bar");
        if (!bar) return [];
        const button = bar.querySelector("button").getBoundingClientRect(), problems = [];
        for (const node of bar.querySelectorAll(".bar-text *")) {
          const rect = node.getBoundingClientRect(), text = node.textContent.trim();
          if (!rect.width || !text) continue;
          if (rect.right > button.left + 1) problems.push(`${text} runs under the button`);
          if (node.scrollWidth > node.clientWidth + 1) problems.push(`${text} is wider than its box`);
        }
        return problems;
      }"""
    )


def looks_right(page, name: str) -> None:
    shot(page, f"{name}.png", FOLDER)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{name}: scrolls sideways ({width}px)"
    assert bar_problems(page) == [], name
    check_accessibility(page, name)


def test_ambitions_mark_required_fields_and_name_everything_missing_at_once(scripted, pages):
    expect.set_options(timeout=15_000)
    workshop = scripted([{"kind": "ambitions", "title": "Wat wil jouw organisatie bereiken?"}])
    (activity,) = workshop.agenda()
    workshop.control("open", activity["id"])
    phone, _ = phone_of(pages, workshop, 0, "Anne")
    form = phone.locator("#stage form.answer-form")
    expect(form.locator(".required")).to_have_count(3)
    expect(phone.locator("#ambition-text")).to_have_attribute("required", "")
    expect(form.locator("[role=radiogroup][aria-required=true]")).to_have_count(2)
    form.locator("button[type=submit]").click()
    error = phone.locator("#stage .status.error")
    expect(error).to_have_text("Vul nog in: je ambitie, een waarde-driver en een termijn.")
    looks_right(phone, "ambitions-missing-everything")
    phone.fill("#ambition-text", "Samen warmtepompen inkopen")
    form.locator("button[type=submit]").click()
    expect(error).to_have_text("Vul nog in: een waarde-driver en een termijn.")
    phone.locator("label.chip", has_text="Innovatie").click()
    phone.locator("label.chip", has_text="10 jaar").click()
    form.locator("button[type=submit]").click()
    expect(phone.locator("#stage .status.ok")).to_be_visible()
    expect(phone.locator(".mine-list .mine-text")).to_have_text(["Samen warmtepompen inkopen"])
    looks_right(phone, "ambitions-sent")
    assert pages.errors == []


def test_unsent_dots_survive_a_reload_and_the_bar_hides_no_goal(scripted, pages):
    expect.set_options(timeout=15_000)
    workshop = scripted([{"kind": "dot_voting", "title": "Welke doelstellingen pakken we samen op?", "config": {"dots": 5}}])
    for text in (
        "Samen de wijken van het gas af",
        "Bewoners betrekken via één gezamenlijk loket",
        "Eén inkooptraject voor warmtepompen",
        "Huurders mee laten beslissen over de planning van hun eigen straat",
    ):
        workshop.goal(text)
    (activity,) = workshop.agenda()
    workshop.control("open", activity["id"])
    phone, _ = phone_of(pages, workshop, 0, "Anne")
    rows = phone.locator(".dv-row")
    expect(rows).to_have_count(4)
    rows.nth(0).locator(".dv-step.plus").click()
    rows.nth(0).locator(".dv-step.plus").click()
    rows.nth(3).locator(".dv-step.plus").click()
    expect(phone.locator(".dv-count")).to_have_text(["2", "0", "0", "1"])

    phone.reload()
    expect(phone.locator(".dv-count")).to_have_text(["2", "0", "0", "1"])  # kept on the phone, not sent
    bar = phone.locator("#stage .bottom-bar")
    expect(bar.locator("button")).to_have_text("Versturen")
    bar.locator("button").click()
    expect(bar.locator(".status.ok")).to_have_text("Je stem is binnen ✓")

    # The sticky bar stays one compact row and never covers a goal scrolled into view above it.
    height = bar.evaluate("node => node.getBoundingClientRect().height")
    assert height <= 100, f"the bottom bar takes {height}px of 844"
    for index in range(4):
        covered = rows.nth(index).evaluate(
            """row => {
              row.scrollIntoView({ block: "nearest" });
              const rect = row.getBoundingClientRect(), x = rect.left + rect.width / 2;
              return [rect.top + 2, rect.bottom - 2].some(y => !row.contains(document.elementFromPoint(x, y)));
            }"""
        )
        assert not covered, f"goal {index + 1} is covered by the bottom bar"
    looks_right(phone, "dot-voting-sent")

    phone.reload()
    expect(phone.locator(".dv-count")).to_have_text(["2", "0", "0", "1"])  # now from the server
    expect(bar.locator("button")).to_have_text("Mijn stem aanpassen")
    assert pages.errors == []


def test_the_status_beside_a_long_button_stays_readable(scripted, pages):
    expect.set_options(timeout=15_000)
    workshop = scripted([{"kind": "scale", "title": "Hoeveel vertrouwen heb je nu?"}])
    (activity,) = workshop.agenda()
    workshop.control("open", activity["id"])
    phone, _ = phone_of(pages, workshop, 0, "Anne")
    bar = phone.locator("#stage .bottom-bar")
    bar.locator("button").click()
    expect(bar.locator(".status.ok")).to_have_text("Ontvangen ✓")
    expect(bar.locator("button")).to_have_text("Mijn antwoord aanpassen")
    height = bar.evaluate("node => node.getBoundingClientRect().height")
    assert height <= 100, f"the bottom bar takes {height}px of 844"
    looks_right(phone, "scale-sent")
    assert pages.errors == []


def test_a_colleagues_pledge_replacing_mine_shows_on_my_phone(scripted, pages):
    expect.set_options(timeout=15_000)
    workshop = scripted([{"kind": "commitments", "title": "Wat zet jouw organisatie in?"}])
    goal = workshop.goal("Samen de wijken van het gas af")
    (activity,) = workshop.agenda()
    workshop.control("open", activity["id"])
    anne, _ = phone_of(pages, workshop, 0, "Anne")
    bram, _ = phone_of(pages, workshop, 0, "Bram")
    other, _ = phone_of(pages, workshop, 1, "Els")
    anne.fill(f"#cm-hours-{goal}", "40")
    anne.locator("#stage .bottom-bar button").click()
    counts = anne.locator(f"#cm-hours-{goal}-counts")
    expect(counts).to_have_text("Voor Woonstede telt jouw toezegging: 40 uur.")
    expect(bram.locator(f"#cm-hours-{goal}-counts")).to_have_text("Voor Woonstede telt 40 uur, toegezegd door Anne.")

    bram.fill(f"#cm-hours-{goal}", "16")
    bram.locator("#stage .bottom-bar button").click()
    expect(counts).to_have_text("Voor Woonstede telt 16 uur, toegezegd door Bram.")
    expect(bram.locator(f"#cm-hours-{goal}-counts")).to_have_text("Voor Woonstede telt jouw toezegging: 16 uur.")
    # Another organisation's phone never hears Woonstede's names.
    expect(other.locator(f"#cm-hours-{goal}-counts")).to_have_text("")
    looks_right(anne, "commitments-replaced-by-colleague")
    anne.reload()
    expect(anne.locator(f"#cm-hours-{goal}-counts")).to_have_text("Voor Woonstede telt 16 uur, toegezegd door Bram.")
    assert pages.errors == []


def test_the_timer_never_floats_over_the_field_being_typed_in(scripted, pages):
    expect.set_options(timeout=15_000)
    workshop = scripted([{"kind": "reflection", "title": "Wat beangstigt je, of maakt je (over)moedig?"}])
    (activity,) = workshop.agenda()
    workshop.control("open", activity["id"])
    assert workshop.facilitator().call("timer", {"activity_id": activity["id"], "seconds": 300})["ok"]
    phone, _ = phone_of(pages, workshop, 0, "Anne")
    expect(phone.locator("#countdown")).to_be_visible()
    # The page repeats no instruction: the title's question is not listed again among the questions to think along.
    expect(phone.locator(".reflection-questions li", has_text="Wat beangstigt je")).to_have_count(0)
    field = phone.locator("#reflection-text")
    field.click()
    phone.keyboard.type("Ik ben bang dat mijn bestuur dit te traag vindt")
    overlap = field.evaluate(
        """field => {
          window.scrollTo(0, field.getBoundingClientRect().top + window.scrollY - 4);
          const a = field.getBoundingClientRect(), b = document.getElementById("countdown").getBoundingClientRect();
          const bar = document.querySelector("#stage .bottom-bar").getBoundingClientRect();
          return [b.bottom > a.top && b.top < a.bottom, bar.top < a.bottom && bar.bottom > a.top];
        }"""
    )
    assert overlap == [False, False], f"while typing, the timer / the bottom bar cover the field: {overlap}"
    looks_right(phone, "reflection-typing-with-timer")
    assert pages.errors == []


def test_a_remote_participant_sees_what_the_room_sees(scripted, pages):
    expect.set_options(timeout=15_000)
    workshop = scripted([{"kind": "scale", "title": "Hoeveel vertrouwen heb je nu?"}], threshold=2)
    (activity,) = workshop.agenda()
    in_room, _ = phone_of(pages, workshop, 0, "Anne")
    remote, _ = phone_of(pages, workshop, 1, "Els", presence="remote")
    expect(remote.locator("#stage .phone-title")).to_be_visible()
    expect(in_room.locator("#watch-screen")).to_be_hidden()
    link = remote.locator("#watch-screen a")
    expect(link).to_be_visible()
    looks_right(remote, "remote-lobby-with-screen-link")
    with remote.context.expect_page() as opened:
        link.click()
    viewer = opened.value
    viewer.set_viewport_size({"width": 390, "height": 844})
    expect(viewer.locator("#lobby-code")).to_have_text(workshop.code)
    shot(viewer, "remote-viewer-lobby-upright.png", FOLDER)

    # The viewer follows the facilitator and shows what the projector shows, nothing more.
    workshop.control("open", activity["id"])
    expect(viewer.locator("#activity-title")).to_have_text("Hoeveel vertrouwen heb je nu?")
    shot(viewer, "remote-viewer-activity-upright.png", FOLDER)
    # The same participant on their laptop (the phone's cookie, a desktop browser at 1366x768).
    laptop = pages.open("remote laptop", 1366, 768)
    laptop.context.add_cookies(remote.context.cookies())
    laptop.goto(f"{workshop.server.url}/w/{workshop.code}/screen")
    viewer = laptop
    expect(viewer.locator("#activity-title")).to_have_text("Hoeveel vertrouwen heb je nu?")
    room = [workshop.join(0), workshop.join(0)]
    away = [workshop.join(1, presence="remote")]
    for person, value in zip(room + away, [7, 8, 3], strict=True):
        workshop.answer(person, activity["id"], {"value": value})
    workshop.control("reveal", activity["id"])
    expect(viewer.locator("#screen-count")).to_contain_text("3")
    expect(viewer.locator(".scale-summary")).to_be_visible()
    assert projector_problems(viewer) == []
    shot(viewer, "remote-viewer-scale-1366x768.png", FOLDER)

    # Room and remote side by side: one remote answer is below the threshold of 2, so it stays hidden.
    assert workshop.facilitator().call("settings", {"screen_presence": "split"})["ok"]
    parts = viewer.locator(".split-part")
    expect(parts).to_have_count(2)
    expect(parts.nth(0).locator(".scale-summary")).to_contain_text(re.compile(r"7,5"))
    expect(parts.nth(1)).to_contain_text("Minder dan 2 mensen op afstand hebben geantwoord")
    shot(viewer, "remote-viewer-split-1366x768.png", FOLDER)
    assert projector_problems(viewer) == []
    check_accessibility(viewer, "remote viewer, split")
    viewer.set_viewport_size({"width": 1920, "height": 1080})
    expect(parts).to_have_count(2)
    shot(viewer, "split-1920x1080.png", FOLDER)
    assert projector_problems(viewer) == []
    assert pages.errors == []
