"""The partnership report and workbook: the whole thread, opened only with the partnership's token."""

import io
import re

import pytest
from openpyxl import load_workbook

from tests.integration.test_partnerships import Partnership

EVIL = "<script>alert(1)</script>"
NOTE = f"120 daken klaar {EVIL}"


@pytest.fixture
def partnership(client, live):
    return Partnership(client, live)


def bearer(p) -> dict:
    return {"Authorization": f"Bearer {p.token}"}


def play_thread(p) -> dict:
    """A directors' session, a kick-off and a follow-up: one ambition of Woonstede becomes a delivered commitment."""
    one = {"privacy_threshold": 1}
    directors = p.workshop("Bestuurderssessie", "directors-session", settings=one)
    trust, ambitions, goals, consent, *_ = (a["id"] for a in p.agenda(directors))
    anne, bas, carla = (p.phone(directors, org) for org in ("Woonstede", "Thuisbaas", "De Zonnige Woning"))
    p.open(directors, trust)
    for phone, value in ((anne, 6), (bas, 7), (carla, 4)):
        p.send(phone, trust, {"value": value})
    p.open(directors, ambitions)
    solar = p.send(
        anne, ambitions, {"text": "Zonnepanelen op al onze daken", "value_driver": "Verduurzaming en CO2", "horizon": 3}
    )
    p.send(carla, ambitions, {"text": f"Betaalbaar wonen {EVIL}", "value_driver": "Betaalbaarheid", "horizon": 10})
    p.open(directors, goals)
    facilitator = directors["facilitator"]
    goal = facilitator.emit("goal_add", {"text": "Samen zon op elk dak", "answer_ids": [solar["answer"]["id"]]}, callback=True)
    goal = goal["goal"]
    assert facilitator.emit("goal_update", {"goal_id": goal["id"], "adopted": True}, callback=True)["ok"]
    p.open(directors, consent)
    for phone in (anne, bas, carla):
        p.send(phone, consent, {"responses": {str(goal["id"]): {"position": "consent"}}})

    trend = {"kind": "scale", "title": "Hoe is de klik?", "config": {"measure": "trust"}}
    kickoff = p.workshop("Kick-off", agenda=[{"kind": "commitments"}], settings=one)
    state = next(e for e in reversed(kickoff["facilitator"].get_received()) if e["name"] == "state")["args"][0]
    kick_goal = state["goals"][0]["id"]
    renamed = kickoff["facilitator"].emit(
        "goal_update", {"goal_id": kick_goal, "text": "Zon op elk geschikt dak in 2028"}, callback=True
    )
    assert renamed["ok"], renamed
    pledges = next(a["id"] for a in p.agenda(kickoff) if a["kind"] == "commitments")
    p.open(kickoff, pledges)
    p.send(p.phone(kickoff, "Woonstede"), pledges, {"pledges": {str(kick_goal): {"hours": 200, "budget": 40000}}})
    p.send(p.phone(kickoff, "Thuisbaas"), pledges, {"pledges": {str(kick_goal): {"hours": 40}}})

    follow = p.workshop("Vervolgsessie", agenda=[{"kind": "progress_review"}, trend], settings={"privacy_threshold": 2})
    kinds = {a["kind"]: a["id"] for a in p.agenda(follow)}
    assert list(kinds) == ["starting_point", "progress_review", "scale"], "the directors' outcome comes first"
    review, klik = kinds["progress_review"], kinds["scale"]
    state = next(e for e in reversed(follow["facilitator"].get_received()) if e["name"] == "state")["args"][0]
    imported = state["goals"][0]["id"]
    p.open(follow, review)
    report = {"status": "done", "hours": 180, "budget": 38000, "note": NOTE}
    p.send(p.phone(follow, "Woonstede"), review, {"reports": {str(imported): report}})
    p.open(follow, klik)
    # Two people of Woonstede, one of Thuisbaas: only Woonstede is shown on its own (smallest group 2).
    for org, value in (("Woonstede", 8), ("Woonstede", 6), ("Thuisbaas", 2)):
        p.send(p.phone(follow, org), klik, {"value": value})
    return {"directors": directors, "kickoff": kickoff, "follow": follow}


