"""Pages, headers, the JSON API and its OpenAPI document, and escaping of participant text."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.forms import with_token
from tests.support.workshops import ambition, submission

ROOT = Path(__file__).resolve().parents[2]
EVIL = "<script>alert(1)</script>"
EVIL_ORG = "<img src=x onerror=alert(2)>"


class Page(HTMLParser):
    """What a rendered page contains that matters for CSP and escaping."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.styled: list[str] = []
        self.handlers: list[str] = []
        self.alerts: list[str] = []
        self._script: dict | None = None
        self._alert_depth = 0
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.styled.append(tag)
        self.handlers += [f"{tag}[{name}]" for name in attrs if name.startswith("on")]
        if tag == "script":
            self._script, self._text = attrs, []
        if attrs.get("role") == "alert" or self._alert_depth:
            self._alert_depth += 1
            if attrs.get("role") == "alert":
                self._text = []

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None
        if self._alert_depth:
            self._alert_depth -= 1
            if not self._alert_depth:
                self.alerts.append(" ".join("".join(self._text).split()))

    def handle_data(self, data):
        self._text.append(data)


def check_html(reply) -> Page:
    """Every HTML answer: a strict CSP, scripts only from files, no inline styles or handlers."""
    assert reply.mimetype == "text/html"
    csp = reply.headers.get("Content-Security-Policy", "")
    assert "default-src" in csp and "script-src 'self'" in csp, csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, csp
    assert reply.headers.get("X-Content-Type-Options") == "nosniff"
    page = Page(reply.get_data(as_text=True))
    for attrs, body in page.scripts:
        assert attrs.get("src") or attrs.get("type") == "application/json", f"inline script: {body[:80]!r}"
        if attrs.get("src"):
            assert not body.strip(), "a script with src must not carry code too"
    assert page.styled == [], f"style= attributes on {page.styled}"
    assert page.handlers == [], f"inline event handlers: {page.handlers}"
    return page


@pytest.fixture
def joined_client(app, workshops, workshop):
    """A browser that joined the workshop through the form (it holds the participant cookie)."""
    browser = app.test_client()
    reply = browser.post(
        f"/w/{workshop['code']}/join", data=with_token(browser, {"organisation_id": workshop["org_ids"][0], "role": "manager"})
    )
    assert reply.status_code == 303
    return browser


def page_urls(workshop):
    code = workshop["code"]
    return ["/", "/new", f"/w/{code}", f"/w/{code}/control", f"/w/{code}/screen", "/?lang=en", "/new?lang=nl"]


def test_pages_render_with_a_strict_policy(client, joined_client, workshop):
    for url in page_urls(workshop):
        reply = client.get(url)
        assert reply.status_code == 200, url
        check_html(reply)
    live = joined_client.get(f"/w/{workshop['code']}")
    assert live.status_code == 200
    page = check_html(live)
    phone_script = re.compile(r"/js/phone\.[0-9a-f]{12}\.js$")  # versioned by content (web/assets.py)
    assert any(phone_script.search(attrs.get("src", "")) for attrs, _ in page.scripts), "joined phones get the live view"


def test_error_pages_have_the_policy_too(client):
    for url in ("/w/ZZZZZZ", "/w/ZZZZZZ/screen", "/no-such-page"):
        reply = client.get(url, headers={"Accept-Language": "en"})
        assert reply.status_code == 404, url
        page = check_html(reply)
        assert "Samenspel" in reply.get_data(as_text=True)
        assert page.scripts is not None


def test_the_qr_code_is_svg(client, workshop):
    reply = client.get(f"/w/{workshop['code']}/qr.svg")
    assert reply.status_code == 200 and reply.mimetype == "image/svg+xml"
    assert reply.get_data(as_text=True).lstrip().startswith(("<?xml", "<svg"))


