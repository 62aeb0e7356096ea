"""The CSV files and the Excel workbook: headers in the workshop's language, numbers as numbers, privacy."""

import csv
import io

import pytest
from openpyxl import load_workbook

from tests.support import scenario


@pytest.fixture
def played(client, db):
    return scenario.run(scenario.InProcess(client, db))


def bearer(played) -> dict:
    return {"Authorization": f"Bearer {played.created['control_token']}"}


def csv_rows(client, played, kind: str) -> list[list[str]]:
    reply = client.get(f"/w/{played.created['code']}/report/activity-{played.activity_ids[kind]}.csv", headers=bearer(played))
    assert reply.status_code == 200
    assert reply.headers["Content-Type"].startswith("text/csv; charset=utf-8")
    assert reply.headers["Content-Disposition"].startswith("attachment; filename=")
    body = reply.data
    assert body.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so Excel reads UTF-8"
    text = body.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def workbook(client, played):
    reply = client.get(f"/w/{played.created['code']}/report/results.xlsx", headers=bearer(played))
    assert reply.status_code == 200
    assert reply.headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(reply.data))


def test_csv_files_speak_dutch_with_semicolons_and_plain_numbers(client, played):
    scale = csv_rows(client, played, "scale")
    assert scale[0][:7] == ["Groep", "Mensen", "Mediaan", "Eerste kwartiel", "Derde kwartiel", "Laagste", "Hoogste"]
    everyone = scale[1]
    assert everyone[0] == "Iedereen" and everyone[1] == "8" and float(everyone[2]) == 5.5 and everyone[3] == "4"
    assert [row[0] for row in scale[1:]] == ["Iedereen", scenario.WOONSTEDE, scenario.THUISBAAS, "In de zaal", "Op afstand"]
    dots = csv_rows(client, played, "dot_voting")
    assert dots[0][:4] == ["Nummer", "Doelstelling", "Vastgesteld", "Stippen"]
    assert dots[1][1] == scenario.GOALS[0][0] and dots[1][2] == "ja" and float(dots[1][5]) == 177.8
    pledges = csv_rows(client, played, "commitments")
    total = pledges[-1]
    assert total[1] == "Totaal" and total[3:5] == ["68", "12500"], "no thousands separators"
    assert f"{scenario.ZONNIG}: Uren" in pledges[0], "pledges are per organisation whatever its size"


def test_csv_keeps_the_privacy_threshold_and_never_runs_a_formula(client, played):
    ambitions = csv_rows(client, played, "ambitions")
    by_text = {row[1]: row for row in ambitions[1:]}
    assert by_text[scenario.AMBITION_SMALL][0] == "Overige organisaties"
    assert by_text[scenario.AMBITIONS[0][1]][0] == scenario.WOONSTEDE
    assert by_text[scenario.AMBITIONS[0][1]][5] == scenario.GOALS[0][0], "the goal it went into"
    assert scenario.HIDDEN_AMBITION not in by_text
    assert '\'=HYPERLINK("http://evil.example")' in by_text, "a formula-like text gets a leading apostrophe"
    intros = csv_rows(client, played, "introductions")
    small = next(row for row in intros if row[2] == scenario.INTRO_SMALL)
    assert small[:2] == ["Overige organisaties", ""], "pooled, without a name"
    reflections = csv_rows(client, played, "reflection")
    texts = [row[3] for row in reflections[1:]]
    assert not set(texts) & set(scenario.PRIVATE_REFLECTIONS) and len(texts) == 5
    consent = csv_rows(client, played, "consent")
    assert scenario.ZONNIG not in "".join(",".join(row) for row in consent)
    assert all(
        scenario.ZONNIG not in cell
        for kind in ("poll", "team_phase", "scale", "dot_voting")
        for row in csv_rows(client, played, kind)
        for cell in row
    )


