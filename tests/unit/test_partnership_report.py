"""The partnership report's rules: committed versus delivered along a goal's thread, and progress with equal voice."""

from workshop.report.partnership import _chart_point, deliveries, equal_voice


def version(title, commitments=(), progress=()):
    return {"workshop_title": title, "date": "2026-01-01", "commitments": list(commitments), "progress": list(progress)}


def test_a_report_answers_the_commitment_and_an_unreported_one_is_listed_once():
    chain = [
        version("Bestuurders"),
        version("Kick-off", commitments=[{"organisation_id": 1, "hours": 200}, {"organisation_id": 2, "hours": 40}]),
        version(
            "Vervolg",
            progress=[{"organisation_id": 1, "committed": {"hours": 200}, "delivered": {"hours": 180}, "status": "done"}],
        ),
    ]
    rows = deliveries(chain)
    assert [(r["organisation_id"], r["committed_in"], r["reported_in"], r["status"]) for r in rows] == [
        (1, "Kick-off", "Vervolg", "done"),
        (2, "Kick-off", None, None),
    ]
    assert rows[1]["committed"] == {"hours": 40} and rows[1]["delivered"] is None


def test_equal_voice_counts_only_organisations_that_committed_and_reported():
    rows = [
        {"status": "done", "committed": {"hours": 10}},
        {"status": "partly", "committed": {"hours": 500}},
        {"status": None, "committed": {"hours": 5}},
        {"status": "not_yet", "committed": None},
    ]
    assert equal_voice(rows) == 75, "done 1 and partly ½, whatever the size of the pledge"
    assert equal_voice([{"status": None, "committed": {"hours": 1}}]) is None


def test_the_trend_chart_puts_one_workshop_in_the_middle_and_the_scale_upright():
    assert _chart_point(0, 5, 1, 0, 10)[0] == 300
    first, last = _chart_point(0, 0, 3, 0, 10), _chart_point(2, 10, 3, 0, 10)
    assert first[0] < last[0] and first[1] > last[1], "later to the right, higher values higher up"