def test_creating_a_workshop_from_the_form(client):
    form = {
        "title": "Kick-off",
        "language": "en",
        "org_name": ["Woonstede", "Netbeheer", "", ""],
        "org_colour": ["#0072B2", "#E69F00", "#009E73", "#CC79A7"],
        "privacy_threshold": "1",
        "roles": "bestuurder\nmanager",
        "format": "ambitions-round",
    }
    reply = client.post("/new", data=with_token(client, form))
    assert reply.status_code == 201
    page = check_html(reply)
    html = reply.get_data(as_text=True)
    control = re.search(r'id="control-link"[^>]*value="([^"]+)"', html).group(1)
    code = re.search(r"/w/([A-Z0-9]{6})/control#", control).group(1)
    token = control.split("#", 1)[1]
    agenda = client.get(f"/api/workshops/{code}/agenda", headers={"Authorization": f"Bearer {token}"})
    assert agenda.status_code == 200 and [a["kind"] for a in agenda.get_json()] == ["ambitions"]
    assert not page.alerts


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title": ""}, None),
        ({"org_name": ["", ""]}, "Add at least one organisation."),
        ({"org_name": ["Same", "same"]}, None),
        ({"privacy_threshold": "0"}, None),
        ({"format": "no-such-format"}, "This format does not exist."),
    ],
)
def test_the_create_form_shows_errors(client, change, message):
    form = {"title": "Kick-off", "language": "en", "org_name": ["A", "B"], "org_colour": ["", ""], "privacy_threshold": "2"}
    form.update(change)
    reply = client.post("/new?lang=en", data=with_token(client, form))
    assert 400 <= reply.status_code < 500
    page = check_html(reply)
    assert page.alerts and page.alerts[0], "the error is shown in an alert"
    if message:
        assert message in page.alerts[0]


@pytest.mark.parametrize(
    "form, message",
    [
        ({"role": "manager"}, "Pick your organisation."),
        ({"organisation_id": "ORG", "role": "astronaut"}, "Pick your role."),
        ({"organisation_id": "ORG", "role": "manager", "presence": "moon"}, None),
        ({"organisation_id": "ORG", "role": "manager", "display_name": "x" * 41}, None),
    ],
)
def test_join_form_errors_are_400_with_a_message(client, workshop, form, message):
    form = {k: (str(workshop["org_ids"][0]) if v == "ORG" else v) for k, v in form.items()}
    reply = client.post(f"/w/{workshop['code']}/join", data=with_token(client, form))
    assert reply.status_code == 400
    page = check_html(reply)
    assert page.alerts and page.alerts[0]
    if message:
        assert message in page.alerts[0]
    assert not any(c.key.startswith("samenspel_") for c in client._cookies.values()), "no participant cookie"


def test_join_by_an_unknown_code(client):
    reply = client.get("/join?code=bad", headers={"Accept-Language": "en"})
    assert reply.status_code == 404
    page = check_html(reply)
    assert page.alerts == ["No workshop has this code."]
    dutch = client.get("/join?code=QQQQQQ", headers={"Accept-Language": "nl"})
    assert dutch.status_code == 404 and check_html(dutch).alerts[0]


def test_join_by_code_redirects_to_the_phone_page(client, workshop):
    typed = workshop["code"].lower()[:3] + " " + workshop["code"].lower()[3:]
    reply = client.get(f"/join?code={typed}")
    assert reply.status_code == 302
    assert reply.headers["Location"].endswith(f"/w/{workshop['code']}")


def test_healthz(client):
    reply = client.get("/healthz")
    assert reply.status_code == 200
    assert reply.get_json()["status"] == "ok"


def assert_json_error(reply, status=None):
    assert reply.mimetype == "application/json", reply.get_data(as_text=True)[:200]
    if status is not None:
        assert reply.status_code == status, reply.get_json()
    assert 400 <= reply.status_code < 500
    error = reply.get_json()["error"]
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"].strip()
    return error


