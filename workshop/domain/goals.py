"""Shared goals: the facilitator merges and rewords ambitions into candidate goals."""

from collections import defaultdict

from . import fields
from .errors import InvalidInput, NotFound
from .i18n import N_
from .model import Answer, Goal

MAX_GOALS = 40
# A goal may pool many ambitions (a room of 200 gives up to 600), but not more than a workshop holds.
MAX_SOURCES = 1000


def compose_goal(text, sources: list[Answer], organisation_of, existing: list[Goal]) -> Goal:
    """A new goal from a text and the ambitions it came from (possibly none)."""
    if len(existing) >= MAX_GOALS:
        raise InvalidInput(N_("%(field)s can have at most %(max)d items."), field="goals", max=MAX_GOALS)
    goal = Goal(text=fields.text(text, max_length=300, name="goal"), position=len(existing))
    link_sources(goal, sources, organisation_of)
    return goal


def link_sources(goal: Goal, sources: list[Answer], organisation_of) -> None:
    """Keep the goal's links to its ambitions, and so to the organisations behind them."""
    goal.source_answer_ids = sorted({a.id for a in sources})
    goal.organisation_ids = sorted({organisation_of(a) for a in sources})


def source_ids(value) -> list[int]:
    """A list of answer ids as sent by the control view."""
    if value is None:
        return []
    return sorted(set(fields.identifiers(value, max_items=MAX_SOURCES, name="answer_ids")))


def named_organisations(goals: list[Goal], ambitions: list[Answer], organisation_of, threshold: int) -> dict[int, list[int]]:
    """Per goal, the organisations it may name: those behind its ambitions with enough people of their own.

    The rule is the ambitions' own: an organisation with fewer than `threshold` people who gave (visible)
    ambitions in that activity is pooled, so a goal made from its ambitions does not name it either
    (naming it would tie those ambitions to one or two people). Ambitions removed since are dropped.
    """
    shown = shown_organisations(ambitions, organisation_of, threshold)
    by_id = {a.id: a for a in ambitions}
    named = {}
    for goal in goals:
        found = set()
        for answer_id in goal.source_answer_ids:
            answer = by_id.get(answer_id)
            if answer is not None and (answer.activity_id, organisation_of(answer)) in shown:
                found.add(organisation_of(answer))
        named[goal.id] = sorted(found)
    return named


def shown_organisations(ambitions: list[Answer], organisation_of, threshold: int) -> set[tuple[int, int]]:
    """(activity, organisation) pairs with at least `threshold` people behind visible ambitions."""
    people: dict[tuple[int, int], set[int]] = defaultdict(set)
    for answer in ambitions:
        if not answer.hidden:
            people[(answer.activity_id, organisation_of(answer))].add(answer.participant_id)
    return {key for key, who in people.items() if len(who) >= threshold}


def find(goals: list[Goal], goal_id) -> Goal:
    """The goal with this id."""
    for goal in goals:
        if goal.id == goal_id:
            return goal
    raise NotFound(N_("This goal does not exist."))


def update(goal: Goal, *, text=None, adopted=None) -> None:
    """Reword a goal or mark it adopted (adopted goals go to consent and commitments)."""
    if text is not None:
        new = fields.text(text, max_length=300, name="goal")
        if new != goal.text and goal.origin_goal_id is not None and goal.thread_status == "carried":
            # A carried-on goal reworded here is a changed goal; the earlier version stays in its own workshop.
            goal.thread_status = "changed"
        goal.text = new
    if adopted is not None:
        if not isinstance(adopted, bool):
            raise InvalidInput(N_("%(field)s is not one of the options."), field="adopted")
        goal.adopted = adopted
