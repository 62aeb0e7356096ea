"""In Chromium: a phone that came back fetches only the page, and a kind added mid-session still works."""

import pytest

from tests.support.browser import MISSING, shot, skip_module_without_browser
from tests.support.server import SocketClient
from tests.support.workshops import Api

pytestmark = pytest.mark.browser
skip_module_without_browser()
if not MISSING:
    from playwright.sync_api import expect


def network_requests(page):
    """Start recording which requests reach the network (not the browser's cache); returns the list."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    sent, cached = {}, set()
    cdp.on("Network.requestWillBeSent", lambda e: sent.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
    cdp.on("Network.responseReceived", lambda e: e["response"].get("fromDiskCache") and cached.add(e["requestId"]))
    return lambda: [url for request_id, url in sent.items() if request_id not in cached and "/socket.io/" not in url]


def test_a_kind_added_during_the_session_loads_on_the_phones_already_there(server, pages):
    expect.set_options(timeout=15_000)
    api = Api(server.url)
    created = api.create_workshop(agenda=[{"kind": "poll", "title": "Which first?", "config": {"options": ["Heat", "Grid"]}}])
    api.control(created, "next")
    person = api.join(created, 0)

    phone = pages.open("phone", 390, 844, mobile=True)
    phone.context.add_cookies([{"name": f"samenspel_{created['code']}", "value": person["token"], "url": server.url}])
    fetched = network_requests(phone)
    phone.goto(f"{server.url}/w/{created['code']}")
    expect(phone.locator("#stage .poll-choice")).to_have_count(2)
    cold = fetched()
    assert not any("/kinds/scale" in url for url in cold), "a kind not on the agenda is not loaded up front"

    # The phone comes back: only the page itself travels, every script and style comes from its cache.
    fetched = network_requests(phone)
    phone.goto("about:blank")
    phone.goto(f"{server.url}/w/{created['code']}")
    expect(phone.locator("#stage .poll-choice")).to_have_count(2)
    assert [url for url in fetched() if "/static/" in url] == []

    facilitator = SocketClient().connect(
        server, {"role": "facilitator", "code": created["code"], "token": created["control_token"]}
    )
    try:
        added = facilitator.call("add_activity", {"kind": "scale", "title": "How ready are we?", "prompt": ""})
        assert added["ok"], added
        assert facilitator.call("control", {"action": "open", "activity_id": added["activity"]["id"]})["ok"]
        expect(phone.locator("#stage .scale-range")).to_be_visible()
        phone.locator("#stage button[type=submit]").click()
        expect(phone.locator("#stage .status.ok")).to_be_visible()
        shot(phone, "assets/phone-kind-loaded-on-demand.png")
    finally:
        facilitator.disconnect()
    assert pages.errors == []
