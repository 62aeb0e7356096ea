"""Partnership rules: organisations kept across workshops, attaching a workshop, which goals carry on."""

import pytest

from workshop.domain import goals as goal_rules
from workshop.domain import partnerships as rules
from workshop.domain.errors import InvalidInput
from workshop.domain.model import Goal, Organisation, PartnerOrganisation


def partners():
    return [
        PartnerOrganisation(name="Woonstede", colour="#CC79A7", position=0, id=1),
        PartnerOrganisation(name="Thuisbaas", colour="#E69F00", position=1, id=2),
    ]


def test_a_partnership_is_checked_like_a_workshop():
    partnership, orgs = rules.clean_partnership({"name": "  Regio  ", "organisations": [{"name": "A"}, "B"]})
    assert (partnership.name, partnership.language) == ("Regio", "nl")
    assert [(o.name, o.colour, o.position) for o in orgs] == [("A", "#0072B2", 0), ("B", "#E69F00", 1)]
    for bad in (
        {"name": "", "organisations": ["A"]},
        {"name": "X", "organisations": []},
        {"name": "X", "organisations": ["A", "a"]},
    ):
        with pytest.raises(InvalidInput):
            rules.clean_partnership(bad)


def test_a_new_workshop_gets_the_partnerships_organisations_and_colours():
    made = rules.workshop_organisations(partners())
    assert [(o.name, o.colour, o.partner_id, o.position) for o in made] == [
        ("Woonstede", "#CC79A7", 1, 0),
        ("Thuisbaas", "#E69F00", 2, 1),
    ]


def test_attaching_matches_by_name_and_adds_the_rest_in_a_free_colour():
    orgs = [
        Organisation(name="thuisbaas", colour="#0072B2", position=0, id=10),
        Organisation(name="Woonbron", colour="#E69F00", position=1, id=11),
        Organisation(name="Dorpswonen", colour="#56B4E9", position=2, id=12),
    ]
    added = rules.attach(orgs, partners())
    assert orgs[0].colour == "#E69F00", "a matched organisation takes the partnership's colour"
    assert [(p.name, p.colour, p.position) for p in added] == [("Woonbron", "#0072B2", 2), ("Dorpswonen", "#56B4E9", 3)]
    assert orgs[1].colour == "#0072B2", "its own colour was taken by Thuisbaas; it gets the first free one"


def test_partner_of_links_by_id_or_else_by_name():
    orgs = [
        Organisation(name="Woonstede", colour="#000000", id=10, partner_id=1),
        Organisation(name="THUISBAAS", colour="#000000", id=11),
    ]
    orgs.append(Organisation(name="Elders", colour="#000000", id=12))
    assert rules.partner_of(orgs, partners()) == {10: 1, 11: 2}


def test_alive_goals_are_adopted_not_closed_and_not_carried_on_yet():
    goals = [
        Goal(text="a", adopted=True, id=1),
        Goal(text="b", adopted=False, id=2),
        Goal(text="c", adopted=True, id=3),
        Goal(text="c2", adopted=True, id=4, origin_goal_id=3, thread_status="changed"),
        Goal(text="d", adopted=False, id=5, origin_goal_id=1, thread_status="closed"),
    ]
    assert [g.id for g in rules.alive(goals)] == [4], "1 was carried on (and closed), 3 was carried on as 4"


def test_carrying_a_goal_on_keeps_its_words_and_the_commitments():
    goal = Goal(text="Zon op elk dak", adopted=True, id=7)
    carried = rules.carry(goal, {20: {"hours": 40}, 21: {}}, position=3)
    assert (carried.text, carried.adopted, carried.origin_goal_id, carried.thread_status, carried.position) == (
        "Zon op elk dak",
        True,
        7,
        "carried",
        3,
    )
    assert carried.commitments == {"20": {"hours": 40}}


def test_a_carried_goal_is_changed_by_new_words_and_can_be_closed_and_carried_on_again():
    goal = Goal(text="Zon op elk dak", adopted=True, id=8, origin_goal_id=7, thread_status="carried")
    goal_rules.update(goal, text="Zon op elk dak")
    assert goal.thread_status == "carried", "the same words change nothing"
    goal_rules.update(goal, text="Zon op elk geschikt dak")
    assert goal.thread_status == "changed"
    rules.set_thread_status(goal, "closed")
    assert (goal.thread_status, goal.adopted) == ("closed", False)
    rules.set_thread_status(goal, "carried")
    assert (goal.thread_status, goal.adopted) == ("carried", True)
    with pytest.raises(InvalidInput):
        rules.set_thread_status(goal, "changed")


def test_only_a_goal_from_an_earlier_workshop_has_a_thread_status():
    with pytest.raises(InvalidInput):
        rules.set_thread_status(Goal(text="new", id=1), "closed")
    fresh = Goal(text="new", id=1)
    goal_rules.update(fresh, text="renamed")
    assert fresh.thread_status is None
