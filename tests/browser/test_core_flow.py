"""The core flow in Debian's Chromium: create on /new, control view, projector, three phones, live ambitions."""

import re

import pytest

from tests.support.accessibility import CONTROL_AXE_EXCLUDED, check_accessibility
from tests.support.browser import (
    MISSING,
    join_by_code,
    no_sideways_scrolling,
    readme_shot,
    shot,
    skip_module_without_browser,
)
from tests.support.workshops import Api

pytestmark = pytest.mark.browser
ORGANISATIONS = ["Woonstede", "Energiek Netwerk", "Gemeente Rivierstad"]

skip_module_without_browser()
if not MISSING:
    from playwright.sync_api import expect


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

    people = [
        (ORGANISATIONS[0], "Heat pumps in every street"),
        (ORGANISATIONS[0], "Half the homes off gas"),
        (ORGANISATIONS[1], "A shared grid plan"),
    ]
    phones = []
    for i, (organisation, _) in enumerate(people):
        phone = pages.open(f"phone {i + 1}", 390, 844, mobile=True)
        join_by_code(phone, server, code, organisation)
        if i == 0:
            shot(phone, "phone-join.png")
            check_accessibility(phone, "the join page")
        phone.locator("form.join-form button[type=submit]").click()
        expect(phone.locator("#stage .phone-title")).to_be_visible()
        expect(phone.locator("#stage .waiting")).to_be_visible()
        if i == 0:
            shot(phone, "phone-lobby.png")
            check_accessibility(phone, "the phone's lobby")
        phones.append(phone)
    # Presence on the projector: two of the first organisation, one of the second.
    expect(screen.locator("#lobby-orgs li").first).to_contain_text("2")
    shot(screen, "screen-lobby.png")
    check_accessibility(screen, "the projector's lobby")

    control.locator("#actions button", has_text=re.compile(r"^Next")).click()
    for i, (phone, (_organisation, text)) in enumerate(zip(phones, people, strict=True)):
        phone.fill("#ambition-text", text)
        phone.locator("label.chip:has(input[name=value_driver])").nth(i).click()
        phone.locator("label.chip:has(input[name=horizon])").nth(i % 3).click()
        phone.locator("form.answer-form button[type=submit]").click()
        expect(phone.locator(".answer-form .status.ok")).to_have_text("Received ✓")
        expect(phone.locator(".mine-list .mine-text")).to_have_text([text])
        if i == 0:
            shot(phone, "phone-ambition.png")
            check_accessibility(phone, "the phone's ambitions form")

    results = screen.locator("#screen-results")
    for organisation, text in people:
        expect(results.locator(".card-text", has_text=text)).to_be_visible()
        column = results.locator(".column", has=screen.locator(".card-text", has_text=text))
        expect(column.locator(".column-head")).to_contain_text(organisation)
    expect(results.locator(".column")).to_have_count(2)
    for _organisation, text in people:
        expect(control.locator("#results")).to_contain_text(text)
    shot(control, "control.png")
    check_accessibility(control, "the control view", CONTROL_AXE_EXCLUDED)
    shot(screen, "screen-ambitions.png")
    check_accessibility(screen, "the projector's ambitions")
    readme_shot(phones[0], "phone.jpg")
    readme_shot(control, "control.jpg")
    readme_shot(screen, "screen.jpg")
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
