"""Fixtures of the browser tests: the real server (eventlet) and Debian Chromium, one of each per module."""

import pytest

from tests.support.browser import ARGS, CHROMIUM, MISSING, TIME_ZONE, Pages
from tests.support.server import LiveServer


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with LiveServer(tmp_path_factory.mktemp("browser"), async_mode="eventlet", TZ=TIME_ZONE) as running:
        yield running


@pytest.fixture(scope="module")
def browser():
    if MISSING:
        # REQUIRE_BROWSER=1: every browser test fails (not skips), and the rest of the suite still runs.
        pytest.fail(f"REQUIRE_BROWSER=1 but {MISSING}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def pages(browser):
    opened = Pages(browser)
    yield opened
    opened.close()
    # Every test, also one that allows other console errors: a text missing from strings.py is a bug.
    assert opened.untranslated() == [], "\n".join(opened.untranslated())
