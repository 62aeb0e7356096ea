"""The whole "Co-creation kick-off" format in Debian's Chromium, as a facilitator runs it.

The facilitator creates the workshop on /new (Dutch, three organisations, smallest group 1), four phones
join (two from the first organisation), and the control view's Next button walks the fourteen activities.
Every phone answers through its real UI, and for every activity the projector is checked for what the room
should see. Screenshots of the projector, a phone and the control view per activity go to
test-output/screenshots/kickoff/ for a designer's look.
"""

import json
import re
from dataclasses import dataclass

import pytest

from tests.support.accessibility import CONTROL_AXE_EXCLUDED, axe_violations
from tests.support.browser import MISSING, ROOT, SHOTS, join_by_code, shot, skip_module_without_browser
from tests.support.projector import projector_problems

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

skip_module_without_browser()
if not MISSING:
    from playwright.sync_api import expect

FOLDER = SHOTS / "kickoff"
FORMAT = json.loads((ROOT / "formats" / "co-creation-kickoff.json").read_text(encoding="utf-8"))
TITLES = [item["title"]["nl"] for item in FORMAT["agenda"]]
KINDS = [item["kind"] for item in FORMAT["agenda"]]
WOONSTEDE, THUISBAAS, ZONNIG = "Woonstede", "Thuisbaas", "De Zonnige Woning"
ORGANISATIONS = [WOONSTEDE, THUISBAAS, ZONNIG]


@dataclass
class Person:
    organisation: str
    name: str  # "" joins without a name
    page: object = None


PEOPLE = [Person(WOONSTEDE, "Anne"), Person(WOONSTEDE, "Bram"), Person(THUISBAAS, ""), Person(ZONNIG, "Carla")]

AMBITIONS = [
    (0, "Alle huurwoningen van het gas af in 2035"),
    (1, "Huurders actief betrekken bij verduurzaming"),
    (2, "Eén loket voor bewoners met vragen over energie"),
    (3, "Zonnepanelen op elk geschikt dak in onze wijken"),
    (0, "Samen warmtepompen inkopen met de andere corporaties"),
]
GOALS = [
    ("Samen de wijken van het gas af", [AMBITIONS[0][1], AMBITIONS[3][1], AMBITIONS[4][1]]),
    ("Bewoners betrekken via één gezamenlijk loket", [AMBITIONS[1][1], AMBITIONS[2][1]]),
]
# Per reflection activity, per person: (share, text). Private texts must never reach the projector or control view.
REFLECTIONS = [
    [
        ("private", "Ik ben bang dat mijn bestuur dit te traag vindt"),
        ("named", "Mij maakt het moedig dat we elkaar al kennen"),
        ("anonymous", "Ik vrees dat we elkaars budget niet vertrouwen"),
        ("named", "Overmoedig word ik als de planning te strak is"),
    ],
    [
        ("named", "Ik houd in als een huurder het woord neemt"),
        ("private", "Eerlijk gezegd houd ik zelden in tijdens overleg"),
        ("private", "Ik laat anderen pas praten als ik klaar ben"),
        ("anonymous", "Ik zwijg bewust in de eerste vergadering"),
    ],
    [
        ("anonymous", "Wie betaalt er als het misgaat?"),
        ("named", "Wat vinden de huurders hier zelf van?"),
        ("named", "Hoeveel tijd krijgen we echt van onze bestuurders?"),
        ("private", "Waarom zit mijn directeur hier niet bij?"),
    ],
]
PRIVATE_TEXTS = [text for round_ in REFLECTIONS for share, text in round_ if share == "private"]


def ack(page, key: str = "received") -> str:
    """The translated ack text the page shows for `key` (translations are filled in while this test exists)."""
    return page.evaluate("key => Samenspel.t(key)", key)


def wait_for_ack(phone, key: str = "received") -> None:
    status = phone.locator("#stage .status.ok")
    expect(status).to_be_visible()
    expect(status).to_have_text(ack(phone, key))


