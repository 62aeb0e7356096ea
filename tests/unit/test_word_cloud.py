"""The word cloud of ambitions: stop words out, a word counted once per ambition, value drivers whole."""

from workshop.domain import words
from workshop.domain.kinds import clean_activity, get_kind
from workshop.domain.model import Answer, Organisation, Participant, Workshop
from workshop.domain.results import SCREEN, ResultContext


def test_dutch_and_english_stop_words_and_filler_are_left_out():
    cloud = words.cloud(["We willen samen de daken vol zonnepanelen", "Solar panels on the roofs of our homes"], [])
    found = {w["word"] for w in cloud}
    assert found == {"daken", "vol", "zonnepanelen", "solar", "panels", "roofs", "homes"}


def test_a_word_counts_once_per_ambition_and_drivers_count_whole():
    cloud = words.cloud(
        ["Zonnepanelen, zonnepanelen en nog eens zonnepanelen", "Zonnepanelen op elk dak"],
        ["Verduurzaming en CO2", "Verduurzaming en CO2", "Innovatie"],
    )
    assert cloud[0] == {"word": "Verduurzaming en CO2", "count": 2, "driver": True}
    assert {"word": "zonnepanelen", "count": 2, "driver": False} in cloud
    assert {"word": "Innovatie", "count": 1, "driver": True} in cloud


def test_the_cloud_is_bounded():
    cloud = words.cloud([" ".join(f"woord{chr(97 + i)}{chr(97 + j)}" for j in range(26)) for i in range(26)], [], limit=40)
    assert len(cloud) == 40


def test_the_ambitions_results_carry_the_cloud_without_hidden_answers():
    act = clean_activity({"kind": "ambitions"}, "nl")
    act.id = 1
    people = {1: Participant(organisation_id=5, role="m", id=1)}
    answers = [
        Answer(
            activity_id=1,
            participant_id=1,
            client_id="a",
            payload={"text": "Warmtenet in de wijk", "value_driver": "Innovatie"},
            id=1,
        ),
        Answer(activity_id=1, participant_id=1, client_id="b", payload={"text": "Scheldwoord hier"}, id=2, hidden=True),
    ]
    ctx = ResultContext(
        workshop=Workshop(title="W", language="nl"),
        activity=act,
        organisations=[Organisation(name="A", colour="#000000", id=5)],
        participants=people,
        answers=answers,
        audience=SCREEN,
    )
    cloud = get_kind("ambitions").aggregate(ctx)["words"]
    assert {w["word"] for w in cloud} == {"warmtenet", "wijk", "Innovatie"}
