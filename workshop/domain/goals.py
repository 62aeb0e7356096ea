"""Shared goals: the facilitator merges and rewords ambitions into candidate goals."""

from . import fields
from .errors import InvalidInput, NotFound
from .i18n import N_
from .model import Answer, Goal

MAX_GOALS = 40


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
    if not isinstance(value, list) or not all(fields.is_identifier(v) for v in value):
        raise InvalidInput(N_("%(field)s must be a list."), field="answer_ids")
    return value


def find(goals: list[Goal], goal_id) -> Goal:
    """The goal with this id."""
    for goal in goals:
        if goal.id == goal_id:
            return goal
    raise NotFound(N_("This goal does not exist."))


def update(goal: Goal, *, text=None, adopted=None) -> None:
    """Reword a goal or mark it adopted (adopted goals go to consent and commitments)."""
    if text is not None:
        goal.text = fields.text(text, max_length=300, name="goal")
    if adopted is not None:
        if not isinstance(adopted, bool):
            raise InvalidInput(N_("%(field)s is not one of the options."), field="adopted")
        goal.adopted = adopted
