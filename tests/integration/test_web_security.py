"""The web layer: token scoping (issue 7 §11), open redirects (§13), proxies, TLS, hosts and headers (§14)."""

import pytest

from tests.support.forms import with_token
from workshop.web.security import HEADERS

# -- §11: a participant token works only for its own workshop ------------------------------------


def test_a_token_of_one_workshop_is_nothing_on_another(app, client, workshops, live):
    a = workshops.create(title="Workshop A")
    b = workshops.create(title="Workshop B")
    person = workshops.join(a)
    # The cookie of A, presented under B's name.
    client.set_cookie(f"samenspel_{b['code']}", person["token"])
    page = client.get(f"/w/{b['code']}")
    assert page.status_code == 200 and 'class="stack join-form"' in page.get_data(as_text=True), "B shows its join form"
    mine = client.get(f"/w/{b['code']}/my-answers.json")
    assert mine.status_code == 403
    assert "Workshop A" not in mine.get_data(as_text=True)
    phone = live.participant(b, person["token"])
    assert not phone.is_connected()
    # Its own workshop still knows it.
    assert live.participant(a, person["token"]).is_connected()
    client.set_cookie(f"samenspel_{a['code']}", person["token"])
    assert client.get(f"/w/{a['code']}/my-answers.json").status_code == 200


def test_a_connect_does_not_tell_which_codes_exist(workshop, live):
    unknown = dict(workshop, code="QQQQQQ")
    for make in (live.facilitator, live.screen):
        refused_unknown = make(unknown, "wrong")
        refused_wrong = make(workshop, "wrong")
        assert not refused_unknown.is_connected() and not refused_wrong.is_connected()


# -- §13: the language switch sends people back only to this site --------------------------------

BYPASSES = [
    "//evil.example/",
    "/%09/evil.example/",
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r/evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "/\\/evil.example/",
    "https://evil.example/",
    "http:evil.example",
    "//evil.example:80@good/",
    "/ /evil.example",
    "javascript:alert(1)",
    "evil.example",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "///evil.example",
    " //evil.example",
    "/\x00/evil.example",
    "/\u0085/evil.example",
]


@pytest.mark.parametrize("target", BYPASSES)
def test_the_language_switch_never_redirects_to_another_site(client, target):
    reply = client.get("/lang/en", query_string={"next": target})
    assert reply.status_code == 302
    location = reply.headers["Location"]
    assert location.startswith("/") and not location.startswith("//"), location
    # A browser resolves the Location against our own address: it must stay on this host.
    from urllib.parse import urljoin, urlsplit

    cleaned = "".join(ch for ch in location if ch not in "\t\r\n").replace("\\", "/")
    assert urlsplit(urljoin("http://good.example/lang/en", cleaned)).hostname == "good.example", location


@pytest.mark.parametrize("target", ["/", "/w/ABC234", "/new?lang=en", "/w/ABC234/screen"])
def test_the_language_switch_goes_back_to_our_own_pages(client, target):
    reply = client.get("/lang/nl", query_string={"next": target})
    assert reply.headers["Location"] == target


# -- §14: proxies, TLS, hosts, caches and headers ------------------------------------------------


@pytest.fixture
def proxied(app):
    """The app behind one trusted reverse proxy that terminates TLS."""
    from workshop import create_app

    behind = create_app({**app.config, "TRUSTED_PROXIES": 1, "PUBLIC_URL": "https://workshop.example.nl"})
    yield behind
    behind.extensions["samenspel.db"].engine.dispose()


