"""Candidate goals merged and reworded from ambitions."""

from sqlalchemy import select

from .. import presenters
from ..domain import goals as goal_rules
from ..domain.model import Answer
from ..storage.database import Database
from . import queries as q
from .conflicts import retried


@retried
def add_goal(db: Database, workshop_id: int, text, answer_ids=None) -> tuple[dict, list]:
    """A candidate goal from a text and the ambitions it merges."""
    with db.session() as s:
        q.locked_workshop(s, workshop_id)
        sources = [q.answer_in(s, workshop_id, i) for i in goal_rules.source_ids(answer_ids)]
        people = q.participants(s, workshop_id)
        goal = goal_rules.compose_goal(text, sources, lambda a: people[a.participant_id].organisation_id, q.goals(s, workshop_id))
        goal.workshop_id = workshop_id
        s.add(goal)
        s.flush()
        view = presenters.goal(goal)
        events = q.goal_change(s, workshop_id)
    return view, events


@retried
def update_goal(db: Database, workshop_id: int, goal_id, text=None, adopted=None, answer_ids=None) -> tuple[dict, list]:
    """Reword a goal, change its ambitions, or mark it adopted."""
    with db.session() as s:
        q.locked_workshop(s, workshop_id)
        goal = goal_rules.find(q.goals(s, workshop_id), goal_id)
        goal_rules.update(goal, text=text, adopted=adopted)
        if answer_ids is not None:
            sources = [q.answer_in(s, workshop_id, i) for i in goal_rules.source_ids(answer_ids)]
            people = q.participants(s, workshop_id)
            goal_rules.link_sources(goal, sources, lambda a: people[a.participant_id].organisation_id)
        view = presenters.goal(goal)
        events = q.goal_change(s, workshop_id)
    return view, events


@retried
def delete_goal(db: Database, workshop_id: int, goal_id) -> list:
    """Remove a candidate goal; votes already cast on it no longer count."""
    with db.session() as s:
        q.locked_workshop(s, workshop_id)
        goals = q.goals(s, workshop_id)
        s.delete(goal_rules.find(goals, goal_id))
        for position, goal in enumerate(g for g in goals if g.id != goal_id):
            goal.position = position
        events = q.goal_change(s, workshop_id)
    return events


def goal_sources(db: Database, workshop_id: int) -> list[dict]:
    """Every ambition submitted so far, for the facilitator to merge into goals."""
    with db.session() as s:
        acts = {a.id: a for a in q.agenda(s, workshop_id) if a.kind == "ambitions"}
        people = q.participants(s, workshop_id)
        rows = s.scalars(select(Answer).where(Answer.activity_id.in_(acts)).order_by(Answer.id)) if acts else []
        return [
            {
                "id": a.id,
                "activity_id": a.activity_id,
                "text": a.payload.get("text", ""),
                "value_driver": a.payload.get("value_driver"),
                "organisation_id": people[a.participant_id].organisation_id,
                "hidden": a.hidden,
            }
            for a in rows
        ]
