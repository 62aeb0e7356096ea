"""A phone that loses its connection: the answer waits in the phone's outbox and arrives once when it is back.

Also the countdown on Dutch time: browser and server run in Europe/Amsterdam (tests/browser/conftest.py).
"""

import re

import pytest

from tests.support.browser import MISSING, join_by_code, shot, skip_module_without_browser
from tests.support.server import SocketClient
from tests.support.workshops import Api

pytestmark = pytest.mark.browser

skip_module_without_browser()
if not MISSING:
    from playwright.sync_api import expect


def outbox(phone, code: str) -> list:
    return phone.evaluate("key => JSON.parse(localStorage.getItem(key) || '[]')", f"samenspel-outbox-{code}")


def test_an_answer_given_offline_arrives_once_when_the_phone_is_back(server, pages):
    expect.set_options(timeout=15_000)
    api = Api(server.url)
    created = api.create_workshop()
    code = created["code"]
    api.control(created, "next")
    phone = pages.open("phone offline", 390, 844, mobile=True)
    join_by_code(phone, server, code, "Woonstede")
    phone.locator("form.join-form button[type=submit]").click()
    expect(phone.locator("#ambition-text")).to_be_visible()

    phone.context.set_offline(True)
    expect(phone.locator("#connection")).to_be_visible()  # the phone noticed: "reconnecting"
    phone.fill("#ambition-text", "Written on the train")
    phone.locator("label.chip:has(input[name=value_driver])").first.click()
    phone.locator("label.chip:has(input[name=horizon])").first.click()
    phone.locator("form.answer-form button[type=submit]").click()
    status = phone.locator(".answer-form .status")
    expect(status).to_have_text(phone.evaluate("Samenspel.t('queued')"))
    assert [item["answer"]["text"] for item in outbox(phone, code)] == ["Written on the train"]
    shot(phone, "phone-offline-queued.png")

    phone.context.set_offline(False)
    expect(status).to_have_text(phone.evaluate("Samenspel.t('received')"))
    expect(phone.locator(".mine-list .mine-text")).to_have_text(["Written on the train"])
    assert outbox(phone, code) == [], "an acknowledged answer leaves the outbox"

    # Reloading (or reconnecting again) sends nothing twice: the answer is stored once.
    phone.reload()
    expect(phone.locator(".mine-list .mine-text")).to_have_text(["Written on the train"])
    [activity] = api.results(created)["activities"]
    assert [i["text"] for i in activity["data"]["items"]] == ["Written on the train"]
    assert activity["answers"] == 1
    assert pages.errors == [] or all("ERR_INTERNET_DISCONNECTED" in e for e in pages.errors), pages.errors


def test_the_countdown_reads_right_on_dutch_time(server, pages):
    expect.set_options(timeout=15_000)
    api = Api(server.url)
    created = api.create_workshop()
    activity_id = api.control(created, "next")["current"]["id"]
    phone = pages.open("phone countdown", 390, 844, mobile=True)
    join_by_code(phone, server, created["code"], "Woonstede")
    phone.locator("form.join-form button[type=submit]").click()
    expect(phone.locator("#ambition-text")).to_be_visible()
    assert phone.evaluate("new Date().getTimezoneOffset()") != 0, "the browser runs on Dutch time"

    facilitator = SocketClient().connect(
        server, {"role": "facilitator", "code": created["code"], "token": created["control_token"]}
    )
    try:
        assert facilitator.call("timer", {"activity_id": activity_id, "seconds": 120})["ok"]
    finally:
        facilitator.disconnect()
    # Two minutes, give or take the second the test takes: not 0:00 ("time's up"), not an hour more.
    expect(phone.locator("#countdown")).to_have_text(re.compile(r"^(2:00|1:5\d)$"))
