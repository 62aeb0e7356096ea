"""In Chromium: forms refuse cross-site posts (issue 7 §12); people delete their data (§10); the join page says what is kept."""

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tests.support.browser import SHOTS, shot, skip_module_without_browser
from tests.support.server import free_port
from tests.support.workshops import Api

skip_module_without_browser()
FOLDER = SHOTS / "security"
PHONE = (390, 844)
LAPTOP = (1440, 900)

EVIL = """<!doctype html><html><body>
<form id="f" method="post" action="{action}">{fields}</form>
<script>document.getElementById("f").submit();</script>
</body></html>"""


@pytest.fixture
def evil_site(tmp_path):
    """Another site (localhost on another port is another origin and another site than 127.0.0.1)."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    httpd = ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()

    def page(name: str, action: str, fields: dict) -> str:
        inputs = "".join(f'<input type="hidden" name="{k}" value="{v}">' for k, v in fields.items())
        (tmp_path / name).write_text(EVIL.format(action=action, fields=inputs))
        return f"http://localhost:{httpd.server_port}/{name}"

    yield page
    httpd.shutdown()
    httpd.server_close()


def test_forms_refuse_posts_from_another_site(server, pages, evil_site):
    api = Api(server.url)
    created = api.create_workshop()
    code = created["code"]
    org = created["workshop"]["organisations"][0]["id"]
    phone = pages.open("phone", *PHONE, mobile=True)

    # A real participant on this phone, joined through the form.
    phone.goto(f"{server.url}/w/{code}")
    phone.locator("label.org-choice").first.click()
    phone.locator("input[name=role][value=manager]").check()
    phone.locator("form.join-form button[type=submit]").click()
    phone.wait_for_selector("#stage")
    cookie = f"samenspel_{code}"
    assert any(c["name"] == cookie for c in phone.context.cookies())

    attacks = {
        "join.html": (f"{server.url}/w/{code}/join", {"organisation_id": org, "role": "manager", "display_name": "Planted"}),
        "leave.html": (f"{server.url}/w/{code}/leave", {}),
        "forget.html": (f"{server.url}/w/{code}/forget", {}),
        "new.html": (f"{server.url}/new", {"title": "Spam", "org_name": "A"}),
    }
    for name, (action, fields) in attacks.items():
        phone.goto(evil_site(name, action, fields))
        phone.wait_for_url(action.split("?")[0])
        body = phone.locator("main").inner_text()
        assert "another site" in body or "andere site" in body, (name, body)
    shot(phone, "csrf-refused-phone.png", FOLDER)
    # Nothing happened: the same participant, still joined, and nobody planted.
    assert any(c["name"] == cookie for c in phone.context.cookies())
    phone.goto(f"{server.url}/w/{code}")
    phone.wait_for_selector("#stage")
    control = requests.get(
        f"{server.url}/api/workshops/{code}/agenda", headers={"Authorization": f"Bearer {created['control_token']}"}, timeout=5
    )
    assert control.status_code == 200
    mine = phone.request.get(f"{server.url}/w/{code}/my-answers.json")
    assert mine.status == 200, "the participant was not deleted"
    assert pages.errors == [] or all("400" in e for e in pages.errors), pages.errors


def test_the_join_page_says_what_is_kept_and_a_participant_deletes_everything(server, pages):
    api = Api(server.url)
    created = api.create_workshop(settings={"privacy_threshold": 3, "retention_days": 90})
    code = created["code"]
    api.control(created, "next")
    phone = pages.open("phone", *PHONE, mobile=True)
    phone.goto(f"{server.url}/w/{code}")
    phone.locator("#privacy summary").click()
    privacy = phone.locator("#privacy").inner_text()
    assert "90 days" in privacy and "IP address" in privacy and "at least 3 people" in privacy
    shot(phone, "join-privacy-390.png", FOLDER)

    phone.locator("label.org-choice").first.click()
    phone.locator("input[name=role][value=manager]").check()
    phone.locator("form.join-form button[type=submit]").click()
    phone.wait_for_selector("#stage textarea, #stage input[type=text]")
    phone.locator("#forget").click()
    phone.wait_for_selector("#forget-confirm")
    shot(phone, "forget-confirm-390.png", FOLDER)
    phone.locator("#forget-confirm").click()
    phone.wait_for_selector("#forgotten")
    shot(phone, "forgotten-390.png", FOLDER)
    assert not any(c["name"] == f"samenspel_{code}" for c in phone.context.cookies())
    phone.goto(f"{server.url}/w/{code}")
    assert phone.locator("form.join-form").count() == 1, "this phone joins afresh"
    assert pages.errors == [], pages.errors


def test_a_facilitator_deletes_the_workshop_and_every_screen_hears_it(server, pages):
    api = Api(server.url)
    created = api.create_workshop()
    code = created["code"]
    control = pages.open("control", *LAPTOP)
    control.goto(created["links"]["control"])
    control.wait_for_selector("#agenda li")
    screen = pages.open("screen", 1920, 1080)
    screen.goto(created["links"]["screen"])
    screen.wait_for_selector("#connection", state="attached")
    control.locator("#settings-box summary").click()
    shot(control, "control-delete-1440.png", FOLDER)
    control.once("dialog", lambda dialog: dialog.accept())
    control.locator("#delete-workshop").click()
    control.wait_for_function("document.getElementById('main').innerText.includes('deleted')")
    screen.wait_for_selector(".gone")
    assert "deleted" in screen.locator("main").inner_text()
    assert screen.locator(f"text={code}").count() == 0, "the join code of a deleted workshop is gone from the projector"
    shot(screen, "screen-deleted-1920.png", FOLDER)
    assert requests.get(f"{server.url}/api/workshops/{code}", timeout=5).status_code == 404
    assert pages.errors == [], pages.errors
