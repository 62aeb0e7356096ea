"""The facilitator's report page: who may open it, what it holds, and the privacy threshold in it."""

import re

import pytest

from tests.support import scenario
from workshop.web.report import cookie_name


@pytest.fixture
def played(client, db):
    return scenario.run(scenario.InProcess(client, db))


def bearer(played) -> dict:
    return {"Authorization": f"Bearer {played.created['control_token']}"}


def report_page(client, played, **headers) -> str:
    reply = client.get(f"/w/{played.created['code']}/report", headers={**bearer(played), **headers})
    assert reply.status_code == 200, reply.get_data(as_text=True)[:500]
    return reply.get_data(as_text=True)


def sections(html: str) -> dict[str, str]:
    """The report's HTML per activity kind (the part of each <section class="activity kind-...">)."""
    parts = re.split(r'<section class="activity kind-', html)
    return {part.split('"', 1)[0]: part for part in parts[1:]}


def test_without_the_control_token_the_report_and_its_files_stay_shut(client, played, workshops):
    code = played.created["code"]
    paths = [
        f"/w/{code}/report",
        f"/w/{code}/report/results.xlsx",
        f"/w/{code}/report/activity-{played.activity_ids['poll']}.csv",
    ]
    other = workshops.create()
    participant = {"Cookie": f"samenspel_{code}={played.people[0]['token']}"}
    for path in paths:
        for headers in (
            {},
            {"Authorization": "Bearer wrong"},
            {"Authorization": f"Bearer {other['control_token']}"},
            participant,
        ):
            reply = client.get(path, headers=headers)
            assert reply.status_code == 403, (path, headers)
            assert scenario.AMBITIONS[0][1] not in reply.get_data(as_text=True)
            assert "Set-Cookie" not in reply.headers
    # The page without access explains where to open it, and carries no data.
    page = client.get(f"/w/{code}/report").get_data(as_text=True)
    assert "js/report-access." in page and scenario.WOONSTEDE not in page  # a versioned asset name


def test_the_token_leaves_a_report_cookie_that_opens_only_the_report(app, played):
    code = played.created["code"]
    fresh = app.test_client()
    reply = fresh.get(f"/w/{code}/report", headers=bearer(played))
    assert reply.status_code == 200
    cookie = reply.headers["Set-Cookie"]
    assert cookie.startswith(cookie_name(code) + "=")
    for part in ("HttpOnly", "SameSite=Strict", f"Path=/w/{code}/report", "Max-Age=43200"):
        assert part in cookie, cookie
    assert reply.headers["Cache-Control"] == "no-store"
    # With the cookie alone: the page and the files, nothing else.
    assert fresh.get(f"/w/{code}/report").status_code == 200
    assert fresh.get(f"/w/{code}/report/results.xlsx").status_code == 200
    assert fresh.get(f"/api/workshops/{code}/results").status_code == 401  # the API wants the token itself
    # A tampered cookie, or one of another workshop, opens nothing.
    value = cookie.split(";", 1)[0].split("=", 1)[1]
    other = app.test_client()
    other.set_cookie(cookie_name(code), value[:-2] + ("AA" if not value.endswith("AA") else "BB"), path=f"/w/{code}/report")
    assert other.get(f"/w/{code}/report").status_code == 403


def test_a_cookie_of_one_workshop_does_not_open_another(app, played, workshops):
    second = workshops.create()
    fresh = app.test_client()
    value = fresh.get(f"/w/{played.created['code']}/report", headers=bearer(played)).headers["Set-Cookie"]
    value = value.split(";", 1)[0].split("=", 1)[1]
    fresh.set_cookie(cookie_name(second["code"]), value, path=f"/w/{second['code']}/report")
    assert fresh.get(f"/w/{second['code']}/report").status_code == 403


def test_the_report_holds_every_activity_in_the_workshops_language(client, played):
    # The facilitator's browser speaks English; the workshop is Dutch, and so is its report.
    html = report_page(client, played, **{"Accept-Language": "en", "Cookie": "samenspel_lang=en"})
    assert '<html lang="nl">' in html
    for text in ("Verslag van de workshop", "Organisaties en deelnemers", "Samen verduurzamen", "Bijlage: verborgen antwoorden"):
        assert text in html
    assert re.search(
        r"\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}", html
    )
    for item in scenario.AGENDA:
        assert item["title"] in html
    found = sections(html)
    assert list(found) == [item["kind"] for item in scenario.AGENDA]
    assert "Gelijke stem" in found["dot_voting"] and "177,8" in found["dot_voting"]
    assert "Waar de organisaties verschillen" in found["dot_voting"]
    assert "<svg" in found["scale"] and "5,5" in found["scale"]
    assert "In de zaal en op afstand" in found["poll"], "room and remote each have 3 or more people"
    assert scenario.OBJECTION in found["consent"] and scenario.CONCERN_SMALL in found["consent"]
    assert "€ 10.000" in found["commitments"] or "€\xa010.000" in found["commitments"]
    # Ambitions with the goals they went into.
    ambitions = found["ambitions"]
    first = ambitions.index(scenario.AMBITIONS[0][1])
    assert scenario.GOALS[0][0] in ambitions[first : first + 400]


def test_privacy_in_the_report(client, played):
    html = report_page(client, played)
    found = sections(html)
    # Private reflections appear nowhere, not even in the appendix; shared ones do.
    for text in scenario.PRIVATE_REFLECTIONS:
        assert text not in html
    assert "Mij maakt moedig dat we elkaar al kennen" in found["reflection"]
    # De Zonnige Woning has one person: never named next to an answer, only its pledge and its head count.
    for kind, part in found.items():
        if kind != "commitments":
            assert scenario.ZONNIG not in part, kind
    assert scenario.INTRO_SMALL in found["introductions"] and scenario.AMBITION_SMALL in found["ambitions"]
    assert "Carla" not in html.split('<section class="activity')[0], "names only for organisations of 3 or more"
    assert "Anne, Bram, Cees" in html
    # The hidden ambition is only in the marked appendix.
    before, appendix = html.split('id="appendix"')
    assert scenario.HIDDEN_AMBITION not in before and scenario.HIDDEN_AMBITION in appendix


def test_the_report_page_is_safe(client, db, workshops):
    created = workshops.create(title="<img src=x onerror=alert(1)>")
    reply = client.get(f"/w/{created['code']}/report", headers=workshops.bearer(created))
    html = reply.get_data(as_text=True)
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    csp = reply.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "script-src 'self'" in csp
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, f"inline script: {tag}"
    assert " style=" not in html, "CSP forbids inline styles: charts use SVG attributes"


def test_a_lower_case_code_finds_the_report(client, played):
    reply = client.get(f"/w/{played.created['code'].lower()}/report", headers=bearer(played))
    assert reply.status_code == 302 and reply.headers["Location"].endswith(f"/w/{played.created['code']}/report")


def test_the_json_export_has_titles_prompts_and_rounds(client, played):
    reply = client.get(f"/api/workshops/{played.created['code']}/results", headers=bearer(played))
    activities = reply.get_json()["activities"]
    assert [a["title"] for a in activities] == [item["title"] for item in scenario.AGENDA]
    assert activities[0]["prompt"] == scenario.AGENDA[0]["prompt"]
    assert all(a["round"] == 1 for a in activities) and [a["position"] for a in activities] == list(range(len(activities)))