def submit_form(phone) -> None:
    phone.locator("#stage form.answer-form button[type=submit]").click()


class Run:
    """The devices of one workshop and what the test does with them."""

    def __init__(self):
        self.control = self.screen = None
        self.step = 0
        self.problems: list[str] = []

    # ---- moving through the agenda ----

    def next(self) -> str:
        """Click Next on the control view; wait until every device shows the next activity."""
        self.control.locator("#actions [data-action=next]").click()
        title, kind = TITLES[self.step], KINDS[self.step]
        self.step += 1
        expect(self.control.locator("#now .now-title")).to_have_text(title)
        expect(self.screen.locator("#activity-title")).to_have_text(title)
        for person in PEOPLE:
            expect(person.page.locator("#stage .phone-title")).to_have_text(title)
        return kind

    def reveal(self, respondents: int | None = len(PEOPLE)) -> None:
        """The facilitator reveals the results (most kinds show them from the start: then there is nothing to do).

        Then wait until the projector counts every respondent, so what it shows is complete.
        """
        reveal = self.control.locator("#actions [data-action=reveal]")
        if reveal.count():
            reveal.click()
        expect(self.control.locator("#actions [data-action=hide]")).to_be_visible()
        expect(self.screen.locator("#screen-results > p.empty")).to_have_count(0)
        if respondents is not None:
            counted = self.screen.evaluate("n => Samenspel.t('respondents_count', {n: n})", respondents)
            expect(self.screen.locator("#screen-count")).to_contain_text(counted)

    def shots(self, kind: str, phone) -> None:
        prefix = f"{self.step:02d}-{kind}"
        shot(self.screen, f"{prefix}-screen.png", FOLDER)
        shot(phone, f"{prefix}-phone.png", FOLDER)
        shot(self.control, f"{prefix}-control.png", FOLDER)
        # Collected, not asserted at once, so that a layout problem still leaves every screenshot to look at.
        self.problems += [f"{prefix} on the projector: {problem}" for problem in projector_problems(self.screen)]
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            self.problems.append(f"{prefix} on the phone: scrolls sideways ({width}px)")
        self.accessibility(prefix, phone)

    def accessibility(self, prefix: str, phone=None) -> None:
        """axe-core on the projector, the control view and a phone as they are now; collected like layout problems."""
        checked = [("projector", self.screen, ()), ("control view", self.control, CONTROL_AXE_EXCLUDED)]
        if phone is not None:
            checked.append(("phone", phone, ()))
        for where, page, excluded in checked:
            self.problems += [f"{prefix} on the {where}: {v}" for v in axe_violations(page, excluded)]

    def no_private_reflections(self) -> None:
        """Not on screen, and not hidden in the page either."""
        for page in (self.screen, self.control):
            body = page.content()
            for text in PRIVATE_TEXTS:
                assert text not in body, f"a private reflection is on {page.url}: {text}"

    @property
    def results(self):
        return self.screen.locator("#screen-results")


def set_scale(phone, value: int, middle: int = 5) -> None:
    step = phone.locator(".scale-step").nth(1 if value > middle else 0)
    for _ in range(abs(value - middle)):
        step.click()
    expect(phone.locator(".scale-current")).to_have_text(str(value))


