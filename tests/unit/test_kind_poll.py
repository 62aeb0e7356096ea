"""Poll: options, one or several choices, counts and percentages of respondents per organisation."""

import pytest

from workshop.domain.errors import InvalidInput
from workshop.domain.kinds import AnswerContext, clean_activity, get_kind
from workshop.domain.kinds.poll import percent
from workshop.domain.model import OPEN, Activity, Answer, Organisation, Participant, Workshop
from workshop.domain.results import FACILITATOR, SCREEN, ResultContext, build_results

KIND = get_kind("poll")
ORGS = [Organisation("Woonstede", "#0072B2", 0, id=1), Organisation("Energiek", "#E69F00", 1, id=2)]
ME = Participant(organisation_id=1, role="manager", id=1)
OPTIONS = ["Heat network", "Heat pumps", "Insulation first", "Wait and see"]


def activity(language="en", **config) -> Activity:
    act = clean_activity({"kind": "poll", "config": config}, language)
    act.id, act.state = 9, OPEN
    return act


def clean(payload, **config):
    return KIND.clean_answer(activity(**config).config, payload, AnswerContext(participant=ME))


def test_defaults_are_the_articles_five_tips_one_choice():
    config = activity("nl").config
    assert config["options"][0] == "Eerst de bestuurders" and len(config["options"]) == 5
    assert (config["multiple"], config["max_choices"]) == (False, 1)
    assert activity("en").config["options"][0] == "Board members first"


def test_max_choices_defaults_to_all_options_when_multiple():
    assert activity(options=OPTIONS, multiple=True).config["max_choices"] == 4
    assert activity(options=OPTIONS, multiple=True, max_choices=2).config["max_choices"] == 2
    assert activity(options=OPTIONS, max_choices=3).config["max_choices"] == 1, "one choice unless multiple"


def test_localised_options_pick_the_workshop_language():
    config = activity(options={"nl": ["Ja", "Nee"], "en": ["Yes", "No"]}).config
    assert config["options"] == ["Yes", "No"]


@pytest.mark.parametrize(
    "config",
    [
        {"options": ["Only one"]},
        {"options": []},
        {"options": ["Same", "same"]},
        {"options": [f"Option {i}" for i in range(11)]},
        {"options": ["A", "x" * 121]},
        {"options": 3},
        {"options": OPTIONS, "multiple": "yes"},
        {"options": OPTIONS, "multiple": True, "max_choices": 5},
        {"options": OPTIONS, "multiple": True, "max_choices": 0},
    ],
)
def test_bad_config_is_refused(config):
    with pytest.raises(InvalidInput):
        activity(**config)


def test_good_answers_are_stored_sorted():
    assert clean({"choices": [2]}, options=OPTIONS) == {"choices": [2]}
    assert clean({"choices": [3, "0"]}, options=OPTIONS, multiple=True, max_choices=2) == {"choices": [0, 3]}


@pytest.mark.parametrize(
    "payload, config",
    [
        (None, {}),
        ({}, {}),
        ({"choices": []}, {}),
        ({"choices": 1}, {}),
        ({"choices": [4]}, {}),
        ({"choices": [-1]}, {}),
        ({"choices": [True]}, {}),
        ({"choices": ["one"]}, {}),
        ({"choices": [1.5]}, {}),
        ({"choices": [0, 1]}, {}),
        ({"choices": [1, 1]}, {"multiple": True}),
        ({"choices": [0, 1, 2]}, {"multiple": True, "max_choices": 2}),
    ],
)
def test_bad_answers_are_refused(payload, config):
    with pytest.raises(InvalidInput):
        clean(payload, options=OPTIONS, **config)


@pytest.mark.parametrize("part, whole, expected", [(1, 3, 33), (2, 3, 67), (1, 2, 50), (1, 8, 13), (0, 0, 0), (3, 3, 100)])
def test_percentages_round_halves_up(part, whole, expected):
    assert percent(part, whole) == expected


PEOPLE = {
    pid: Participant(organisation_id=org, role="manager", id=pid, presence="remote" if pid == 5 else "room")
    for pid, org in [(1, 1), (2, 1), (3, 1), (4, 2), (5, 2)]
}


def answer(pid, choices, hidden=False):
    return Answer(
        activity_id=9, participant_id=pid, client_id=f"client-{pid:04}", payload={"choices": choices}, hidden=hidden, id=500 + pid
    )


def results(answers, threshold=2, audience=SCREEN, presence=None, **config) -> dict:
    ctx = ResultContext(
        workshop=Workshop(title="Kick-off", language="en", settings={"privacy_threshold": threshold}, id=1),
        activity=activity(options=OPTIONS, **config),
        organisations=ORGS,
        participants=PEOPLE,
        answers=answers,
        audience=audience,
        presence=presence,
    )
    return build_results(ctx, KIND)["data"]


def several():
    return [answer(1, [0, 1]), answer(2, [0]), answer(3, [2]), answer(4, [0, 2]), answer(5, [1, 3], hidden=True)]


def test_counts_and_percentages_of_respondents():
    data = results(several(), multiple=True)
    assert data["respondents"] == 4
    assert [(o["text"], o["count"], o["percent"]) for o in data["options"]] == [
        ("Heat network", 3, 75),
        ("Heat pumps", 1, 25),
        ("Insulation first", 2, 50),
        ("Wait and see", 0, 0),
    ]
    assert (data["multiple"], data["max_choices"]) == (True, 4)


def test_per_organisation_only_above_the_threshold():
    data = results(several(), multiple=True)
    # Energiek's second answer is hidden, leaving one answerer: below the threshold of two.
    assert data["organisations_shown"] == [1]
    assert data["respondents_by_organisation"] == {"1": 3}
    assert data["options"][0]["by_organisation"] == {"1": {"count": 2, "percent": 67}}
    assert data["options"][2]["by_organisation"] == {"1": {"count": 1, "percent": 33}}
    shown = results(several(), threshold=1, multiple=True)
    assert shown["options"][2]["by_organisation"]["2"] == {"count": 1, "percent": 100}


def test_hidden_answers_never_count_even_for_the_facilitator():
    data = results(several(), audience=FACILITATOR, multiple=True)
    assert data["options"][3]["count"] == 0 and data["respondents"] == 4


def test_presence_splits_the_results():
    answers = [answer(1, [0]), answer(4, [1]), answer(5, [3])]
    assert [o["count"] for o in results(answers, threshold=1, presence="remote")["options"]] == [0, 0, 0, 1]
    assert [o["count"] for o in results(answers, presence="room")["options"]] == [1, 1, 0, 0]


def test_a_split_below_the_threshold_shows_counts_only():
    answers = [answer(1, [0]), answer(4, [1]), answer(5, [3])]
    ctx = ResultContext(
        workshop=Workshop(title="Kick-off", language="en", settings={"privacy_threshold": 2}, id=1),
        activity=activity(options=OPTIONS),
        organisations=ORGS,
        participants=PEOPLE,
        answers=answers,
        audience=FACILITATOR,
        presence="remote",
    )
    remote = build_results(ctx, KIND)
    # One remote person answered: their choice would be theirs alone, so only the counts are shown.
    assert (remote["withheld"], remote["data"], remote["respondents"]) == (True, None, 1)


def test_no_answers():
    data = results([])
    assert data["respondents"] == 0 and all(o["count"] == 0 and o["percent"] == 0 for o in data["options"])