def page(client, p, **headers) -> str:
    reply = client.get(f"/p/{p.code}/report", headers={**bearer(p), **headers})
    assert reply.status_code == 200, reply.get_data(as_text=True)[:500]
    return reply.get_data(as_text=True)


def workbook(client, p):
    reply = client.get(f"/p/{p.code}/report/partnership.xlsx", headers=bearer(p))
    assert reply.status_code == 200
    assert reply.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert reply.headers["Cache-Control"] == "no-store"
    return load_workbook(io.BytesIO(reply.data))


def rows(sheet) -> list[list]:
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_the_report_and_workbook_need_the_partnership_token(app, client, partnership, workshops):
    p = partnership
    made = p.workshop("Kick-off", settings={"privacy_threshold": 1})
    other = Partnership(client, p.live)
    base = f"/p/{p.code}/report"
    for path in (base, f"{base}/partnership.xlsx"):
        for headers in (
            {},
            {"Authorization": "Bearer wrong"},
            {"Authorization": f"Bearer {other.token}"},
            {"Authorization": f"Bearer {made['control_token']}"},
        ):
            reply = app.test_client().get(path, headers=headers)
            assert reply.status_code == 403, (path, headers)
            assert "Energietransitie regio" not in reply.get_data(as_text=True)
            assert "Set-Cookie" not in reply.headers
    access = app.test_client().get(base).get_data(as_text=True)
    assert "js/report-access." in access and "Woonstede" not in access
    assert app.test_client().get("/p/ZZZZZZ/report").status_code == 404


def test_the_token_leaves_a_cookie_that_opens_only_this_report(app, client, partnership):
    p = partnership
    fresh = app.test_client()
    reply = fresh.get(f"/p/{p.code}/report", headers=bearer(p))
    assert reply.status_code == 200 and reply.headers["Cache-Control"] == "no-store"
    cookie = reply.headers["Set-Cookie"]
    for part in ("HttpOnly", "SameSite=Strict", f"Path=/p/{p.code}/report", "Max-Age=43200"):
        assert part in cookie, cookie
    assert fresh.get(f"/p/{p.code}/report").status_code == 200
    assert fresh.get(f"/p/{p.code}/report/partnership.xlsx").status_code == 200
    assert fresh.get(f"/api/partnerships/{p.code}").status_code == 401, "the cookie opens the report, not the API"
    other = Partnership(client, p.live)
    value = cookie.split(";", 1)[0].split("=", 1)[1]
    stranger = app.test_client()
    stranger.set_cookie(f"samenspel_partnership_report_{other.code}", value, path=f"/p/{other.code}/report")
    assert stranger.get(f"/p/{other.code}/report").status_code == 403, "a cookie of one partnership opens no other"
    assert fresh.get(f"/p/{p.code.lower()}/report").status_code == 302


def test_the_thread_from_a_directors_ambition_to_a_delivered_commitment(client, partnership):
    p = partnership
    play_thread(p)
    html = page(client, p)
    assert '<html lang="nl">' in html
    for text in ("Bestuurderssessie", "Kick-off", "Vervolgsessie"):
        assert text in html
    # One thread: the directors' ambition, the goal, its change, the pledges, the delivery.
    goal = html.split('id="goal-1"')[1].split("</section>")[0]
    assert "Zonnepanelen op al onze daken" in goal and "Woonstede" in goal
    assert "Samen zon op elk dak" in goal and "Zon op elk geschikt dak in 2028" in goal
    assert 'ptr-status changed">Aangepast<' in goal
    deliveries = goal.split('class="ptr-deliveries"')[1]
    woonstede = next(r for r in deliveries.split('class="ptr-delivery-row"')[1:] if "Woonstede" in r)
    assert "200" in woonstede and "40.000" in woonstede and "180" in woonstede and "38.000" in woonstede
    assert "Kick-off" in woonstede and "Vervolgsessie" in woonstede
    thuisbaas = next(r for r in deliveries.split('class="ptr-delivery-row"')[1:] if "Thuisbaas" in r)
    assert "40" in thuisbaas and "ptr-delivery missing" in thuisbaas, "Thuisbaas committed and has not reported yet"
    # Consent per organisation, and the trend of the recurring measure.
    assert "Hoe is de klik?" in html and 'id="trends"' in html

    book = workbook(client, p)
    assert book.sheetnames == ["Workshops", "Doelen door de tijd", "Toegezegd en geleverd", "Trends"]
    workshops_sheet, thread_sheet, delivered_sheet, trends_sheet = (book[name] for name in book.sheetnames)
    assert [r[1] for r in rows(workshops_sheet) if r[0] and re.match(r"\d{4}-", str(r[0]))] == [
        "Bestuurderssessie",
        "Kick-off",
        "Vervolgsessie",
    ]
    thread_cells = [c for r in rows(thread_sheet) for c in r if c is not None]
    assert "Zonnepanelen op al onze daken" in thread_cells and "Zon op elk geschikt dak in 2028" in thread_cells
    delivered = [r for r in rows(delivered_sheet) if r[2] == "Woonstede"]
    assert (
        delivered
        and delivered[0][3:10] == ["Kick-off", 200, 40000, "Vervolgsessie", "Klaar", 180, 38000]
        or (delivered[0][4:7] == [200, 40000, "Vervolgsessie"] and delivered[0][8:10] == [180, 38000])
    )
    assert delivered[0][10] == NOTE, "a note is text in a cell, as it was written"
    assert any(r[2] == "Thuisbaas" and r[4] == 40 and r[8] is None for r in rows(delivered_sheet))
    assert any("Hoe is de klik?" == r[0] for r in rows(trends_sheet))


