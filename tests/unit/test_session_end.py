"""The session's end: "end", and "Next" after the last item; ending is not final."""

from datetime import datetime

from workshop.domain import lifecycle
from workshop.domain.model import CLOSED, DRAFT, OPEN, Activity, Workshop

NOON = datetime(2026, 11, 28, 12, 0)
LATER = datetime(2026, 11, 28, 15, 0)


def agenda(*states):
    return [Activity(kind="poll", title=f"A{i}", state=s, position=i, id=10 + i) for i, s in enumerate(states)]


def workshop(current=None):
    return Workshop(title="T", language="nl", code="ABC234", current_activity_id=current, id=1)


def test_end_closes_the_open_activity_and_ends_the_session():
    acts = agenda(CLOSED, OPEN, DRAFT)
    ws = workshop(current=11)
    lifecycle.apply("end", ws, None, acts, now=NOON)
    assert ws.ended and ws.ended_at == NOON
    assert ws.current_activity_id is None
    assert [a.state for a in acts] == [CLOSED, CLOSED, DRAFT], "drafts stay drafts: the session may resume"


def test_next_after_the_last_item_ends_the_session():
    acts = agenda(CLOSED, OPEN)
    ws = workshop(current=11)
    lifecycle.apply("next", ws, None, acts, now=NOON)
    assert ws.ended_at == NOON and ws.current_activity_id is None
    assert acts[1].state == CLOSED


def test_next_before_the_last_item_does_not_end():
    acts = agenda(OPEN, DRAFT)
    ws = workshop(current=10)
    lifecycle.apply("next", ws, None, acts, now=NOON)
    assert not ws.ended and ws.current_activity_id == 11


def test_next_from_the_lobby_with_nothing_left_to_run_ends():
    acts = agenda(CLOSED, CLOSED)
    ws = workshop()
    lifecycle.apply("next", ws, None, acts, now=NOON)
    assert ws.ended


def test_opening_an_activity_resumes_an_ended_session():
    acts = agenda(CLOSED, CLOSED)
    ws = workshop()
    lifecycle.apply("end", ws, None, acts, now=NOON)
    lifecycle.apply("open", ws, acts[0], acts, now=LATER)
    assert not ws.ended and ws.ended_at is None
    assert ws.current_activity_id == 10 and acts[0].state == OPEN


def test_the_lobby_resumes_an_ended_session():
    acts = agenda(CLOSED)
    ws = workshop()
    lifecycle.apply("end", ws, None, acts, now=NOON)
    lifecycle.apply("lobby", ws, None, acts, now=LATER)
    assert not ws.ended


def test_next_on_an_ended_session_runs_what_is_left():
    acts = agenda(CLOSED, DRAFT)
    ws = workshop()
    lifecycle.apply("end", ws, None, acts, now=NOON)
    lifecycle.apply("next", ws, None, acts, now=LATER)
    assert not ws.ended and ws.current_activity_id == 11


def test_ending_again_keeps_when_it_first_ended():
    acts = agenda(CLOSED)
    ws = workshop()
    lifecycle.apply("end", ws, None, acts, now=NOON)
    lifecycle.apply("end", ws, None, acts, now=LATER)
    lifecycle.apply("next", ws, None, acts, now=LATER)
    assert ws.ended_at == NOON


def test_revealing_results_while_ended_keeps_the_end():
    acts = agenda(CLOSED)
    ws = workshop()
    lifecycle.apply("end", ws, None, acts, now=NOON)
    lifecycle.apply("reveal", ws, acts[0], acts, now=LATER)
    assert ws.ended and acts[0].results_visible
