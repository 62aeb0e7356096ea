"""The agenda editor's rules: texts in both languages, what may change once people answered, delete, duplicate."""

import pytest

from workshop.domain import agenda as agenda_rules
from workshop.domain.errors import InvalidInput, InvalidTransition
from workshop.domain.kinds import KINDS, as_item, clean_activity, localised_view
from workshop.domain.kinds.base import BOOLEAN, INTEGER, INTEGERS, TEXT, TEXTS
from workshop.domain.model import CLOSED, DRAFT, OPEN, Activity, Answer, Workshop

POLL = {
    "kind": "poll",
    "title": {"nl": "Hoe verder?", "en": "How to go on?"},
    "prompt": {"nl": "Kies er één.", "en": "Pick one."},
    "config": {"options": {"nl": ["Vervolgsessie", "Werkgroepen"], "en": ["Follow-up session", "Working groups"]}},
}


def workshop(bilingual=True, language="nl"):
    return Workshop(title="T", language=language, settings={"bilingual": bilingual}, id=1)


def ran(item, state=CLOSED, language="nl", bilingual=True):
    act = clean_activity(item, language, bilingual=bilingual)
    act.id, act.state, act.position = 7, state, 0
    return act


def answers(*payloads, people=None):
    return [
        Answer(activity_id=7, participant_id=(people or range(1, 100))[i], client_id=f"c{i:08d}", payload=p, id=i + 1)
        for i, p in enumerate(payloads)
    ]


# ---- texts in both languages ----


def test_a_bilingual_workshop_keeps_the_other_language():
    act = clean_activity(POLL, "nl", bilingual=True)
    assert act.title == "Hoe verder?" and act.config["options"] == ["Vervolgsessie", "Werkgroepen"]
    assert act.config["translations"] == {
        "en": {"title": "How to go on?", "prompt": "Pick one.", "options": ["Follow-up session", "Working groups"]}
    }


def test_a_one_language_workshop_keeps_only_its_own():
    assert "translations" not in clean_activity(POLL, "nl").config


def test_an_english_participant_reads_the_english_texts():
    act = clean_activity(POLL, "nl", bilingual=True)
    title, config = localised_view(act, "en")
    assert title == "How to go on?" and config["prompt"] == "Pick one."
    assert config["options"] == ["Follow-up session", "Working groups"] and "translations" not in config
    assert localised_view(act, "nl")[0] == "Hoe verder?"
    only_dutch = clean_activity({"kind": "poll", "title": "Alleen Nederlands"}, "nl", bilingual=True)
    assert localised_view(only_dutch, "en")[0] == "Alleen Nederlands", "no translation: the original"


def test_options_people_answer_by_position_need_as_many_in_both_languages():
    item = {"kind": "poll", "config": {"options": {"nl": ["A", "B", "C"], "en": ["A", "B"]}}}
    with pytest.raises(InvalidInput) as caught:
        clean_activity(item, "nl", bilingual=True)
    assert caught.value.params == {"field": "options", "language": "en"}


def test_a_too_long_translation_names_its_field_and_language():
    item = {"kind": "scale", "config": {"left": {"nl": "Links", "en": "x" * 81}}}
    with pytest.raises(InvalidInput) as caught:
        clean_activity(item, "nl", bilingual=True)
    assert caught.value.params["field"] == "left" and caught.value.params["language"] == "en"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_an_exported_item_imports_as_the_same_activity(kind):
    item = {"kind": kind, "title": {"nl": "Titel", "en": "Title"}, "prompt": {"nl": "Vraag", "en": "Question"}}
    for setting in KINDS[kind].settings:
        if setting.translatable and setting.type == TEXT:
            item.setdefault("config", {})[setting.name] = {"nl": "tekst", "en": "text"}
    original = clean_activity(item, "nl", bilingual=True)
    again = clean_activity(as_item(original, "nl"), "nl", bilingual=True)
    assert (again.kind, again.title, again.config, again.results_visible) == (
        original.kind,
        original.title,
        original.config,
        original.results_visible,
    )
    assert again.config["translations"]["en"]["title"] == "Title"


def test_results_live_or_after_reveal_per_activity_with_a_default_per_kind():
    assert clean_activity({"kind": "poll"}, "nl").results_visible is True
    assert clean_activity({"kind": "scale"}, "nl").results_visible is False, "a scale shown live invites anchoring"
    assert clean_activity({"kind": "dot_voting"}, "nl").results_visible is False
    assert clean_activity({"kind": "scale", "results": "live"}, "nl").results_visible is True
    assert clean_activity({"kind": "poll", "results": "after_reveal"}, "nl").config["results"] == "after_reveal"
    with pytest.raises(InvalidInput):
        clean_activity({"kind": "poll", "results": "sometimes"}, "nl")


