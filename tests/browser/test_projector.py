"""The projector at 1920x1080 and a remote viewer's 1366x768 laptop: 32px text, nothing cut off, paging, divergence.

Each test sets up one state through the API and Socket.IO (fast), opens the screen in Chromium at both sizes,
checks layout and axe-core, and saves screenshots to test-output/screenshots/projector/ to look at.
"""

import pytest

from tests.support.accessibility import check_accessibility
from tests.support.browser import MISSING, SHOTS, shot, skip_module_without_browser
from tests.support.projector import projector_problems
from tests.support.scripted import Scripted

pytestmark = [pytest.mark.browser, pytest.mark.timeout(180)]

skip_module_without_browser()
if not MISSING:
    from playwright.sync_api import expect

FOLDER = SHOTS / "projector"
ORGANISATIONS = ("Woonstede", "Thuisbaas", "De Zonnige Woning")
SIZES = [(1920, 1080), (1366, 768)]
LONG = (
    "Alle huurwoningen in onze drie wijken zijn in 2035 van het gas af, met warmtepompen die we samen inkopen, "
    "een gezamenlijk loket voor bewoners en een planning die we elk kwartaal met de huurdersraad bespreken"
)


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


def open_screen(pages, url, width, height, name="screen"):
    page = pages.open(f"{name} {width}x{height}", width, height)
    page.clock.install()
    page.goto(url)
    return page


def looks_right(page, name: str) -> None:
    """Layout rules and axe-core on the page's current state, and a screenshot to look at."""
    shot(page, f"{name}.png", FOLDER)
    assert projector_problems(page) == [], name
    check_accessibility(page, name)


def test_ambitions_page_through_every_card_instead_of_plus_n(scripted, pages):
    expect.set_options(timeout=15_000)
    workshop = scripted([{"kind": "ambitions", "title": "Tip 2 · Wat wil jouw organisatie uit deze samenwerking halen?"}])
    (activity,) = workshop.agenda()
    workshop.control("open", activity["id"])
    people = [workshop.join(0, "Anne"), workshop.join(0, "Bram"), workshop.join(0, "Cor"), workshop.join(1), workshop.join(2)]
    texts = []
    for i in range(7):
        text = (f"Ambitie {i + 1}: " + LONG[: 60 + 25 * i]).strip()
        texts.append(text)
        workshop.answer(people[i % 3], activity["id"], {"text": text, "value_driver": "Innovatie", "horizon": 10})
    workshop.answer(people[3], activity["id"], {"text": "Eén loket voor bewoners", "value_driver": "Leefbaarheid", "horizon": 3})
    workshop.answer(people[4], activity["id"], {"text": "Zon op elk dak", "value_driver": "Innovatie", "horizon": 1})
    for width, height in SIZES:
        screen = open_screen(pages, workshop.links["screen"], width, height)
        column = screen.locator(".column", has_text=ORGANISATIONS[0])
        expect(column.locator(".column-head .count")).to_have_text("7")
        expect(screen.locator(".more")).to_have_count(0)
        mark = column.locator(".page-mark")
        expect(mark).to_have_text(__import__("re").compile(r"^1 / [2-9]$"))
        pages_total = int(mark.text_content().split("/")[1])
        looks_right(screen, f"ambitions-{width}x{height}-page-1")
        seen = set(column.locator(".card-text").all_text_contents())
        for page in range(2, pages_total + 1):
            screen.clock.run_for(11_000)
            expect(mark).to_have_text(f"{page} / {pages_total}")
            seen |= set(column.locator(".card-text").all_text_contents())
            if page == 2:
                looks_right(screen, f"ambitions-{width}x{height}-page-2")
        assert seen == set(texts), "every ambition of the organisation comes on some page, whole"
    assert pages.errors == []


def test_divergence_is_one_action_away_and_shows_where_organisations_differ(scripted, pages):
    expect.set_options(timeout=15_000)
    workshop = scripted(
        [{"kind": "dot_voting", "title": "Tip 2 · Welke doelstellingen pakken we samen op?", "config": {"dots": 3}}]
    )
    goals = [
        workshop.goal("Samen de wijken van het gas af"),
        workshop.goal("Bewoners betrekken via één gezamenlijk loket, ook voor particuliere eigenaren in dezelfde straat"),
        workshop.goal("Eén inkooptraject voor warmtepompen"),
        workshop.goal("Huurders mee laten beslissen over de planning"),
    ]
    (activity,) = workshop.agenda()
    workshop.control("open", activity["id"])
    ballots = [
        (0, {goals[0]: 3}),
        (0, {goals[0]: 2, goals[2]: 1}),
        (1, {goals[1]: 3}),
        (1, {goals[1]: 2, goals[3]: 1}),
        (2, {goals[3]: 2, goals[0]: 1}),
    ]
    for org, allocation in ballots:
        workshop.answer(workshop.join(org), activity["id"], {"allocation": {str(k): v for k, v in allocation.items()}})
    workshop.control("reveal", activity["id"])

    control = pages.open("control", 1440, 900)
    control.goto(workshop.links["control"])
    button = control.locator("#actions [data-action=divergence]")
    expect(button).to_have_attribute("aria-pressed", "false")
    screens = [open_screen(pages, workshop.links["screen"], w, h) for w, h in SIZES]
    for screen in screens:
        expect(screen.locator(".dv-columns")).to_be_visible()
    # One action on the control view (the D key; V is "Volgende", next) puts the divergence picture on every screen.
    control.locator("body").press("d")
    expect(button).to_have_attribute("aria-pressed", "true")
    for screen, (width, height) in zip(screens, SIZES, strict=True):
        rows = screen.locator(".dvd-row")
        expect(rows).to_have_count(4)
        # The goal the organisations disagree on most comes first, with a marker per organisation.
        expect(rows.first.locator(".dvd-dot")).to_have_count(3)
        expect(screen.locator(".dvd-legend-item")).to_have_text(["1Woonstede", "2Thuisbaas", "3De Zonnige Woning"])
        looks_right(screen, f"divergence-{width}x{height}")
    button.click()
    for screen in screens:
        expect(screen.locator(".dv-columns")).to_be_visible()
    assert pages.errors == []


