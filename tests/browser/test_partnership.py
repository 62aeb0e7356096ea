"""A partnership over time in Debian's Chromium: directors' session, team kick-off and follow-up, three organisations.

The facilitator creates the partnership on /partnerships/new and its three workshops on the partnership page,
runs each from its control view while three phones (one per organisation) answer, and the projector follows.
Checked on the way: suggested groups in the goal composer, the quorum the consent round waits for, the word
cloud, the directors' outcome as the kick-off's starting point on phones and projector, a goal carried on and
changed, commitments, the trust trend, the progress review; at the end the partnership page shows the thread
from one directors' ambition to one delivered commitment. Screenshots go to test-output/screenshots/partnership/.
"""

import re

import pytest

from tests.browser.test_kickoff import projector_problems
from tests.support.browser import MISSING, SHOTS, join_by_code, no_sideways_scrolling, shot, skip_module_without_browser

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

skip_module_without_browser()
if not MISSING:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

FITS = "() => { const box = document.getElementById('screen-results'); return box.scrollHeight <= box.clientHeight + 2; }"

FOLDER = SHOTS / "partnership"
WOONSTEDE, THUISBAAS, ZONNIG = "Woonstede", "Thuisbaas", "De Zonnige Woning"
ORGANISATIONS = [WOONSTEDE, THUISBAAS, ZONNIG]
SOLAR = "Zonnepanelen op al onze daken"
GOAL = "Samen zon op elk geschikt dak"
CHANGED = "Zon op elk geschikt dak in 2028"
MANDATE = "Het team besluit zelf over inkoop tot 50.000 euro"
FIRM = "Geen huurverhoging door verduurzaming"
NOTE = "120 daken klaar, de rest in het voorjaar"


class Room:
    """The facilitator's laptop, the projector and one phone per organisation."""

    def __init__(self, pages, server):
        self.pages, self.server = pages, server
        self.control = pages.open("control", 1440, 900)
        self.control.on("dialog", lambda dialog: dialog.accept())
        self.screen = pages.open("screen", 1920, 1080)
        self.phones = {}
        self.partnership_url = None
        self.problems: list[str] = []

    def partnership_page(self):
        self.control.goto(self.partnership_url)
        expect(self.control.locator("#pt-thread")).not_to_contain_text("…")

    def new_workshop(self, title, fmt, threshold="1") -> str:
        """Create a workshop on the partnership page; open its control view and the projector; phones join."""
        self.partnership_page()
        self.control.locator("#pt-new-box summary").click()
        self.control.fill("#pt-new-title", title)
        self.control.select_option("#pt-new-format", fmt)
        self.control.fill("#pt-new-threshold", threshold)
        self.control.locator("#pt-new button[type=submit]").click()
        row = self.control.locator(".pt-workshop", has_text=title)
        expect(row).to_be_visible()
        code = row.get_attribute("data-code")
        screen_link = row.locator("a", has_text=re.compile("Scherm")).get_attribute("href")
        row.locator("[data-link=control]").click()
        expect(self.control.locator("#now .now-title")).to_be_visible()
        self.screen.goto(self.server.url + screen_link)
        expect(self.screen.locator("#lobby-code")).to_have_text(code)
        for organisation in ORGANISATIONS:
            phone = self.phones.get(organisation) or self.pages.open(f"phone {organisation}", 390, 844, mobile=True)
            self.phones[organisation] = phone
            join_by_code(phone, self.server, code, organisation)
            phone.locator("form.join-form button[type=submit]").click()
            expect(phone.locator("#stage .waiting")).to_be_visible()
        return code

    def next(self, title=None):
        self.control.locator("#actions [data-action=next]").click()
        if title:
            expect(self.control.locator("#now .now-title")).to_have_text(title)
            expect(self.screen.locator("#activity-title")).to_have_text(title)
            for phone in self.phones.values():
                expect(phone.locator("#stage .phone-title")).to_have_text(title)

    def open(self, title):
        """Open an agenda item directly from the control view's agenda."""
        self.control.locator("#agenda li", has_text=title).locator("[data-action=open]").click()
        expect(self.screen.locator("#activity-title")).to_have_text(title)
        for phone in self.phones.values():
            expect(phone.locator("#stage .phone-title")).to_have_text(title)

    def reveal(self):
        """Show the results on the projector (a scale keeps them hidden until the facilitator reveals them)."""
        reveal = self.control.locator("#actions [data-action=reveal]")
        if reveal.count():
            reveal.click()
        expect(self.control.locator("#actions [data-action=hide]")).to_be_visible()
        expect(self.screen.locator("#screen-results > p.empty")).to_have_count(0)

    def shots(self, name, phone=None):
        shot(self.screen, f"{name}-screen.png", FOLDER)
        self.problems += [f"{name} at 1920x1080: {problem}" for problem in projector_problems(self.screen)]
        # A remote viewer's laptop shows the same screen: nothing may overlap there either.
        self.screen.set_viewport_size({"width": 1366, "height": 768})
        try:  # the screen draws its view again for the new size; wait until it fits (or give up and report)
            self.screen.wait_for_function(FITS, timeout=5_000)
        except PlaywrightTimeout:
            pass
        shot(self.screen, f"{name}-screen-1366.png", FOLDER)
        # Text may be smaller there (the view shrinks to fit), but nothing may overflow.
        self.problems += [f"{name} at 1366x768: {p}" for p in projector_problems(self.screen) if "below 24px" not in p]
        self.screen.set_viewport_size({"width": 1920, "height": 1080})
        shot(self.control, f"{name}-control.png", FOLDER)
        self.control.screenshot(path=str(FOLDER / f"{name}-control-1440x900.png"))
        if phone is not None:
            shot(phone, f"{name}-phone.png", FOLDER)
            no_sideways_scrolling(phone, 390)


