"""Team phase: one of four stable phase ids; counts and the most chosen phase per organisation."""

import pytest

from workshop.domain.errors import InvalidInput
from workshop.domain.kinds import AnswerContext, clean_activity, get_kind
from workshop.domain.kinds.team_phase import PHASES
from workshop.domain.model import OPEN, Activity, Answer, Organisation, Participant, Workshop
from workshop.domain.results import FACILITATOR, SCREEN, ResultContext, build_results

KIND = get_kind("team_phase")
ORGS = [
    Organisation("Woonstede", "#0072B2", 0, id=1),
    Organisation("Energiek", "#E69F00", 1, id=2),
    Organisation("Thuis", "#009E73", 2, id=3),
]
ME = Participant(organisation_id=1, role="manager", id=1)


def activity(**config) -> Activity:
    act = clean_activity({"kind": "team_phase", "config": config}, "en")
    act.id, act.state = 7, OPEN
    return act


def clean(payload):
    return KIND.clean_answer(activity().config, payload, AnswerContext(participant=ME))


def test_the_four_phases_in_order_with_texts():
    assert PHASES == ("forming", "storming", "norming", "performing")
    for phase in PHASES:
        assert KIND.ui_strings[phase] and KIND.ui_strings[f"{phase}_text"]


def test_config_has_nothing_to_set():
    assert activity(phases=["x"]).config == {"prompt": "", "results": "live"}


@pytest.mark.parametrize("phase", PHASES)
def test_good_answers(phase):
    assert clean({"phase": phase, "note": "dropped"}) == {"phase": phase}


@pytest.mark.parametrize(
    "payload",
    [None, "forming", {}, {"phase": None}, {"phase": "Forming"}, {"phase": "adjourning"}, {"phase": 0}, {"phase": ["forming"]}],
)
def test_bad_answers_are_refused(payload):
    with pytest.raises(InvalidInput):
        clean(payload)


PEOPLE = {
    pid: Participant(organisation_id=org, role="manager", id=pid)
    for pid, org in [(1, 1), (2, 1), (3, 1), (4, 2), (5, 2), (6, 2), (7, 3), (8, 2)]
}


def answer(pid, phase, hidden=False):
    return Answer(
        activity_id=7, participant_id=pid, client_id=f"client-{pid:04}", payload={"phase": phase}, hidden=hidden, id=300 + pid
    )


def results(answers, threshold=2, audience=SCREEN) -> dict:
    ctx = ResultContext(
        workshop=Workshop(title="Kick-off", language="en", settings={"privacy_threshold": threshold}, id=1),
        activity=activity(),
        organisations=ORGS,
        participants=PEOPLE,
        answers=answers,
        audience=audience,
    )
    return build_results(ctx, KIND)["data"]


def answers():
    return [
        answer(1, "storming"),
        answer(2, "storming"),
        answer(3, "forming"),  # Woonstede
        answer(4, "norming"),
        answer(5, "forming"),
        answer(6, "forming", hidden=True),  # Energiek: a tie once hidden is out
        answer(7, "performing"),  # Thuis: alone, below the threshold
        answer(8, "performing", hidden=True),
    ]


def test_counts_overall_and_per_shown_organisation():
    data = results(answers())
    assert [(p["id"], p["count"]) for p in data["phases"]] == [("forming", 2), ("storming", 2), ("norming", 1), ("performing", 1)]
    assert data["organisations_shown"] == [1, 2]
    assert data["phases"][1]["by_organisation"] == {"1": 2, "2": 0}
    assert data["phases"][0]["by_organisation"] == {"1": 1, "2": 1}
    assert data["phases"][3]["by_organisation"] == {"1": 0, "2": 0}, "Thuis's answer counts overall only"


def test_most_chosen_lists_ties_in_phase_order():
    data = results(answers())
    assert data["most_chosen"] == ["forming", "storming"]
    assert data["most_chosen_by_organisation"] == {"1": ["storming"], "2": ["forming", "norming"]}


def test_hidden_answers_never_count():
    facilitator = results(answers(), audience=FACILITATOR)
    assert sum(p["count"] for p in facilitator["phases"]) == 6
    assert facilitator["most_chosen_by_organisation"]["2"] == ["forming", "norming"]


def test_threshold_hides_every_breakdown():
    data = results(answers(), threshold=4)
    assert data["organisations_shown"] == [] and data["most_chosen_by_organisation"] == {}
    assert all(p["by_organisation"] == {} for p in data["phases"])
    assert sum(p["count"] for p in data["phases"]) == 6


def test_no_answers():
    data = results([])
    assert data["most_chosen"] == [] and all(p["count"] == 0 for p in data["phases"])