# ---- the editor's description of each kind's settings matches the rule ----

SETTINGS = [(name, s) for name, kind in KINDS.items() for s in kind.settings]


@pytest.mark.parametrize("kind, setting", SETTINGS, ids=[f"{k}.{s.name}" for k, s in SETTINGS])
def test_every_setting_the_editor_offers_is_a_setting_of_the_kind(kind, setting):
    assert setting.name in clean_activity({"kind": kind}, "nl").config
    assert setting.type in (TEXT, TEXTS, INTEGER, INTEGERS, BOOLEAN, "choice")


@pytest.mark.parametrize(
    "kind, setting",
    [(k, s) for k, s in SETTINGS if s.type == INTEGER],
    ids=[f"{k}.{s.name}" for k, s in SETTINGS if s.type == INTEGER],
)
def test_integer_limits_shown_are_the_limits_enforced(kind, setting):
    extra = {"multiple": True, "options": [str(i) for i in range(10)]} if setting.after == "multiple" else {}
    for wrong in (setting.min - 1, setting.max + 1):
        with pytest.raises(InvalidInput) as caught:
            clean_activity({"kind": kind, "config": {**extra, setting.name: wrong}}, "nl")
        assert caught.value.params["field"] == setting.name


# ---- editing ----


def test_a_draft_changes_freely_even_its_type():
    act = ran({"kind": "poll"}, state=DRAFT)
    agenda_rules.edit(workshop(), act, {"kind": "scale", "title": "Vertrouwen", "results": "live"}, [])
    assert (act.kind, act.title, act.config["min"], act.results_visible) == ("scale", "Vertrouwen", 0, True)


def test_an_activity_that_ran_keeps_its_type():
    act = ran({"kind": "poll"})
    with pytest.raises(InvalidTransition) as caught:
        agenda_rules.edit(workshop(), act, {"kind": "scale"}, [])
    assert caught.value.params["field"] == "kind"


def test_texts_can_be_reworded_while_answers_stand():
    act = ran(POLL, state=OPEN)
    item = as_item(act, "nl") | {"title": {"nl": "Hoe nu verder?", "en": "How now?"}}
    item["config"]["options"] = {"nl": ["Vervolg", "Werkgroepen", "Stoppen"], "en": ["Follow-up", "Working groups", "Stop"]}
    agenda_rules.edit(workshop(), act, item, answers({"choices": [1]}))
    assert act.title == "Hoe nu verder?" and act.config["options"][2] == "Stoppen"
    assert act.config["translations"]["en"]["options"][0] == "Follow-up"


def test_the_results_choice_of_a_running_activity_is_left_to_reveal_and_hide():
    act = ran({"kind": "poll"}, state=OPEN)
    agenda_rules.edit(workshop(), act, as_item(act, "nl") | {"results": "after_reveal"}, [])
    assert act.results_visible is True and act.config["results"] == "after_reveal"


REFUSED = [
    ("poll", {"options": ["A", "B", "C"]}, {"options": ["A", "B"]}, [{"choices": [0]}], "options"),
    ("poll", {"options": ["A", "B", "C"], "multiple": True}, {"options": ["A", "B", "C"]}, [{"choices": [0, 2]}], "multiple"),
    (
        "poll",
        {"options": ["A", "B", "C"], "multiple": True},
        {"options": ["A", "B", "C"], "multiple": True, "max_choices": 1},
        [{"choices": [0, 2]}],
        "max_choices",
    ),
    ("scale", {}, {"min": 1}, [{"value": 4}], "min"),
    ("scale", {}, {"max": 100}, [{"value": 4}], "max"),
    ("dot_voting", {"dots": 5}, {"dots": 2}, [{"allocation": {"1": 3}}], "dots"),
    ("dot_voting", {"dots": 5}, {"dots": 5, "max_per_goal": 2}, [{"allocation": {"1": 3}}], "max_per_goal"),
    ("dot_voting", {}, {"adopted_only": True}, [{"allocation": {"1": 1}}], "adopted_only"),
    (
        "ambitions",
        {},
        {"value_drivers": ["Innovatie"]},
        [{"text": "x", "value_driver": "Leefbaarheid", "horizon": 3}],
        "value_drivers",
    ),
    ("ambitions", {}, {"horizons": [1, 10]}, [{"text": "x", "value_driver": "Innovatie", "horizon": 3}], "horizons"),
    ("ambitions", {}, {"max_length": 20}, [{"text": "y" * 30, "value_driver": "Innovatie", "horizon": 3}], "max_length"),
    ("introductions", {}, {"max_length": 20}, [{"bring": "b" * 25, "get": "g"}], "max_length"),
    ("reflection", {}, {"max_length": 20}, [{"text": "r" * 25, "share": "private"}], "max_length"),
    ("commitments", {}, {"hours": False}, [{"pledges": {"1": {"hours": 4}}}], "hours"),
    ("commitments", {}, {"period": "per jaar"}, [{"pledges": {"1": {"hours": 4}}}], "period"),
]


