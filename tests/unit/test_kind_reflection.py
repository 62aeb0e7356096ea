"""Reflection: private by default; only shared answers reach any results, anonymous ones without name or organisation."""

import json

import pytest

from workshop.domain.errors import InvalidInput
from workshop.domain.kinds import AnswerContext, clean_activity, get_kind
from workshop.domain.model import OPEN, Activity, Answer, Organisation, Participant, Workshop
from workshop.domain.results import FACILITATOR, SCREEN, ResultContext, build_results

KIND = get_kind("reflection")
ORGS = [Organisation("Woonstede", "#0072B2", 0, id=1), Organisation("Energiek", "#E69F00", 1, id=2)]
ME = Participant(organisation_id=1, role="bestuurder", display_name="Anna", id=1)


def activity(language="en", **config) -> Activity:
    act = clean_activity({"kind": "reflection", "config": config}, language)
    act.id, act.state = 8, OPEN
    return act


def clean(payload, **config):
    return KIND.clean_answer(activity(**config).config, payload, AnswerContext(participant=ME))


def test_private_by_default_and_results_hidden_until_revealed():
    assert clean({"text": "I hold back too often"}) == {"text": "I hold back too often", "share": "private"}
    assert clean({"text": "I hold back too often", "share": None})["share"] == "private"
    assert KIND.results_visible_by_default is False
    assert KIND.many_answers is False


@pytest.mark.parametrize("share", ["private", "named", "anonymous"])
def test_each_sharing_choice_is_kept(share):
    kept = clean({"text": "Fear of losing control", "share": share})
    assert {k: v for k, v in kept.items() if k != "ref"} == {"text": "Fear of losing control", "share": share}
    # An anonymous answer gets a random handle for moderation; its author never sees it.
    assert ("ref" in kept) == (share == "anonymous")
    if share == "anonymous":
        assert kept["ref"].startswith("anon-") and kept["ref"] != clean({"text": "x", "share": share})["ref"]
        stored = Answer(activity_id=8, participant_id=1, client_id="client-0001", payload=kept, id=1)
        assert "ref" not in KIND.own_view(stored)


def test_line_breaks_in_a_reflection_are_kept():
    assert clean({"text": "First.\nSecond."})["text"] == "First.\nSecond."


@pytest.mark.parametrize(
    "payload",
    [
        None,
        "text",
        {},
        {"text": ""},
        {"text": "   "},
        {"text": 42},
        {"text": "x" * 1001},
        {"text": "ok", "share": "public"},
        {"text": "ok", "share": "Named"},
        {"text": "ok", "share": True},
    ],
)
def test_bad_answers_are_refused(payload):
    with pytest.raises(InvalidInput):
        clean(payload)


def test_the_article_questions_are_the_default_and_can_be_replaced():
    assert "Welke vraag wordt er niet gesteld?" in activity("nl").config["questions"]
    assert "What frightens you, or makes you bold?" in activity("en").config["questions"]
    assert activity(questions={"en": ["Where do you get stuck?"], "nl": ["Waar loop je vast?"]}).config["questions"] == [
        "Where do you get stuck?"
    ]
    assert activity(questions=[]).config["questions"] == []


@pytest.mark.parametrize(
    "config", [{"questions": "x" * 201}, {"questions": [f"q{i}" for i in range(7)]}, {"questions": 3}, {"max_length": 5}]
)
def test_bad_config_is_refused(config):
    with pytest.raises(InvalidInput):
        activity(**config)


def test_own_view_returns_the_whole_answer():
    stored = Answer(activity_id=8, participant_id=1, client_id="client-0001", payload={"text": "Mine", "share": "private"}, id=1)
    assert KIND.own_view(stored) == {"text": "Mine", "share": "private"}


PEOPLE = {
    1: Participant(organisation_id=1, role="bestuurder", display_name="Anna", id=1),
    2: Participant(organisation_id=1, role="manager", display_name="", id=2),
    3: Participant(organisation_id=1, role="manager", display_name="Bo", id=3),
    4: Participant(organisation_id=2, role="manager", display_name="Dirk", id=4),
    5: Participant(organisation_id=2, role="manager", display_name="Eva", id=5),
    6: Participant(organisation_id=1, role="manager", display_name="Fien", id=6),
}