@pytest.mark.parametrize(
    "method, path, kwargs, status",
    [
        ("post", "/api/workshops", {"data": "title=x", "content_type": "application/x-www-form-urlencoded"}, 400),
        ("post", "/api/workshops", {"data": "{not json", "content_type": "application/json"}, 400),
        ("post", "/api/workshops", {"json": ["a list"]}, 400),
        ("post", "/api/workshops", {"json": {"title": "", "organisations": ["A"]}}, 400),
        ("post", "/api/workshops", {"json": {"title": "T", "organisations": []}}, 400),
        ("post", "/api/workshops", {"json": {"title": "T", "organisations": ["A"], "language": "fr"}}, 400),
        ("post", "/api/workshops", {"json": {"title": "T", "organisations": ["A"], "agenda": [{"kind": "nope"}]}}, 400),
        ("get", "/api/workshops/ZZZZZZ", {}, 404),
        ("get", "/api/workshops/not-a-code", {}, 404),
        ("post", "/api/workshops/ZZZZZZ/participants", {"json": {"organisation_id": 1, "role": "manager"}}, 404),
        ("post", "/api/workshops/CODE/participants", {"json": {"role": "manager"}}, 400),
        ("post", "/api/workshops/CODE/participants", {"json": {"organisation_id": 999999, "role": "manager"}}, 404),
        # A role not in the workshop's list is "not found", like an organisation not in it (OpenAPI document).
        ("post", "/api/workshops/CODE/participants", {"json": {"organisation_id": "ORG", "role": "astronaut"}}, 404),
        ("post", "/api/workshops/CODE/participants", {"json": "just text"}, 400),
        ("post", "/api/workshops/CODE/control", {"json": {"action": "explode"}, "auth": True}, 400),
        ("post", "/api/workshops/CODE/control", {"json": {"action": "open", "activity_id": 999999}, "auth": True}, 404),
        ("post", "/api/workshops/CODE/control", {"json": {"action": "close", "activity_id": "ACT"}, "auth": True}, 409),
        ("post", "/api/workshops/CODE/activities", {"json": {"kind": "nope"}, "auth": True}, 400),
        ("get", "/api/workshops/CODE/results?presence=moon", {"auth": True}, 400),
        ("get", "/api/no-such-endpoint", {}, 404),
        ("delete", "/api/workshops", {}, 405),
    ],
)
def test_api_bad_input_gets_a_json_error(client, workshop, method, path, kwargs, status):
    kwargs = dict(kwargs)
    if kwargs.pop("auth", False):
        kwargs["headers"] = {"Authorization": f"Bearer {workshop['control_token']}"}
    if isinstance(kwargs.get("json"), dict):
        values = {"ORG": workshop["org_ids"][0], "ACT": workshop["activity_id"]}
        kwargs["json"] = {k: values.get(v, v) if isinstance(v, str) else v for k, v in kwargs["json"].items()}
    reply = getattr(client, method)(path.replace("CODE", workshop["code"]), **kwargs)
    assert_json_error(reply, status)


def openapi(client) -> dict:
    reply = client.get("/api/openapi.json")
    assert reply.status_code == 200
    return reply.get_json()


def secured_operations(client):
    for path, operations in openapi(client)["paths"].items():
        for method, operation in operations.items():
            if operation.get("security"):
                yield method, path


def test_facilitator_endpoints_are_listed_as_secured(client):
    secured = {(m, p) for m, p in secured_operations(client)}
    for must in ("/agenda", "/activities", "/control", "/results"):
        assert any(p.endswith(must) for _, p in secured), f"{must} must be marked secured in the OpenAPI document"


@pytest.mark.parametrize("header", [None, "Bearer ", "Bearer wrong-token", "Basic CONTROL", "CONTROL", "Bearer OTHER"])
def test_facilitator_endpoints_need_the_bearer_token_401(client, workshops, workshop, header):
    other = workshops.create()
    header = header and header.replace("CONTROL", workshop["control_token"]).replace("OTHER", other["control_token"])
    headers = {"Authorization": header} if header is not None else {}
    for method, path in secured_operations(client):
        url = path.replace("{code}", workshop["code"]).replace("{activity_id}", str(workshop["activity_id"]))
        body = {"action": "next", "kind": "ambitions"} if method in ("post", "put") else None
        reply = getattr(client, method)(url, json=body, headers=headers)
        assert_json_error(reply, 401)
        assert reply.headers["WWW-Authenticate"].lower().startswith("bearer")
    # Nothing moved.
    agenda = client.get(
        f"/api/workshops/{workshop['code']}/agenda", headers={"Authorization": f"Bearer {workshop['control_token']}"}
    )
    assert [a["state"] for a in agenda.get_json()] == ["draft"]