@pytest.mark.parametrize("kind, before, after, given, field", REFUSED, ids=[f"{r[0]}.{r[4]}" for r in REFUSED])
def test_a_change_that_would_invalidate_answers_is_refused_naming_the_field(kind, before, after, given, field):
    act = ran({"kind": kind, "config": before})
    config = dict(act.config)
    with pytest.raises(InvalidTransition) as caught:
        agenda_rules.edit(workshop(), act, {"kind": kind, "config": after}, answers(*given))
    assert caught.value.params["field"] == field
    assert act.config == config, "nothing changed"


def test_somebody_at_the_limit_of_answers_keeps_the_limit_from_dropping():
    act = ran({"kind": "ambitions"})
    given = answers(*[{"text": "x", "value_driver": "Innovatie", "horizon": 3}] * 2, people=[5, 5])
    with pytest.raises(InvalidTransition) as caught:
        agenda_rules.edit(workshop(), act, {"kind": "ambitions", "config": {"max_per_participant": 1}}, given)
    assert caught.value.params == {"field": "max_per_participant", "n": 2}
    agenda_rules.edit(workshop(), act, {"kind": "ambitions", "config": {"max_per_participant": 5}}, given)
    assert act.config["max_per_participant"] == 5


def test_widening_is_allowed():
    act = ran({"kind": "dot_voting", "config": {"dots": 3}})
    agenda_rules.edit(
        workshop(), act, {"kind": "dot_voting", "config": {"dots": 6, "top_k": 2}}, answers({"allocation": {"1": 3}})
    )
    assert (act.config["dots"], act.config["top_k"]) == (6, 2)


def test_without_answers_a_closed_activity_may_change_its_settings():
    act = ran({"kind": "scale"})
    agenda_rules.edit(workshop(), act, {"kind": "scale", "config": {"min": 1, "max": 5}}, [])
    assert (act.config["min"], act.config["max"]) == (1, 5)


# ---- delete and duplicate ----


def test_an_open_activity_is_closed_before_it_is_deleted():
    act = ran({"kind": "poll"}, state=OPEN)
    with pytest.raises(InvalidTransition):
        agenda_rules.remove(workshop(), act, [act], 0, True)


def test_deleting_an_activity_with_answers_needs_confirmation_and_keeps_it():
    act = ran({"kind": "poll"})
    ws = workshop()
    ws.current_activity_id = act.id
    with pytest.raises(InvalidTransition) as caught:
        agenda_rules.remove(ws, act, [act], 3, None)
    assert caught.value.params == {"field": "confirm", "n": 3}
    assert agenda_rules.remove(ws, act, [act], 3, True) is True, "kept, out of sight, for the exports"
    assert ws.current_activity_id is None, "the screens go back to the lobby"
    assert agenda_rules.remove(ws, ran({"kind": "poll"}, state=DRAFT), [], 0, None) is False


def test_next_goes_on_from_before_a_deleted_activity():
    acts = [Activity(kind="poll", title=f"A{i}", state=s, position=i, id=10 + i) for i, s in enumerate([CLOSED, CLOSED, DRAFT])]
    ws = workshop()
    ws.last_activity_id = 11
    agenda_rules.remove(ws, acts[1], acts, 0, None)
    assert ws.last_activity_id == 10


def test_a_duplicate_comes_right_after_its_original_not_yet_run():
    acts = [ran({"kind": "scale", "results": "after_reveal"}), ran({"kind": "poll"}, state=DRAFT)]
    acts[0].results_visible = True  # revealed while it ran
    acts[1].position, acts[1].id = 1, 8
    copy = agenda_rules.duplicate(acts[0], acts)
    assert (copy.position, acts[1].position, copy.state, copy.id) == (1, 2, DRAFT, None)
    assert copy.results_visible is False, "as the facilitator chose, not as the original was left"
    assert copy.config == acts[0].config and copy.config is not acts[0].config
