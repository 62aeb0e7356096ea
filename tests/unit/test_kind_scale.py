"""Scale: settings, answers within range, and distribution, median and spread per organisation."""

import pytest

from workshop.domain.errors import InvalidInput
from workshop.domain.kinds import AnswerContext, clean_activity, get_kind
from workshop.domain.kinds.scale import quantile
from workshop.domain.model import OPEN, Activity, Answer, Organisation, Participant, Workshop
from workshop.domain.results import FACILITATOR, SCREEN, ResultContext, build_results

KIND = get_kind("scale")
ORGS = [Organisation("Woonstede", "#0072B2", 0, id=1), Organisation("Energiek", "#E69F00", 1, id=2)]
ME = Participant(organisation_id=1, role="manager", id=1)


def activity(language="en", **config) -> Activity:
    act = clean_activity({"kind": "scale", "config": config}, language)
    act.id, act.state = 6, OPEN
    return act


def clean(payload, **config):
    return KIND.clean_answer(activity(**config).config, payload, AnswerContext(participant=ME))


def test_default_config_per_language():
    assert activity("nl").config == {
        "left": "Stap voor stap, alles gepland",
        "right": "Laten ontstaan",
        "min": 0,
        "max": 10,
        "prompt": "",
        "results": "after_reveal",
    }
    assert activity("en").config["left"] == "Step by step, fully planned"
    assert activity("en").config["right"] == "Let it emerge"


def test_config_takes_localised_poles_and_drops_unknown_keys():
    config = activity(left={"nl": "Strak", "en": "Tight"}, right="Loose", min="1", max=5, colour="red").config
    assert config == {"left": "Tight", "right": "Loose", "min": 1, "max": 5, "prompt": "", "results": "after_reveal"}


@pytest.mark.parametrize(
    "config",
    [
        {"min": 5, "max": 5},
        {"min": 6, "max": 5},
        {"min": 0, "max": 101},
        {"min": -50, "max": 51},
        {"min": 1.5},
        {"max": "ten"},
        {"min": True},
        {"max": None},
        {"left": ""},
        {"right": "x" * 81},
        {"left": 3},
    ],
)
def test_bad_config_is_refused(config):
    with pytest.raises(InvalidInput):
        activity(**config)


def test_a_range_of_exactly_100_steps_is_allowed():
    assert activity(min=-50, max=50).config["max"] == 50


@pytest.mark.parametrize("value, stored", [(0, 0), (10, 10), ("7", 7), (7.0, 7)])
def test_good_answers(value, stored):
    assert clean({"value": value}) == {"value": stored}


@pytest.mark.parametrize(
    "payload",
    [
        None,
        5,
        {},
        {"value": None},
        {"value": -1},
        {"value": 11},
        {"value": 3.5},
        {"value": True},
        {"value": "abc"},
        {"value": [3]},
    ],
)
def test_bad_answers_are_refused(payload):
    with pytest.raises(InvalidInput):
        clean(payload)


def test_the_range_comes_from_the_config():
    assert clean({"value": -3}, min=-5, max=5) == {"value": -3}
    with pytest.raises(InvalidInput) as caught:
        clean({"value": 6}, min=-5, max=5)
    assert caught.value.params == {"field": "value", "min": -5, "max": 5}


@pytest.mark.parametrize(
    "values, q1, median, q3",
    [
        ([7], 7, 7, 7),
        ([2, 4], 2.5, 3, 3.5),
        ([2, 4, 5, 9], 3.5, 4.5, 6),
        ([2, 4, 5, 9, 10], 4, 5, 9),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3.25, 5.5, 7.75),
    ],
)
def test_quartiles_interpolate_between_order_statistics(values, q1, median, q3):
    assert (quantile(values, 0.25), quantile(values, 0.5), quantile(values, 0.75)) == (q1, median, q3)


PEOPLE = [
    Participant(organisation_id=1, role="manager", id=1),
    Participant(organisation_id=1, role="manager", id=2),
    Participant(organisation_id=1, role="manager", id=3, presence="remote"),
    Participant(organisation_id=1, role="manager", id=4),
    Participant(organisation_id=2, role="manager", id=5),
    Participant(organisation_id=2, role="manager", id=6),
]


def answer(pid, value, hidden=False):
    return Answer(
        activity_id=6, participant_id=pid, client_id=f"client-{pid:04}", payload={"value": value}, hidden=hidden, id=200 + pid
    )


def results(answers, threshold=2, audience=SCREEN, presence=None) -> dict:
    ctx = ResultContext(
        workshop=Workshop(title="Kick-off", language="en", settings={"privacy_threshold": threshold}, id=1),
        activity=activity(),
        organisations=ORGS,
        participants={p.id: p for p in PEOPLE},
        answers=answers,
        audience=audience,
        presence=presence,
    )
    return build_results(ctx, KIND)["data"]


def answers():
    # Woonstede: 2, 4, 5, 9. Energiek: 10, and a hidden 0 that must not count.
    return [answer(1, 2), answer(2, 4), answer(3, 5), answer(4, 9), answer(5, 10), answer(6, 0, hidden=True)]


def test_overall_distribution_median_and_spread():
    data = results(answers())
    overall = data["overall"]
    assert overall["count"] == 5
    assert [d["count"] for d in overall["distribution"]] == [0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1]
    assert [d["value"] for d in overall["distribution"]] == list(range(11))
    assert (overall["median"], overall["q1"], overall["q3"], overall["iqr"]) == (5, 4, 9, 5)
    assert (overall["min"], overall["max"]) == (2, 10)
    assert (data["min"], data["max"], data["left"], data["right"]) == (0, 10, "Step by step, fully planned", "Let it emerge")


def test_per_organisation_only_above_the_threshold():
    data = results(answers(), threshold=2)
    # Energiek has one visible answerer (the other's answer is hidden): no breakdown of its own.
    assert data["organisations_shown"] == [1]
    assert list(data["by_organisation"]) == ["1"]
    woonstede = data["by_organisation"]["1"]
    assert (woonstede["count"], woonstede["median"], woonstede["q1"], woonstede["q3"], woonstede["iqr"]) == (4, 4.5, 3.5, 6, 2.5)
    assert (woonstede["min"], woonstede["max"]) == (2, 9)
    assert results(answers(), threshold=5)["by_organisation"] == {}


def test_hidden_answers_never_count_for_anyone():
    assert results(answers(), audience=FACILITATOR)["overall"]["distribution"][0]["count"] == 0
    assert results(answers(), audience=FACILITATOR)["overall"]["count"] == 5


def test_presence_splits_the_results():
    remote = results(answers(), threshold=1, presence="remote")
    assert remote["overall"]["count"] == 1 and remote["overall"]["median"] == 5
    assert list(remote["by_organisation"]) == ["1"]
    room = results(answers(), threshold=1, presence="room")
    assert room["overall"]["count"] == 4 and room["overall"]["median"] == 6.5


def test_no_answers_has_an_empty_summary():
    overall = results([])["overall"]
    assert overall["count"] == 0 and overall["median"] is None and overall["iqr"] is None
    assert sum(d["count"] for d in overall["distribution"]) == 0