def test_the_whole_kickoff(server, pages):
    expect.set_options(timeout=15_000)
    run = Run()

    # ---- the facilitator creates the workshop ----
    control = run.control = pages.open("control", 1440, 900)
    control.on("dialog", lambda dialog: dialog.accept())
    control.goto(server.url + "/new")
    control.fill("#title", "Kick-off Warmte in de Wijk")
    control.check("input[name=language][value=nl]")
    for i, name in enumerate(ORGANISATIONS):
        control.fill(f"#org-name-{i}", name)
    control.fill("#privacy_threshold", "1")
    control.check("input[name=format][value=co-creation-kickoff]")
    control.locator("form button[type=submit]").click()
    control_link = control.locator("#control-link").input_value()
    screen_link = control.locator("#screen-link").input_value()
    code = re.search(r"/w/([A-Z0-9]{6})$", control.locator("#join-link").input_value()).group(1)
    control.goto(control_link)
    expect(control.locator("#agenda li")).to_have_count(len(TITLES))

    screen = run.screen = pages.open("screen", 1920, 1080)
    screen.goto(screen_link)
    expect(screen.locator("#lobby-code")).to_have_text(code)

    for i, person in enumerate(PEOPLE):
        phone = person.page = pages.open(f"phone {i + 1} ({person.organisation})", 390, 844, mobile=True)
        join_by_code(phone, server, code, person.organisation)
        if person.name:
            phone.fill("#display_name", person.name)
        phone.locator("form.join-form button[type=submit]").click()
        expect(phone.locator("#stage .waiting")).to_be_visible()
    expect(screen.locator("#lobby-orgs li").first).to_contain_text("2")
    shot(screen, "00-lobby-screen.png", FOLDER)
    run.accessibility("00-lobby", PEOPLE[0].page)
    anne, bram, thuisbaas, carla = (p.page for p in PEOPLE)

    # ---- 1. introductions: a column per organisation ----
    kind = run.next()
    intros = [
        ("Twintig jaar ervaring met renovaties", "Een partner die durft te versnellen"),
        ("Kennis van huurdersparticipatie", "Minder losse projecten, meer samen"),
        ("Een groot netwerk bij installateurs", "Grip op de planning van de wijk"),
        ("Data over energielabels van 4.000 woningen", "Inzicht in wat de anderen van plan zijn"),
    ]
    for person, (bring, get) in zip(PEOPLE, intros, strict=True):
        person.page.fill("#intro-bring", bring)
        person.page.fill("#intro-get", get)
        submit_form(person.page)
        wait_for_ack(person.page)
    run.reveal()
    heads = run.results.locator(".column-head")
    expect(heads).to_have_count(3)
    for head, organisation in zip(heads.all(), ORGANISATIONS, strict=True):
        expect(head).to_contain_text(organisation)
    expect(run.results.locator(".column", has_text=WOONSTEDE).locator(".intro-name")).to_have_text(["Anne", "Bram"])
    for bring, _ in intros:
        expect(run.results.locator(".intro-text", has_text=bring)).to_be_visible()
    run.shots(kind, anne)

    # ---- 2. scale: trust ----
    kind = run.next()
    for person, value in zip(PEOPLE, [7, 8, 4, 6], strict=True):
        set_scale(person.page, value)
        submit_form(person.page)
        wait_for_ack(person.page)
    run.reveal()
    expect(run.results.locator(".scale-summary")).to_contain_text(re.compile(r"^\D*6,5 "))  # median of 4, 6, 7, 8
    expect(run.results.locator(".scale-lane-label")).to_have_count(4)  # everyone + three organisations
    for organisation in ORGANISATIONS:
        expect(run.results.locator(".scale-lane-label", has_text=organisation)).to_be_visible()
    expect(run.results.locator(".scale-count").filter(has_text=re.compile(r"\d"))).to_have_text(["1", "1", "1", "1"])
    run.shots(kind, anne)

    # ---- 3. ambitions ----
    kind = run.next()
    for i, (who, text) in enumerate(AMBITIONS):
        phone = PEOPLE[who].page
        phone.fill("#ambition-text", text)
        phone.locator("label.chip:has(input[name=value_driver])").nth(i % 6).click()
        phone.locator("label.chip:has(input[name=horizon])").nth(i % 3).click()
        submit_form(phone)
        wait_for_ack(phone)
        expect(phone.locator(".mine-list .mine-text").last).to_have_text(text)
    expect(anne.locator(".mine-list .mine-item")).to_have_count(2)
    run.reveal()
    expect(run.results.locator(".column")).to_have_count(3)
    # The newest ambition of each organisation is on top of its column; what does not fit comes on the next page.
    latest = {PEOPLE[who].organisation: text for who, text in AMBITIONS}
    for organisation, text in latest.items():
        column = run.results.locator(".column", has=screen.locator(".card-text", has_text=text))
        expect(column.locator(".column-head")).to_contain_text(organisation)
    woonstede = run.results.locator(".column", has_text=WOONSTEDE)
    expect(woonstede.locator(".column-head .count")).to_have_text("3")
    shown = woonstede.locator(".card-item").count()
    if shown < 3:
        expect(woonstede.locator(".page-mark")).to_have_text(re.compile(r"^\d / \d$"))
    expect(run.results.locator(".driver-strip .bar-value").first).to_have_text(re.compile(r"^\d+$"))
    run.shots(kind, anne)

    # ---- 4. goals: the facilitator composes two goals from ambitions and adopts them ----
    kind = run.next()
    composer = control.locator(".gl-tool")
    for number, (goal, sources) in enumerate(GOALS, start=1):
        for text in sources:
            control.locator(".gl-source", has_text=text).click()
        expect(composer.locator(".gl-source input:checked")).to_have_count(len(sources))
        control.fill("#gl-new-goal", goal)
        control.locator("[data-action=create-goal]").click()
        expect(composer.locator("li.gl-goal")).to_have_count(number)
        row = composer.locator("li.gl-goal", has_text=goal)
        row.locator("[data-action=adopt]").click()
        expect(row.locator("[data-action=unadopt]")).to_be_visible()
    run.reveal(respondents=None)
    cards = run.results.locator(".gl-card")
    expect(cards).to_have_count(2)
    expect(run.results.locator(".gl-card.adopted")).to_have_count(2)
    expect(cards.nth(0)).to_contain_text(GOALS[0][0])
    for organisation in (WOONSTEDE, ZONNIG):
        expect(cards.nth(0).locator(".org-label", has_text=organisation)).to_be_visible()
    for organisation in (WOONSTEDE, THUISBAAS):
        expect(cards.nth(1).locator(".org-label", has_text=organisation)).to_be_visible()
    expect(anne.locator(".gl-phone-item.adopted")).to_have_count(2)
    run.shots(kind, anne)

    # ---- 5. dot voting: plain and equal voice ----
    kind = run.next()
    ballots = [[2, 1], [3, 0], [0, 3], [0, 3]]
    for person, ballot in zip(PEOPLE, ballots, strict=True):
        rows = person.page.locator(".dv-row")
        expect(rows).to_have_count(2)
        for row, dots in zip(rows.all(), ballot, strict=True):
            for _ in range(dots):
                row.locator(".dv-step.plus").click()
        expect(person.page.locator(".dv-left.done")).to_be_visible()
        person.page.locator("#stage .bottom-bar button").click()
        wait_for_ack(person.page, "dot_voting.saved")
    run.reveal()
    plain = run.results.locator(".dv-column").first
    equal = run.results.locator(".dv-column.equal")
    expect(equal).to_be_visible()
    expect(plain.locator(".dv-value")).to_have_text(["7", "5"])
    expect(plain.locator(".dv-label-text").first).to_have_text(GOALS[1][0])
    # Equal voice: Woonstede 5 of 6 dots on goal 1, the others all on goal 2 → 216,7 and 83,3 points.
    expect(equal.locator(".dv-value")).to_have_text(["216,7", "83,3"])
    run.shots(kind, anne)

    # ---- 6. team phase ----
    kind = run.next()
    for person, phase in zip(PEOPLE, ["norming", "storming", "storming", "forming"], strict=True):
        person.page.locator(f"label[for=phase-{phase}]").click()
        submit_form(person.page)
        wait_for_ack(person.page)
    run.reveal()
    expect(run.results.locator(".phase-column")).to_have_count(4)
    expect(run.results.locator(".phase-count")).to_have_text(["1", "2", "1", "0"])
    expect(run.results.locator(".phase-column.top")).to_have_count(1)
    expect(run.results.locator(".phase-column.top .org-label")).to_have_text([WOONSTEDE, THUISBAAS])
    run.shots(kind, thuisbaas)

    # ---- 7. scale: plan or let it emerge ----
    kind = run.next()
    for person, value in zip(PEOPLE, [3, 2, 7, 5], strict=True):
        set_scale(person.page, value)
        submit_form(person.page)
        wait_for_ack(person.page)
    run.reveal()
    expect(run.results.locator(".scale-summary")).to_contain_text(re.compile(r"^\D*4 "))  # median of 2, 3, 5, 7
    expect(run.results.locator(".scale-poles-axis")).to_contain_text("Laten ontstaan")
    run.shots(kind, bram)

    # ---- 8-10. reflections: private by default, shared with or without a name ----
    for round_ in REFLECTIONS:
        kind = run.next()
        expect(run.results.locator(":scope > p.empty")).to_be_visible()  # hidden until revealed
        for person, (share, text) in zip(PEOPLE, round_, strict=True):
            person.page.fill("#reflection-text", text)
            person.page.locator(f"label[for=share-{share}]").click()
            submit_form(person.page)
            wait_for_ack(person.page)
            expect(person.page.locator(f".reflection-saved.share-{share}")).to_be_visible()
        run.reveal()
        shared = [(person, share, text) for person, (share, text) in zip(PEOPLE, round_, strict=True) if share != "private"]
        expect(run.results.locator(".reflection-card")).to_have_count(len(shared))
        for person, share, text in shared:
            card = run.results.locator(".reflection-card", has_text=text)
            if share == "anonymous":
                expect(card.locator(".org-label")).to_have_count(0)
                expect(card.locator(".author")).to_have_text(ack(screen, "reflection.anonymous_author"))
            else:
                expect(card.locator(".org-label")).to_have_text(person.organisation)
                if person.name:
                    expect(card.locator(".author")).to_have_text(person.name)
        private_count = sum(1 for share, _ in round_ if share == "private")
        expect(run.results.locator(".reflection-counts")).to_contain_text(str(private_count))
        run.no_private_reflections()
        private_phone = next(person.page for person, (share, _) in zip(PEOPLE, round_, strict=True) if share == "private")
        run.shots(kind, private_phone)

    # ---- 11. scale: quick wins or the long term ----
    kind = run.next()
    for person, value in zip(PEOPLE, [8, 9, 6, 10], strict=True):
        set_scale(person.page, value)
        submit_form(person.page)
        wait_for_ack(person.page)
    run.reveal()
    expect(run.results.locator(".scale-summary")).to_contain_text(re.compile(r"^\D*8,5 "))  # median of 6, 8, 9, 10
    run.shots(kind, carla)

    # ---- 12. consent: an objection blocks the first goal ----
    kind = run.next()
    objection = "Zonder afspraak over de kosten kunnen wij hier niet mee leven"
    concern = "Het loket moet ook voor particuliere eigenaren open"
    positions = [
        [("consent", ""), ("consent", "")],
        [("consent", ""), ("concern", concern)],
        [("objection", objection), ("consent", "")],
        [("consent", ""), ("consent", "")],
    ]
    for person, answer in zip(PEOPLE, positions, strict=True):
        blocks = person.page.locator(".cs-goal")
        expect(blocks).to_have_count(2)
        for block, (position, reason) in zip(blocks.all(), answer, strict=True):
            block.locator(f"label.cs-{position}").click()
            if reason:
                block.locator(".cs-reason textarea").fill(reason)
        person.page.locator("#stage .bottom-bar button").click()
        wait_for_ack(person.page, "consent.saved")
    # The three positions side by side on a 390px phone: each word on one line, not "Instemmin-g".
    lines = anne.evaluate(
        """() => [...document.querySelectorAll(".cs-choice-name")].map(node => {
          const range = document.createRange(); range.selectNodeContents(node); return range.getClientRects().length; })"""
    )
    assert set(lines) == {1}, f"a consent position wraps on the phone: {lines}"
    run.reveal()
    rows = run.results.locator(".cs-screen-row")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(GOALS[0][0])
    expect(rows.nth(0).locator(".cs-verdict.blocked")).to_be_visible()
    expect(rows.nth(0).locator(".cs-screen-reasons")).to_contain_text(objection)
    expect(rows.nth(0).locator(".cs-screen-reasons .org-label")).to_have_text(THUISBAAS)
    expect(rows.nth(1).locator(".cs-verdict.pass")).to_be_visible()
    expect(control.locator("#results .cs-verdict.blocked")).to_have_count(1)
    run.shots(kind, thuisbaas)

    # ---- 13. commitments: hours and budget per organisation ----
    kind = run.next()
    pledges = [  # per person, per goal: (hours, budget); "" leaves the field empty
        [("40", "5000"), ("", "")],
        [("", ""), ("16", "")],
        [("24", "12.500"), ("8", "2000")],
        [("10", ""), ("30", "7500")],
    ]
    for person, answer in zip(PEOPLE, pledges, strict=True):
        goals = person.page.locator(".cm-goal")
        expect(goals).to_have_count(2)
        for goal, (hours, budget) in zip(goals.all(), answer, strict=True):
            if hours:
                goal.locator("input[id^=cm-hours-]").fill(hours)
            if budget:
                goal.locator("input[id^=cm-budget-]").fill(budget)
        person.page.locator("#stage .bottom-bar button").click()
        wait_for_ack(person.page, "commitments.saved")
    run.reveal()
    expect(run.results.locator(".cm-grand")).to_contain_text("128")  # 40 + 24 + 10 + 16 + 8 + 30 hours
    expect(run.results.locator(".cm-grand")).to_contain_text("27.000")  # euros
    expect(run.results.locator(".cm-legend-item")).to_have_count(3)
    for organisation in ORGANISATIONS:
        expect(run.results.locator(".cm-legend-item", has_text=organisation)).to_be_visible()
    expect(run.results.locator(".cm-screen-goal")).to_have_count(2)
    run.shots(kind, anne)

    # ---- 14. poll: several choices ----
    kind = run.next()
    for person, choices in zip(PEOPLE, [[0, 2], [2], [0, 1], [2, 3]], strict=True):
        for choice in choices:
            person.page.locator(f"label[for=poll-{choice}]").click()
        submit_form(person.page)
        wait_for_ack(person.page)
    run.reveal()
    expect(run.results.locator(".poll-number")).to_have_text(["2 · 50%", "1 · 25%", "3 · 75%", "1 · 25%"])
    expect(run.results.locator(".poll-option").nth(2).locator(".poll-org")).to_have_count(3)
    run.shots(kind, carla)

    # ---- a bright room: the facilitator switches the projector to the light theme and walks the agenda again ----
    control.locator("#settings-box summary").click()
    control.select_option("#screen-theme", "light")
    control.locator("#settings button[type=submit]").click()
    expect(screen.locator("body.theme-light")).to_have_count(1)
    for index, (title, kind) in enumerate(zip(TITLES, KINDS, strict=True), start=1):
        control.locator(f"#agenda > li:nth-child({index}) [data-action=open]").click()
        expect(screen.locator("#activity-title")).to_have_text(title)
        expect(run.results.locator(":scope > p.empty")).to_have_count(0)
        shot(screen, f"{index:02d}-{kind}-screen-light.png", FOLDER)
        run.problems += [f"{index:02d}-{kind} (light) on the projector: {v}" for v in axe_violations(screen)]
        run.problems += [f"{index:02d}-{kind} (light) on the projector: {p}" for p in projector_problems(screen)]
        run.no_private_reflections()

    # ---- the end: back to the lobby, nothing private leaked anywhere ----
    control.locator("#actions [data-action=lobby]").click()
    expect(screen.locator("#lobby-code")).to_be_visible()
    run.no_private_reflections()
    assert run.step == len(TITLES)
    assert run.problems == [], "\n".join(run.problems)
    assert pages.errors == [], "\n".join(pages.errors)
