"""Shared pieces of the browser tests: Debian Chromium, pages with their errors collected, screenshots."""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
TIME_ZONE = "Europe/Amsterdam"  # browsers and the server under test run on Dutch time
SHOTS = ROOT / "test-output" / "screenshots"
MISSING_TEXT = "Samenspel: no text for"  # what common.js logs as a console error for an unknown key


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return "Debian Chromium is not installed at /usr/bin/chromium (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


MISSING = _missing()


def skip_module_without_browser() -> None:
    """Skip the calling test module when Chromium or Playwright is missing, unless REQUIRE_BROWSER=1."""
    if MISSING and os.environ.get("REQUIRE_BROWSER") != "1":
        pytest.skip(MISSING, allow_module_level=True)


class Pages:
    """Pages in separate browser contexts (one per device), with their console errors collected."""

    def __init__(self, browser):
        self.browser = browser
        self.contexts = []
        self.errors: list[str] = []

    def open(self, name: str, width: int, height: int, mobile: bool = False):
        # Our users' clock: a browser in UTC hides every timestamp written without its time zone.
        options = {"viewport": {"width": width, "height": height}, "locale": "en-GB", "timezone_id": TIME_ZONE}
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

    def untranslated(self) -> list[str]:
        """The console errors of `Samenspel.t()` asked for a text that strings.py lacks (or strings not loaded)."""
        return [error for error in self.errors if MISSING_TEXT in error]


def readme_shot(page, name: str) -> None:
    """A small JPEG of what is on screen, for the README (`make screenshots` copies them to docs/screenshots/)."""
    folder = SHOTS / "readme"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), type="jpeg", quality=70, scale="css")


def shot(page, name: str, folder: Path = SHOTS) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=True)


def no_sideways_scrolling(page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways at {width}px: scrollWidth {scroll}"


def join_by_code(phone, server, code: str, organisation: str) -> None:
    """Enter the code on the landing page, pick the organisation and the manager role (not yet submitted)."""
    phone.goto(server.url + "/")
    phone.fill("#code", code.lower())
    phone.locator("form[action='/join'] button[type=submit]").click()
    phone.wait_for_url(re.compile(rf"/w/{code}$"))
    phone.locator("label.org-choice", has_text=organisation).click()
    phone.check("input[name=role][value=manager]")
