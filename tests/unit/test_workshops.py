"""Checking a request to create a workshop."""

import pytest

from workshop.domain.errors import InvalidInput
from workshop.domain.model import PALETTE
from workshop.domain.workshops import clean_workshop

GOOD = {"title": "Kick-off", "language": "nl", "organisations": ["Woonstede", "Netbeheer"]}


def request(**changes):
    data = dict(GOOD)
    data.update(changes)
    return {k: v for k, v in data.items() if v is not ...}


@pytest.mark.parametrize(
    "data, field",
    [
        pytest.param(request(title=""), "title", id="empty title"),
        pytest.param(request(title="   "), "title", id="blank title"),
        pytest.param(request(title=...), "title", id="missing title"),
        pytest.param(request(title="x" * 121), "title", id="too-long title"),
        pytest.param(request(title=42), "title", id="title not text"),
        pytest.param(request(organisations=[{"name": "A", "colour": "red"}]), "colour", id="colour name"),
        pytest.param(request(organisations=[{"name": "A", "colour": "#12345"}]), "colour", id="short colour"),
        pytest.param(request(organisations=[{"name": "A", "colour": "#GGGGGG"}]), "colour", id="not hex"),
        pytest.param(request(organisations=["Woonstede", "woonstede "]), None, id="duplicate organisation"),
        pytest.param(request(organisations=[]), None, id="no organisations"),
        pytest.param(request(organisations=...), "organisations", id="organisations missing"),
        pytest.param(request(organisations=["", "   "]), "organisation", id="only empty organisations"),
        # The create form leaves its empty rows out itself; what reaches the rules must be named.
        pytest.param(request(organisations=["Woonstede", " "]), "organisation", id="an empty organisation"),
        pytest.param(request(organisations="Woonstede"), "organisations", id="organisations not a list"),
        pytest.param(request(organisations=[f"Org {i}" for i in range(13)]), "organisations", id="too many organisations"),
        pytest.param(request(language="de"), "language", id="unknown language"),
        pytest.param(request(settings={"privacy_threshold": 0}), "privacy_threshold", id="threshold zero"),
        pytest.param(request(settings={"privacy_threshold": 51}), "privacy_threshold", id="threshold too high"),
        pytest.param(request(settings={"privacy_threshold": "many"}), "privacy_threshold", id="threshold not a number"),
        pytest.param(request(settings={"privacy_threshold": True}), "privacy_threshold", id="threshold boolean"),
        pytest.param(request(settings={"privacy_threshold": 2.5}), "privacy_threshold", id="threshold fraction"),
        pytest.param(request(agenda="ambitions"), "agenda", id="agenda not a list"),
        pytest.param(request(agenda=[{"kind": "no-such-kind"}]), "kind", id="unknown activity kind"),
        pytest.param(["not", "an", "object"], "workshop", id="not an object"),
    ],
)
def test_bad_workshop_is_refused(data, field):
    with pytest.raises(InvalidInput) as caught:
        clean_workshop(data)
    assert caught.value.code == "invalid_input"
    assert caught.value.detail
    if field is not None:
        assert caught.value.params.get("field") == field


def test_good_workshop():
    workshop, organisations, activities = clean_workshop(
        request(
            title="  Kick-off   warmtenet ",
            organisations=["Woonstede", {"name": "Netbeheer", "colour": "#abcdef"}, "Gemeente"],
            settings={"privacy_threshold": "2"},
            agenda=[{"kind": "ambitions"}, {"kind": "ambitions", "title": {"nl": "Tweede", "en": "Second"}}],
        )
    )
    assert workshop.title == "Kick-off warmtenet"
    assert workshop.privacy_threshold == 2
    assert [o.name for o in organisations] == ["Woonstede", "Netbeheer", "Gemeente"]
    assert [o.position for o in organisations] == [0, 1, 2]
    # Given colours are normalised; missing ones come from the palette in order.
    assert [o.colour for o in organisations] == [PALETTE[0], "#ABCDEF", PALETTE[2]]
    assert [a.position for a in activities] == [0, 1]
    assert activities[1].title == "Tweede"
    assert all(a.state == "draft" for a in activities)


def test_defaults():
    workshop, _, activities = clean_workshop({"title": "T", "organisations": ["A"]})
    assert workshop.language == "nl"
    assert workshop.privacy_threshold == 3
    assert workshop.roles
    assert activities == []