def answer(pid, text, share, hidden=False):
    return Answer(
        activity_id=8,
        participant_id=pid,
        client_id=f"client-{pid:04}",
        payload={"text": text, "share": share} | ({"ref": f"anon-{pid}"} if share == "anonymous" else {}),
        hidden=hidden,
        id=400 + pid,
    )


def answers():
    return [
        answer(1, "I am afraid to lose control", "named"),
        answer(2, "Nobody asks who pays", "named"),
        answer(3, "My secret worry", "private"),
        answer(4, "Dirk's private doubt", "private"),
        answer(5, "We avoid the money question", "anonymous"),
        answer(6, "Something rude", "named", hidden=True),
    ]


def results(audience=SCREEN, threshold=2) -> dict:
    ctx = ResultContext(
        workshop=Workshop(title="Kick-off", language="en", settings={"privacy_threshold": threshold}, id=1),
        activity=activity(),
        organisations=ORGS,
        participants=PEOPLE,
        answers=answers(),
        audience=audience,
    )
    return build_results(ctx, KIND)


def test_screen_sees_only_shared_answers_and_a_count_of_private_ones():
    data = results(SCREEN)["data"]
    assert data == {
        "shared": [
            {"text": "I am afraid to lose control", "share": "named", "display_name": "Anna", "organisation_id": 1},
            {"text": "Nobody asks who pays", "share": "named", "display_name": None, "organisation_id": 1},
            # Anonymous: neither name nor organisation, though Energiek has enough answerers to be shown.
            {"text": "We avoid the money question", "share": "anonymous", "display_name": None, "organisation_id": None},
        ],
        "shared_count": 3,
        "private_count": 2,
        "anonymous_waiting": 0,
    }


@pytest.mark.parametrize("audience", [SCREEN, FACILITATOR])
def test_private_answers_never_appear_for_any_audience(audience):
    text = json.dumps(results(audience))
    assert "My secret worry" not in text and "Dirk's private doubt" not in text


def test_anonymous_answers_carry_no_name_or_organisation_for_the_facilitator_either():
    shared = results(FACILITATOR)["data"]["shared"]
    anonymous = [item for item in shared if item["share"] == "anonymous"]
    assert anonymous == [
        {
            "text": "We avoid the money question",
            "share": "anonymous",
            "display_name": None,
            "organisation_id": None,
            # A random handle to moderate it by, never the row id (which could be tied to its author).
            "id": "anon-5",
            "hidden": False,
        }
    ]
    assert "Eva" not in json.dumps(results(FACILITATOR))


def test_the_facilitator_sees_hidden_shared_answers_marked_with_their_ids():
    shared = results(FACILITATOR)["data"]["shared"]
    assert [(i["id"], i["hidden"]) for i in shared] == [(401, False), (402, False), ("anon-5", False), (406, True)]
    assert "Something rude" not in json.dumps(results(SCREEN))
    assert results(FACILITATOR)["data"]["shared_count"] == 3


def test_a_named_answers_organisation_only_above_the_threshold():
    # Woonstede has three visible answerers, Energiek two; with a threshold of 3 only Woonstede is shown.
    shared = results(SCREEN, threshold=3)["data"]["shared"]
    assert [i["organisation_id"] for i in shared] == [1, 1, None]
    assert [i["organisation_id"] for i in results(SCREEN, threshold=4)["data"]["shared"]] == [None, None, None]
    assert results(SCREEN, threshold=4)["data"]["shared"][0]["display_name"] == "Anna", "the author chose to share the name"


def test_anonymous_answers_wait_until_enough_people_answered():
    # Six people answered (one answer hidden); with a threshold of seven the anonymous one waits.
    data = results(SCREEN, threshold=7)["data"]
    assert [i["share"] for i in data["shared"]] == ["named", "named"]
    assert data["anonymous_waiting"] == 1
    assert "We avoid the money question" not in json.dumps(results(FACILITATOR, threshold=7))
    assert results(SCREEN, threshold=6)["data"]["anonymous_waiting"] == 0


def test_private_and_anonymous_answers_have_no_public_id():
    by_share = {a.payload["share"]: a for a in answers()}
    assert KIND.public_id(by_share["named"]) == by_share["named"].id
    assert KIND.public_id(by_share["anonymous"]) == "anon-5"
    assert KIND.public_id(by_share["private"]) is None
