"""Candidate goals merged and reworded from ambitions."""

from functools import cache

import snowballstemmer
from sqlalchemy import select

from ..domain import goals as goal_rules
from ..domain import grouping
from ..domain.model import Answer, Workshop
from ..domain.partnerships import set_thread_status
from ..storage.database import Database
from . import queries as q
from .conflicts import retried


@retried
def add_goal(db: Database, workshop_id: int, text, answer_ids=None) -> tuple[dict, list]:
    """A candidate goal from a text and the ambitions it merges."""
    with db.session() as s:
        q.locked_workshop(s, workshop_id)
        sources = [q.ambition_in(s, workshop_id, i) for i in goal_rules.source_ids(answer_ids)]
        people = q.participants(s, workshop_id)
        goal = goal_rules.compose_goal(text, sources, lambda a: people[a.participant_id].organisation_id, q.goals(s, workshop_id))
        goal.workshop_id = workshop_id
        s.add(goal)
        s.flush()
        view = _view(s, workshop_id, goal.id)
        events = q.goal_change(s, workshop_id)
    return view, events


def _view(s, workshop_id: int, goal_id: int) -> dict:
    return next(v for v in q.goal_views(s, workshop_id) if v["id"] == goal_id)


@retried
def update_goal(
    db: Database, workshop_id: int, goal_id, text=None, adopted=None, answer_ids=None, thread_status=None
) -> tuple[dict, list]:
    """Reword a goal, change its ambitions, mark it adopted, or carry on or close a goal from an earlier workshop."""
    with db.session() as s:
        q.locked_workshop(s, workshop_id)
        goal = goal_rules.find(q.goals(s, workshop_id), goal_id)
        goal_rules.update(goal, text=text, adopted=adopted)
        if thread_status is not None:
            set_thread_status(goal, thread_status)
        if answer_ids is not None:
            sources = [q.ambition_in(s, workshop_id, i) for i in goal_rules.source_ids(answer_ids)]
            people = q.participants(s, workshop_id)
            goal_rules.link_sources(goal, sources, lambda a: people[a.participant_id].organisation_id)
        s.flush()
        view = _view(s, workshop_id, goal.id)
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
        people = q.participants(s, workshop_id)
        rows = q.ambitions(s, workshop_id)
        threshold = s.get(Workshop, workshop_id).privacy_threshold
        organisation_of = lambda a: people[a.participant_id].organisation_id  # noqa: E731
        shown = goal_rules.shown_organisations(rows, organisation_of, threshold)
        return [
            {
                "id": a.id,
                "activity_id": a.activity_id,
                "text": a.payload.get("text", ""),
                "value_driver": a.payload.get("value_driver"),
                # Pooled as on the ambitions' own results: a small organisation is not named here either.
                "organisation_id": organisation_of(a) if (a.activity_id, organisation_of(a)) in shown else None,
                "hidden": a.hidden,
            }
            for a in rows
        ]


@cache
def _stemmer(language: str):
    """Snowball's stemmer for the workshop's language (built once; it keeps no state between calls)."""
    return snowballstemmer.stemmer({"nl": "dutch", "en": "english"}.get(language, "dutch")).stemWords


def goal_suggestions(db: Database, workshop_id: int) -> list[dict]:
    """Groups of similar ambitions not yet in a goal, each with a wording taken from them."""
    with db.session() as s:
        language = s.get(Workshop, workshop_id).language
        used = {i for g in q.goals(s, workshop_id) for i in g.source_answer_ids}
        acts = [a.id for a in q.agenda(s, workshop_id) if a.kind == "ambitions"]
        rows = s.scalars(select(Answer).where(Answer.activity_id.in_(acts)).order_by(Answer.id)) if acts else []
        items = [(a.id, a.payload.get("text", "")) for a in rows if not a.hidden and a.id not in used]
    return [
        {"answer_ids": found.ids, "text": found.text, "keywords": found.keywords}
        for found in grouping.suggest(items, _stemmer(language))
    ]
