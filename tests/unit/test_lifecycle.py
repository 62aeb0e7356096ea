"""The facilitator moves through the agenda: open, close, reveal, hide, next, lobby."""

import pytest

from workshop.domain import lifecycle
from workshop.domain.errors import InvalidInput, InvalidTransition
from workshop.domain.model import CLOSED, DRAFT, OPEN, Activity, Workshop


def agenda(*states):
    return [Activity(kind="ambitions", title=f"A{i}", state=s, position=i, id=10 + i) for i, s in enumerate(states)]


def workshop(current=None):
    return Workshop(title="T", language="nl", code="ABC234", current_activity_id=current, id=1)


def test_open_makes_it_current_and_closes_the_other_open_one():
    acts = agenda(OPEN, DRAFT)
    ws = workshop(current=10)
    lifecycle.apply("open", ws, acts[1], acts)
    assert [a.state for a in acts] == [CLOSED, OPEN]
    assert ws.current_activity_id == 11


def test_reopen_a_closed_activity():
    acts = agenda(CLOSED)
    ws = workshop()
    lifecycle.apply("open", ws, acts[0], acts)
    assert acts[0].state == OPEN and ws.current_activity_id == 10


def test_close():
    acts = agenda(OPEN)
    ws = workshop(current=10)
    lifecycle.apply("close", ws, acts[0], acts)
    assert acts[0].state == CLOSED
    assert ws.current_activity_id == 10, "a closed activity stays on the screens"


@pytest.mark.parametrize("state", [DRAFT, CLOSED])
def test_only_an_open_activity_can_be_closed(state):
    acts = agenda(state)
    with pytest.raises(InvalidTransition):
        lifecycle.apply("close", workshop(), acts[0], acts)
    assert acts[0].state == state


def test_reveal_and_hide():
    acts = agenda(OPEN)
    ws = workshop(current=10)
    lifecycle.apply("hide", ws, acts[0], acts)
    assert acts[0].results_visible is False
    lifecycle.apply("reveal", ws, acts[0], acts)
    assert acts[0].results_visible is True
    lifecycle.apply("close", ws, acts[0], acts)
    lifecycle.apply("hide", ws, acts[0], acts)
    assert acts[0].results_visible is False


def test_a_draft_cannot_be_revealed():
    acts = agenda(DRAFT)
    with pytest.raises(InvalidTransition):
        lifecycle.apply("reveal", workshop(), acts[0], acts)
    assert acts[0].results_visible is False


def test_next_from_the_lobby_picks_the_first_draft():
    acts = agenda(CLOSED, DRAFT, DRAFT)
    ws = workshop(current=None)
    lifecycle.apply("next", ws, None, acts)
    assert [a.state for a in acts] == [CLOSED, OPEN, DRAFT]
    assert ws.current_activity_id == 11


def test_next_follows_the_agenda_order_not_the_list_order():
    acts = agenda(DRAFT, DRAFT, DRAFT)
    acts[0].position, acts[2].position = 2, 0
    ws = workshop()
    lifecycle.apply("next", ws, None, acts)
    assert ws.current_activity_id == 12


def test_next_closes_the_current_and_opens_the_following():
    acts = agenda(OPEN, DRAFT)
    ws = workshop(current=10)
    lifecycle.apply("next", ws, None, acts)
    assert [a.state for a in acts] == [CLOSED, OPEN]
    assert ws.current_activity_id == 11


def test_next_at_the_end_goes_to_the_lobby():
    acts = agenda(CLOSED, OPEN)
    ws = workshop(current=11)
    lifecycle.apply("next", ws, None, acts)
    assert [a.state for a in acts] == [CLOSED, CLOSED]
    assert ws.current_activity_id is None


def test_lobby_closes_what_is_open():
    acts = agenda(OPEN, DRAFT)
    ws = workshop(current=10)
    lifecycle.apply("lobby", ws, None, acts)
    assert [a.state for a in acts] == [CLOSED, DRAFT]
    assert ws.current_activity_id is None


@pytest.mark.parametrize("action", ["delete", "", None, "OPEN"])
def test_unknown_action(action):
    acts = agenda(DRAFT)
    with pytest.raises(InvalidInput):
        lifecycle.apply(action, workshop(), acts[0], acts)


@pytest.mark.parametrize("action", ["open", "close", "reveal", "hide"])
def test_actions_on_one_activity_need_it(action):
    with pytest.raises(InvalidInput):
        lifecycle.apply(action, workshop(), None, agenda(OPEN))


def test_next_after_reopening_an_earlier_activity_goes_on_where_the_agenda_was():
    """Reopen goals after a revealed dot vote: Next opens what follows the vote, never the vote again."""
    acts = agenda(CLOSED, CLOSED, DRAFT, DRAFT)  # A0 goals, A1 dot vote (revealed), A2, A3 not yet run
    acts[1].results_visible = True
    ws = workshop(current=11)
    lifecycle.apply("open", ws, acts[0], acts)
    assert ws.current_activity_id == 10 and ws.last_activity_id == 11
    lifecycle.apply("next", ws, None, acts)
    assert ws.current_activity_id == 12
    assert [a.state for a in acts] == [CLOSED, CLOSED, OPEN, DRAFT]


def test_next_never_reopens_an_activity_that_ran():
    acts = agenda(OPEN, CLOSED, CLOSED, DRAFT)
    ws = workshop(current=10)
    assert lifecycle.upcoming(ws, acts) is acts[3]
    lifecycle.apply("next", ws, None, acts)
    assert [a.state for a in acts] == [CLOSED, CLOSED, CLOSED, OPEN]


def test_next_from_the_lobby_goes_on_after_the_activity_left():
    acts = agenda(CLOSED, DRAFT, OPEN, DRAFT)  # A1 was skipped; the facilitator went to the lobby from A2
    ws = workshop(current=12)
    lifecycle.apply("lobby", ws, None, acts)
    assert ws.current_activity_id is None and ws.last_activity_id == 12
    lifecycle.apply("next", ws, None, acts)
    assert ws.current_activity_id == 13


def test_next_with_nothing_left_to_run_goes_to_the_lobby():
    acts = agenda(CLOSED, OPEN, CLOSED)
    ws = workshop(current=11)
    assert lifecycle.upcoming(ws, acts) is None
    lifecycle.apply("next", ws, None, acts)
    assert ws.current_activity_id is None and [a.state for a in acts] == [CLOSED, CLOSED, CLOSED]