def ack(phone):
    status = phone.locator("#stage .status.ok")
    expect(status).to_be_visible()


def send_form(phone):
    phone.locator("#stage .bottom-bar button").click()
    ack(phone)


def scale(phone, value, middle=5):
    step = phone.locator(".scale-step").nth(1 if value > middle else 0)
    for _ in range(abs(value - middle)):
        step.click()
    expect(phone.locator(".scale-current")).to_have_text(str(value))
    send_form(phone)


def ambition(phone, text, driver=None, horizon=None):
    phone.fill("#ambition-text", text)
    if driver is not None:
        phone.locator("label.chip:has(input[name=value_driver])").nth(driver).click()
    if horizon is not None:
        phone.locator("label.chip:has(input[name=horizon])").nth(horizon).click()
    send_form(phone)
    expect(phone.locator(".mine-list .mine-text").last).to_have_text(text)


def test_a_partnership_from_the_directors_session_to_the_follow_up(server, pages):
    expect.set_options(timeout=15_000)
    room = Room(pages, server)
    control, screen = room.control, room.screen

    # ---- The partnership ----
    control.goto(server.url + "/partnerships/new")
    control.fill("#name", "Energietransitie Rivierenland")
    control.check("input[name=language][value=nl]")
    for i, name in enumerate(ORGANISATIONS):
        control.fill(f"#org-name-{i}", name)
    control.locator("form button[type=submit]").click()
    room.partnership_url = control.locator("#partnership-link").input_value()
    shot(control, "00-partnership-created.png", FOLDER)
    room.partnership_page()
    expect(control.locator("#pt-organisations li")).to_have_count(3)

    # ---- 1. The directors' session ----
    room.new_workshop("Bestuurderssessie", "directors-session")
    woonstede, thuisbaas, zonnig = (room.phones[o] for o in ORGANISATIONS)
    room.next("Hoe is de klik?")
    for phone, value in ((woonstede, 6), (thuisbaas, 7), (zonnig, 4)):
        scale(phone, value)
    room.next("De gedeelde ambitie: wat willen we samen bereiken?")
    ambition(woonstede, SOLAR, driver=1, horizon=1)
    ambition(thuisbaas, "Samen zonnepanelen inkopen voor onze daken", driver=4, horizon=0)
    ambition(zonnig, "Betaalbare woonlasten voor onze huurders", driver=0, horizon=2)
    ambition(zonnig, "Huurders betrekken bij de plannen voor hun wijk", driver=3, horizon=1)
    # The word cloud is one of the ambitions screen's views.
    control.locator("#screen-view [data-view=words]").click()
    expect(screen.locator(".word-cloud .cloud-word").first).to_be_visible()
    expect(screen.locator(".word-cloud")).to_contain_text("zonnepanelen")
    room.shots("01-directors-word-cloud", woonstede)
    control.locator("#screen-view [data-view=cards]").click()
    expect(screen.locator(".columns")).to_be_visible()

    room.next("Van ambities naar één gedeelde ambitie")
    control.locator("[data-action=suggest]").click()
    suggestion = control.locator(".gl-suggestion", has_text=SOLAR)
    expect(suggestion).to_contain_text("Samen zonnepanelen inkopen voor onze daken")
    suggestion.locator("input").fill(GOAL)
    shot(control, "02-directors-suggested-groups-control.png", FOLDER)
    suggestion.locator("[data-action=accept-suggestion]").click()
    goal_row = control.locator("li.gl-goal", has_text=GOAL)
    expect(goal_row).to_be_visible()
    goal_row.locator("[data-action=adopt]").click()
    expect(goal_row.locator("[data-action=unadopt]")).to_be_visible()
    expect(screen.locator(".gl-card.adopted")).to_have_count(1)

    room.next("Stemmen we in met de gedeelde ambitie?")
    for phone in (woonstede, thuisbaas):
        phone.locator(".cs-choice.cs-consent").first.click()
        send_form(phone)
    # The round waits for every organisation: the control view says for whom.
    waiting = control.locator("#quorum .quorum-line.waiting")
    expect(waiting).to_contain_text(ZONNIG)
    room.shots("03-directors-consent-waiting", woonstede)
    zonnig.locator(".cs-choice.cs-consent").first.click()
    send_form(zonnig)
    expect(control.locator("#quorum .quorum-line.met")).to_be_visible()

    room.next("Welk mandaat geven we het team?")
    expect(woonstede.locator("label[for=ambition-text]")).to_have_text(
        re.compile(r"^Het mandaat")
    )  # the phone marks it "(verplicht)"
    ambition(woonstede, MANDATE)
    room.next("Wat is voor jouw organisatie niet onderhandelbaar?")
    ambition(zonnig, FIRM)
    control.locator("#actions [data-action=lobby]").click()

    # ---- 2. The team kick-off: it starts from what the directors agreed ----
    room.new_workshop("Kick-off van het team", "co-creation-kickoff")
    room.next("Wat jullie bestuurders afspraken")
    for phone in room.phones.values():
        expect(phone.locator(".sp-ambitions")).to_contain_text(GOAL)
    expect(thuisbaas.locator(".sp-mandate")).to_contain_text(MANDATE)
    expect(screen.locator(".sp-screen .sp-ambitions")).to_contain_text(GOAL)
    expect(screen.locator(".sp-screen .sp-mandate .org-label")).to_have_text(WOONSTEDE)
    expect(screen.locator(".sp-screen .sp-non_negotiables")).to_contain_text(FIRM)
    expect(screen.locator(".sp-screen .sp-value_drivers li")).to_have_count(3)
    room.shots("04-kickoff-starting-point", thuisbaas)

    room.open("Tip 2 · Van ambities naar gezamenlijke doelstellingen")
    carried = control.locator("li.gl-goal", has_text=GOAL)
    expect(carried.locator(".gl-thread.carried")).to_be_visible()
    carried.get_by_role("button", name=re.compile("^Naam wijzigen|^Hernoemen|^Rename|wijzig", re.I)).first.click()
    editing = control.locator("li.gl-goal.editing input")
    editing.fill(CHANGED)
    editing.press("Enter")
    expect(control.locator("li.gl-goal", has_text=CHANGED).locator(".gl-thread.changed")).to_be_visible()

    room.open("Tip 5 · Wat zet jouw organisatie in?")
    for phone, hours, budget in ((woonstede, "200", "40.000"), (thuisbaas, "40", "")):
        phone.locator("input[id^=cm-hours-]").first.fill(hours)
        if budget:
            phone.locator("input[id^=cm-budget-]").first.fill(budget)
        send_form(phone)
    control.locator("#actions [data-action=lobby]").click()

    # ---- 3. The follow-up: trust again, then did we deliver? ----
    room.new_workshop("Vervolgsessie najaar", "follow-up")
    room.open("Hoe is de klik nu?")
    for phone, value in ((woonstede, 8), (thuisbaas, 8), (zonnig, 6)):
        scale(phone, value)
    room.reveal()
    control.locator("#screen-view [data-view=trend]").click()
    trend = screen.locator(".sc-trend-table")
    expect(trend.locator("thead th")).to_have_count(3)  # the label column, the directors, now (the kick-off did not run it)
    expect(trend).to_contain_text("Bestuurderssessie")
    room.shots("05-follow-up-trust-trend", woonstede)

    room.open("Wat hebben we geleverd?")
    expect(woonstede.locator(".pr-committed").first).to_contain_text("200")
    woonstede.locator(".pr-goal").first.locator(".pr-choice.pr-done").click()
    woonstede.locator("input[id^=pr-hours-]").first.fill("180")
    woonstede.locator("input[id^=pr-budget-]").first.fill("38000")
    woonstede.locator("textarea[id^=pr-note-]").first.fill(NOTE)
    send_form(woonstede)
    thuisbaas.locator(".pr-goal").first.locator(".pr-choice.pr-partly").click()
    send_form(thuisbaas)
    expect(screen.locator(".pr-screen-goal")).to_contain_text(CHANGED)
    expect(screen.locator(".pr-screen-org", has_text=WOONSTEDE).locator(".pr-status.done")).to_be_visible()
    expect(screen.locator(".pr-screen-progress")).to_contain_text("75")  # done 1 + partly ½ over two organisations
    room.shots("06-follow-up-progress-review", woonstede)
    shot(thuisbaas, "06-follow-up-progress-review-phone-thuisbaas.png", FOLDER)

    # ---- The thread on the partnership page: from the directors' ambition to the delivered commitment ----
    room.partnership_page()
    expect(control.locator(".pt-workshop")).to_have_count(3)
    chain = control.locator(".pt-chain", has_text=SOLAR)
    expect(chain).to_have_count(1)
    versions = chain.locator(".pt-version")
    expect(versions).to_have_count(3)
    directors = versions.nth(0)
    expect(directors).to_contain_text("Bestuurderssessie")
    expect(directors.locator(".pt-list li", has_text=SOLAR).locator(".org-label")).to_have_text(WOONSTEDE)
    expect(directors).to_contain_text("3 instemming")
    kickoff = versions.nth(1)
    expect(kickoff).to_contain_text(CHANGED)
    expect(kickoff.locator(".pt-commitment", has_text=WOONSTEDE)).to_contain_text("200")
    follow = versions.nth(2)
    delivered = follow.locator(".pt-progress", has_text=WOONSTEDE)
    expect(delivered.locator(".pr-status.done")).to_be_visible()
    expect(delivered).to_contain_text(NOTE)
    expect(delivered).to_contain_text("180")
    expect(control.locator("#pt-trends .sc-trend-table")).to_be_visible()
    shot(control, "07-partnership-page.png", FOLDER)
    control.screenshot(path=str(FOLDER / "07-partnership-page-1440x900.png"))
    no_sideways_scrolling(control, 1440)

    # ---- The same thread in the partnership report, opened from the partnership page ----
    with control.expect_popup() as popup:
        control.locator("#pt-report").click()
    report = popup.value
    report.set_viewport_size({"width": 1440, "height": 900})
    expect(report.locator(".partnership-report h1")).to_have_text("Energietransitie Rivierenland")
    assert "#" not in report.url, "the token leaves the address bar"
    goal = report.locator(".ptr-goal", has_text=SOLAR)
    expect(goal).to_have_count(1)
    expect(goal.locator("h2")).to_contain_text(CHANGED)
    steps = goal.locator(".ptr-version")
    expect(steps).to_have_count(3)
    expect(steps.nth(0)).to_contain_text("Bestuurderssessie")
    expect(steps.nth(0).locator(".ptr-sources li", has_text=SOLAR).locator(".org-label")).to_have_text(WOONSTEDE)
    expect(steps.nth(1).locator(".ptr-commitments li", has_text=WOONSTEDE)).to_contain_text("200")
    delivered_row = goal.locator(".ptr-delivery-row", has_text=WOONSTEDE)
    expect(delivered_row.locator(".ptr-delivery.done")).to_be_visible()
    expect(delivered_row).to_contain_text("180")
    expect(delivered_row).to_contain_text(NOTE)
    expect(goal.locator(".ptr-delivery-row", has_text=THUISBAAS).locator(".ptr-delivery.partly")).to_be_visible()
    expect(report.locator("#trends .ptr-trend-table tbody tr")).to_have_count(2)  # the directors and the follow-up
    shot(report, "08-partnership-report.png", FOLDER)
    report.screenshot(path=str(FOLDER / "08-partnership-report-1440x900.png"))
    no_sideways_scrolling(report, 1440)
    # It prints on A4: the print stylesheet hides the toolbar.
    report.emulate_media(media="print")
    expect(report.locator(".report-toolbar")).to_be_hidden()
    report.pdf(path=str(FOLDER / "08-partnership-report.pdf"), format="A4")
    report.emulate_media(media="screen")
    # The workbook downloads from the page (the token travels as a header, never in the link).
    with control.expect_download() as download:
        control.locator("#pt-workbook").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    # The report cookie opens the report again after a reload, with no token in the link.
    report.reload()
    expect(report.locator(".ptr-goal", has_text=SOLAR)).to_have_count(1)
    assert room.problems == [], "\n".join(room.problems)
    assert pages.errors == [], "\n".join(pages.errors)