def test_behind_a_trusted_tls_proxy_cookies_are_secure_and_hsts_is_sent(proxied):
    client = proxied.test_client()
    created = client.post(
        "/api/workshops",
        json={"title": "T", "organisations": ["A"]},
        headers={"Host": "workshop.example.nl", "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"},
    ).get_json()
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9", "X-Forwarded-Host": "workshop.example.nl"}
    page = client.get(f"/w/{created['code']}", headers=forwarded)
    assert page.headers["Strict-Transport-Security"].startswith("max-age=")
    form = {"organisation_id": created["workshop"]["organisations"][0]["id"], "role": "manager"}
    token = with_token(client, {}, page=f"/w/{created['code']}")["csrf_token"]
    joined = client.post(f"/w/{created['code']}/join", data={**form, "csrf_token": token}, headers=forwarded)
    assert joined.status_code == 303
    cookies = joined.headers.getlist("Set-Cookie")
    participant = [c for c in cookies if c.startswith(f"samenspel_{created['code']}=")]
    assert participant and all("Secure" in c and "HttpOnly" in c and "SameSite=Lax" in c for c in participant), cookies
    language = client.get("/lang/en?next=/", headers=forwarded).headers.getlist("Set-Cookie")
    assert all("Secure" in c for c in language), language
    assert created["links"]["join"].startswith("https://workshop.example.nl/w/")


def test_without_a_trusted_proxy_forwarded_headers_are_ignored(client, workshop):
    page = client.get(f"/w/{workshop['code']}", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in page.headers
    form = {"organisation_id": workshop["org_ids"][0], "role": "manager"}
    joined = client.post(f"/w/{workshop['code']}/join", data=with_token(client, form), headers={"X-Forwarded-Proto": "https"})
    assert all("Secure" not in c for c in joined.headers.getlist("Set-Cookie"))


@pytest.mark.parametrize("path", ["/w/{code}/qr.svg", "/w/{code}", "/w/{code}/control", "/new", "/api/workshops/{code}"])
def test_a_forged_host_never_reaches_a_link(client, workshop, path):
    reply = client.get(path.format(code=workshop["code"]), headers={"Host": "evil.example"})
    assert reply.status_code == 400
    assert "evil.example" not in reply.get_data(as_text=True)
    created = client.post("/api/workshops", json={"title": "T", "organisations": ["A"]}, headers={"Host": "evil.example"})
    assert created.status_code == 400


def test_a_laptop_serves_its_ip_addresses_and_own_names(client, workshop):
    for host in ("127.0.0.1:5000", "192.168.1.20:5000", "[::1]:5000", "localhost:5000"):
        reply = client.get(f"/w/{workshop['code']}/qr.svg", headers={"Host": host})
        assert reply.status_code == 200, host
        assert reply.headers["Cache-Control"].startswith("private"), "a link made from Host is never cached publicly"


def test_with_public_url_links_come_only_from_it(app):
    from workshop import create_app

    hosted = create_app({**app.config, "PUBLIC_URL": "https://workshop.example.nl", "ALLOWED_HOSTS": ["samenspel.internal"]})
    client = hosted.test_client()
    created = client.post("/api/workshops", json={"title": "T", "organisations": ["A"]}, headers={"Host": "samenspel.internal"})
    assert created.status_code == 201
    assert all(link.startswith("https://workshop.example.nl/") for link in created.get_json()["links"].values())
    code = created.get_json()["code"]
    qr = client.get(f"/w/{code}/qr.svg", headers={"Host": "workshop.example.nl"})
    assert qr.status_code == 200 and qr.headers["Cache-Control"].startswith("public")
    assert client.get(f"/w/{code}/qr.svg", headers={"Host": "192.168.1.20"}).status_code == 400
    assert client.get("/healthz", headers={"Host": "localhost"}).status_code == 200
    hosted.extensions["samenspel.db"].engine.dispose()


def test_pages_with_secrets_are_never_stored(client, workshop):
    form = {"title": "Kick-off", "language": "en", "org_name": ["A", "B"], "org_colour": ["", ""], "privacy_threshold": "2"}
    created = client.post("/new", data=with_token(client, form))
    assert created.status_code == 201 and created.headers["Cache-Control"] == "no-store"
    assert client.get(f"/w/{workshop['code']}/control").headers["Cache-Control"] == "no-store"
    api = client.post("/api/workshops", json={"title": "T", "organisations": ["A"]})
    assert api.headers["Cache-Control"] == "no-store"


def test_the_socketio_endpoint_sends_the_security_headers(client):
    reply = client.get("/socket.io/?EIO=4&transport=polling")
    assert reply.status_code == 200
    for name, value in HEADERS.items():
        assert reply.headers.get(name) == value, name