def test_objections_goals_and_common_ground_wrap_instead_of_being_cut(scripted, pages):
    expect.set_options(timeout=15_000)
    workshop = scripted(
        [
            {"kind": "consent", "title": "Instemming met de gekozen doelstellingen"},
            {"kind": "dot_voting", "title": "Welke doelstellingen pakken we samen op?"},
        ]
    )
    long_goal = "Bewoners betrekken via één gezamenlijk loket dat ook particuliere eigenaren in dezelfde straten helpt"
    goals = [workshop.goal(long_goal), workshop.goal("Samen de wijken van het gas af"), workshop.goal("Eén inkooptraject")]
    consent, dots = workshop.agenda()
    workshop.control("open", consent["id"])
    objection = (
        "Zonder harde afspraak over wie de kosten draagt als een wijk later van het gas af gaat, kunnen wij hier niet mee leven"
    )
    people = [workshop.join(i % 3) for i in range(4)]
    for i, person in enumerate(people):
        responses = {str(g): {"position": "consent"} for g in goals}
        if i < 2:
            responses[str(goals[0])] = {"position": "objection", "reason": objection + f" ({i + 1})"}
        workshop.answer(person, consent["id"], {"responses": responses})
    workshop.control("reveal", consent["id"])
    for width, height in SIZES:
        screen = open_screen(pages, workshop.links["screen"], width, height, "consent")
        reasons = screen.locator(".cs-screen-reasons li")
        expect(reasons).to_have_count(2)
        expect(reasons.first).to_contain_text(objection)
        looks_right(screen, f"consent-{width}x{height}")

    workshop.control("open", dots["id"])
    for person in people:
        workshop.answer(person, dots["id"], {"allocation": {str(goals[0]): 2, str(goals[1]): 1}})
    workshop.control("reveal", dots["id"])
    for width, height in SIZES:
        screen = open_screen(pages, workshop.links["screen"], width, height, "dots")
        expect(screen.locator(".dv-common-goals li")).to_have_text([long_goal, "Samen de wijken van het gas af"])
        expect(screen.locator(".dv-label-text", has_text=long_goal).first).to_be_visible()
        looks_right(screen, f"dot_voting-{width}x{height}")
    assert pages.errors == []


def test_an_upright_phone_gets_the_narrow_layout_of_every_result(scripted, pages):
    """A remote participant holding the screen upright: goals above their bars, nothing squeezed to nothing."""
    expect.set_options(timeout=15_000)
    workshop = scripted(
        [
            {"kind": "commitments", "title": "Wat zet jouw organisatie in?"},
            {"kind": "consent", "title": "Instemming met de gekozen doelstellingen"},
            {"kind": "scale", "title": "Hoeveel vertrouwen heb je nu?"},
            {"kind": "goals", "title": "Van ambities naar doelstellingen"},
        ]
    )
    goals = [workshop.goal("Samen de wijken van het gas af"), workshop.goal("Bewoners betrekken via één loket")]
    commitments, consent, scale, goal_cards = workshop.agenda()
    people = [workshop.join(i % 3) for i in range(3)]
    answers = {
        commitments["id"]: lambda i: {"pledges": {str(goals[0]): {"hours": 8 * (i + 1), "budget": 2500 * (i + 1)}}},
        consent["id"]: lambda i: {"responses": {str(g): {"position": "consent"} for g in goals}},
        scale["id"]: lambda i: {"value": 3 + 2 * i},
        goal_cards["id"]: None,
    }
    for activity_id, answer in answers.items():
        workshop.control("open", activity_id)
        for i, person in enumerate(people if answer else []):
            workshop.answer(person, activity_id, answer(i))
        workshop.control("reveal", activity_id)
        screen = open_screen(pages, workshop.links["screen"], 390, 844, "upright")
        expect(screen.locator("body.screen-narrow")).to_have_count(1)
        expect(screen.locator("#screen-results > *").first).to_be_visible()
        shot(screen, f"upright-{activity_id}.png", FOLDER)
        assert projector_problems(screen) == [], activity_id
        squeezed = screen.evaluate(
            """() => [...document.querySelectorAll(".cm-track, .cs-screen-row > *, .scale-plot, .gl-card")]
                 .filter(n => n.getBoundingClientRect().width < 150).map(n => n.className)"""
        )
        assert squeezed == [], f"squeezed on an upright phone: {squeezed}"
        screen.close()
    assert pages.errors == []