def test_facilitator_endpoints_work_with_the_token(client, workshops, workshop):
    headers = {"Authorization": f"Bearer {workshop['control_token']}"}
    code = workshop["code"]
    added = client.post(f"/api/workshops/{code}/activities", json={"kind": "ambitions", "title": "Second"}, headers=headers)
    assert added.status_code == 201
    state = client.post(f"/api/workshops/{code}/control", json={"action": "next"}, headers=headers)
    assert state.status_code == 200 and state.get_json()["current"]["id"] == workshop["activity_id"]
    results = client.get(f"/api/workshops/{code}/results", headers=headers)
    assert results.status_code == 200
    assert [a["activity_id"] for a in results.get_json()["activities"]] == [workshop["activity_id"]]


def test_every_api_route_is_in_the_openapi_document(app, client):
    paths = openapi(client)["paths"]
    missing = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api"):
            continue
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if method.lower() not in paths.get(path, {}):
                missing.append(f"{method} {path}")
    assert not missing, f"missing from /api/openapi.json: {missing}"
    assert len(paths) >= 8


def test_participant_text_is_escaped_everywhere(app, client, workshops, live):
    created = workshops.create(title=f"Title {EVIL}", organisations=[EVIL_ORG, "Gewoon"])
    person = workshops.join(created, 0, display_name="<b>me</b>")
    workshops.open(created)
    phone = live.participant(created, person["token"])
    ack = phone.emit("submit", submission(created["activity_id"], ambition(text=EVIL)), callback=True)
    assert ack["ok"]

    browser = app.test_client()
    browser.post(
        f"/w/{created['code']}/join", data=with_token(browser, {"organisation_id": created["org_ids"][1], "role": "manager"})
    )
    code = created["code"]
    pages = [
        client.get(f"/w/{code}"),
        browser.get(f"/w/{code}"),
        client.get(f"/w/{code}/control"),
        client.get(f"/w/{code}/screen"),
    ]
    for reply in pages:
        html = reply.get_data(as_text=True)
        check_html(reply)
        for raw in (EVIL, EVIL_ORG, "<b>me</b>", "<script>alert"):
            assert raw not in html, f"unescaped participant text in {reply.request.path}"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0].get_data(as_text=True), "the title is shown, escaped"
    # The raw text is only data, in JSON.
    results = client.get(f"/api/workshops/{code}/results", headers={"Authorization": f"Bearer {created['control_token']}"})
    assert results.mimetype == "application/json"
    assert results.get_json()["activities"][0]["data"]["items"][0]["text"] == EVIL


def test_templates_have_no_inline_code_or_styles():
    problems = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        source = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", source):
            if "src=" not in tag and "application/json" not in tag:
                problems.append(f"{template.name}: inline script {tag}")
        for match in re.findall(r"<[^>]*\sstyle\s*=", source):
            problems.append(f"{template.name}: style attribute in {match[:60]}")
        for match in re.findall(r"<[^>]*\son[a-z]+\s*=", source):
            problems.append(f"{template.name}: inline handler in {match[:60]}")
    assert not problems, "\n".join(problems)


def test_scripts_put_text_in_with_text_content_only():
    scripts = [p for p in (ROOT / "static").rglob("*.js") if "vendor" not in p.relative_to(ROOT / "static").parts]
    assert scripts, "no scripts found under static/"
    found = []
    for script in scripts:
        for number, line in enumerate(script.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write)\b", line):
                found.append(f"{script.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
