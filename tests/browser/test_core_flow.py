"""The core flow in Debian's Chromium: create on /new, control view, projector, three phones, live ambitions."""
import os
import re
from pathlib import Path

import pytest

from tests.support.server import LiveServer
from tests.support.workshops import Api

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-output" / "screenshots"
ORGANISATIONS = ["Woonstede", "Energiek Netwerk", "Gemeente Rivierstad"]


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return "Debian Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


MISSING = _missing()
if MISSING and os.environ.get("REQUIRE_BROWSER") != "1":
    pytest.skip(MISSING, allow_module_level=True)
if not MISSING:
    from playwright.sync_api import expect, sync_playwright


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with LiveServer(tmp_path_factory.mktemp("browser"), async_mode="eventlet") as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    if MISSING:
        # REQUIRE_BROWSER=1: every browser test fails (not skips), and the rest of the suite still runs.
        pytest.fail(f"REQUIRE_BROWSER=1 but {MISSING}", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Pages:
    """Pages in separate browser contexts (one per device), with their console errors collected."""

    def __init__(self, browser):
        self.browser = browser
        self.contexts = []
        self.errors: list[str] = []

    def open(self, name: str, width: int, height: int, mobile: bool = False):
        options = {"viewport": {"width": width, "height": height}, "locale": "en-GB"}
        if mobile:
            options.update(is_mobile=True, has_touch=True, device_scale_factor=2)
        context = self.browser.new_context(**options)
        context.set_default_timeout(15_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(f"{name}: console: {msg.text}"))
        page.on("pageerror", lambda exc: self.errors.append(f"{name}: page error: {exc}"))
        return page

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(browser):
    opened = Pages(browser)
    yield opened
    opened.close()


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def no_sideways_scrolling(page, width):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways at {width}px: scrollWidth {scroll}"


def join_by_code(phone, server, code, organisation):
    phone.goto(server.url + "/")
    phone.fill("#code", code.lower())
    phone.locator("form[action='/join'] button[type=submit]").click()
    phone.wait_for_url(re.compile(rf"/w/{code}$"))
    phone.locator("label.org-choice", has_text=organisation).click()
    phone.check("input[name=role][value=manager]")


def test_core_flow(server, pages):
    expect.set_options(timeout=15_000)
    control = pages.open("control", 1440, 900)
    control.goto(server.url + "/new")
    control.fill("#title", "Kick-off warmtenet")
    control.check("input[name=language][value=en]")
    for i, name in enumerate(ORGANISATIONS):
        control.fill(f"#org-name-{i}", name)
    control.fill("#privacy_threshold", "1")
    control.check("input[name=format][value=ambitions-round]")
    control.locator("form button[type=submit]").click()
    control_link = control.locator("#control-link").input_value()
    screen_link = control.locator("#screen-link").input_value()
    join_link = control.locator("#join-link").input_value()
    code = re.search(r"/w/([A-Z0-9]{6})$", join_link).group(1)
    assert f"/w/{code}/control#" in control_link and f"/w/{code}/screen#" in screen_link

    control.goto(control_link)
    expect(control.locator("#agenda li")).to_have_count(1)
    screen = pages.open("screen", 1920, 1080)
    screen.goto(screen_link)
    expect(screen.locator("#lobby-code")).to_have_text(code)
    expect(screen.locator("#lobby-orgs li")).to_have_count(3)

    people = [(ORGANISATIONS[0], "Heat pumps in every street"), (ORGANISATIONS[0], "Half the homes off gas"), (ORGANISATIONS[1], "A shared grid plan")]
    phones = []
    for i, (organisation, _) in enumerate(people):
        phone = pages.open(f"phone {i + 1}", 390, 844, mobile=True)
        join_by_code(phone, server, code, organisation)
        if i == 0:
            shot(phone, "phone-join.png")
        phone.locator("form.join-form button[type=submit]").click()
        expect(phone.locator("#stage .phone-title")).to_be_visible()
        expect(phone.locator("#stage .waiting")).to_be_visible()
        if i == 0:
            shot(phone, "phone-lobby.png")
        phones.append(phone)
    # Presence on the projector: two of the first organisation, one of the second.
    expect(screen.locator("#lobby-orgs li").first).to_contain_text("2")
    shot(screen, "screen-lobby.png")

    control.locator("#actions button", has_text=re.compile(r"^Next")).click()
    for i, (phone, (organisation, text)) in enumerate(zip(phones, people)):
        phone.fill("#ambition-text", text)
        phone.locator("label.chip:has(input[name=value_driver])").nth(i).click()
        phone.locator("label.chip:has(input[name=horizon])").nth(i % 3).click()
        phone.locator("form.answer-form button[type=submit]").click()
        expect(phone.locator(".answer-form .status.ok")).to_have_text("Received ✓")
        expect(phone.locator(".mine-list .mine-text")).to_have_text([text])
        if i == 0:
            shot(phone, "phone-ambition.png")

    results = screen.locator("#screen-results")
    for organisation, text in people:
        expect(results.locator(".card-text", has_text=text)).to_be_visible()
        column = results.locator(".column", has=screen.locator(".card-text", has_text=text))
        expect(column.locator(".column-head")).to_contain_text(organisation)
    expect(results.locator(".column")).to_have_count(2)
    for organisation, text in people:
        expect(control.locator("#results")).to_contain_text(text)
    shot(control, "control.png")
    shot(screen, "screen-ambitions.png")
    assert pages.errors == [], "\n".join(pages.errors)


@pytest.mark.parametrize("width", [360, 320])
def test_a_narrow_phone_does_not_scroll_sideways(server, pages, width):
    """WCAG 2.1 SC 1.4.10: no sideways scrolling at 320 CSS px; 360 px is a common Android width."""
    expect.set_options(timeout=15_000)
    api = Api(server.url)
    created = api.create_workshop(organisations=["Woningcorporatie Samen Sterker Wonen", "Netbeheerder Oost"])
    phone = pages.open("narrow phone", width, 740, mobile=True)
    join_by_code(phone, server, created["code"], "Woningcorporatie Samen Sterker Wonen")
    no_sideways_scrolling(phone, width)
    phone.locator("form.join-form button[type=submit]").click()
    expect(phone.locator("#stage .waiting")).to_be_visible()
    no_sideways_scrolling(phone, width)

    api.control(created, "next")
    phone.wait_for_selector("#ambition-text")
    no_sideways_scrolling(phone, width)
    long_word = "Verduurzamingsprogrammacoördinatieoverleggroep"
    phone.fill("#ambition-text", f"{long_word} voor alle wijken")
    phone.locator("label.chip:has(input[name=value_driver])").last.click()
    phone.locator("label.chip:has(input[name=horizon])").last.click()
    phone.locator("form.answer-form button[type=submit]").click()
    expect(phone.locator(".mine-list .mine-text")).to_contain_text(long_word)
    no_sideways_scrolling(phone, width)
    assert pages.errors == [], "\n".join(pages.errors)