def test_an_english_workshop_gets_commas(client, workshops, live):
    created = workshops.create()
    workshops.open(created)
    phone = live.participant(created, workshops.join(created)["token"])
    phone.emit(
        "submit",
        {
            "activity_id": created["activity_id"],
            "client_id": "x" * 12,
            "answer": {"text": "Heat, pumps", "value_driver": "Innovation", "horizon": 3},
        },
        callback=True,
    )
    reply = client.get(f"/w/{created['code']}/report/activity-{created['activity_id']}.csv", headers=workshops.bearer(created))
    rows = list(csv.reader(io.StringIO(reply.data.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["Organisation", "Ambition", "Value driver"]
    assert rows[1][1] == "Heat, pumps" and rows[1][3] == "3"


def test_a_draft_or_unknown_activity_has_no_csv(client, workshops):
    created = workshops.create()
    headers = workshops.bearer(created)
    assert client.get(f"/w/{created['code']}/report/activity-{created['activity_id']}.csv", headers=headers).status_code == 404
    assert client.get(f"/w/{created['code']}/report/activity-999999.csv", headers=headers).status_code == 404


def test_the_workbook_has_a_sheet_per_activity_and_per_organisation(client, played):
    book = workbook(client, played)
    names = book.sheetnames
    assert names[0] == "Overzicht"
    # Excel refuses ? : * / \\ [ ] in sheet names, and more than 31 characters.
    expected = [f"{i} {item['title']}".replace("?", " ").strip()[:31] for i, item in enumerate(scenario.AGENDA, start=1)]
    assert names[1 : 1 + len(scenario.AGENDA)] == expected
    assert names[-3:] == [scenario.WOONSTEDE, scenario.THUISBAAS, scenario.ZONNIG]

    overview = book["Overzicht"]
    assert overview["A1"].value == "Samen verduurzamen"
    poll = book[names[1 + 7]]
    rows = [[c.value for c in row] for row in poll.iter_rows()]
    header = rows.index(
        ["Keuze", "Stemmen", "Procent", "Woonstede: stemmen", "Woonstede: procent", "Thuisbaas: stemmen", "Thuisbaas: procent"]
    )
    first = rows[header + 1]
    assert first == ["Bestuurders", 3, 38, 2, 50, 0, 0], "numbers are numbers"
    dots = book[names[1 + 4]]
    values = [[c.value for c in row] for row in dots.iter_rows()]
    row = next(r for r in values if r[1] == scenario.GOALS[0][0])
    assert row[2] is True and isinstance(row[5], float) and row[5] == 177.8
    ambitions = book[names[1 + 2]]
    cells = [c for row in ambitions.iter_rows() for c in row if c.value == '=HYPERLINK("http://evil.example")']
    assert cells and all(c.data_type == "s" for c in cells), "a participant's text is never a formula"


def test_organisation_sheets_keep_the_privacy_threshold(client, played):
    book = workbook(client, played)
    woonstede = [[c.value for c in row] for row in book[scenario.WOONSTEDE].iter_rows()]
    assert ["Mensen", 4] in [r[:2] for r in woonstede]
    texts = [cell for row in woonstede for cell in row if isinstance(cell, str)]
    assert scenario.AMBITIONS[0][1] in texts and "Mij maakt moedig dat we elkaar al kennen" in texts
    small = [[c.value for c in row] for row in book[scenario.ZONNIG].iter_rows()]
    flat = [cell for row in small for cell in row if cell is not None]
    note = "Minder dan 3 mensen van deze organisatie gaven antwoord: niet apart getoond."
    assert flat.count(note) == 8, "every kind but goals and commitments: not shown"
    for text in (scenario.AMBITION_SMALL, scenario.INTRO_SMALL, scenario.CONCERN_SMALL, "Carla"):
        assert text not in flat
    assert 4 in flat, "its pledge of 4 hours is there"
    everything = [c.value for sheet in book for row in sheet.iter_rows() for c in row]
    for text in (*scenario.PRIVATE_REFLECTIONS, scenario.HIDDEN_AMBITION):
        assert text not in everything