def test_participant_text_is_escaped(client, partnership):
    p = partnership
    play_thread(p)
    html = page(client, p)
    assert EVIL not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, "the note is shown, escaped"


def test_the_privacy_threshold_holds_in_the_report_and_workbook(client, partnership):
    p = partnership
    play_thread(p)
    made = p.workshop("Sessie", settings={"privacy_threshold": 2}, agenda=[{"kind": "ambitions"}, {"kind": "goals"}])
    ambitions = next(a["id"] for a in p.agenda(made) if a["kind"] == "ambitions")
    p.open(made, ambitions)
    sent = p.send(
        p.phone(made, "De Zonnige Woning"), ambitions, {"text": "Eén loket", "value_driver": "Leefbaarheid", "horizon": 1}
    )
    goal = made["facilitator"].emit(
        "goal_add", {"text": "Eén loket voor bewoners", "answer_ids": [sent["answer"]["id"]]}, callback=True
    )
    made["facilitator"].emit("goal_update", {"goal_id": goal["goal"]["id"], "adopted": True}, callback=True)

    html = page(client, p)
    lonely = html.split("Eén loket voor bewoners</h2>")[1].split("</section>")[0]
    assert "Eén loket" in lonely and "De Zonnige Woning" not in lonely, "one person is not named by organisation"
    trend = html.split('id="trends"')[1].split("</section>")[0]
    table = trend.split('class="ptr-trend-table"')[1]
    klik = next(r for r in table.split("<tr>") if "Vervolgsessie" in r)
    cells = re.findall(r'<td class="num">(.*?)</td>', klik, re.S)
    # Overall (3 people), Woonstede (2: shown), Thuisbaas (1: below the smallest group of 2).
    assert "<strong>6</strong>" in cells[0] and "(3)" in cells[0]
    assert "7" in cells[1] and "(2)" in cells[1]
    assert "(1)" not in klik and "2 <span" not in klik

    book = workbook(client, p)
    thread_cells = [r for r in rows(book[book.sheetnames[1]])]
    source = next(r for r in thread_cells if "Eén loket" in r)
    assert "De Zonnige Woning" not in source
    trend_rows = [r for r in rows(book[book.sheetnames[3]]) if r[2] == "Vervolgsessie"]
    assert [(r[3], r[4], r[5]) for r in trend_rows] == [("Alle organisaties", 6, 3), ("Woonstede", 7, 2)]


def test_the_workshop_report_still_opens_with_the_partnership_token(client, partnership):
    made = partnership.workshop("Kick-off", settings={"privacy_threshold": 1})
    assert client.get(f"/w/{made['code']}/report", headers=bearer(partnership)).status_code == 200


def test_the_partnership_page_links_the_report_and_workbook(client, partnership):
    html = client.get(f"/p/{partnership.code}").get_data(as_text=True)
    assert f'href="/p/{partnership.code}/report"' in html
    assert f'href="/p/{partnership.code}/report/partnership.xlsx"' in html
