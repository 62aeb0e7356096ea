"""Snapshots and results for phones, screens, control views and the API."""

from sqlalchemy import select

from .. import presenters
from ..domain.kinds import get_kind
from ..domain.model import Answer, Participant, Workshop
from ..domain.results import FACILITATOR, SCREEN, ResultContext, build_results
from ..storage.database import Database
from ..storage.tables import utcnow
from . import queries as q
from .presence import presence_in
from .roles import FACILITATOR_ROLE, SCREEN_ROLE


def state(db: Database, workshop_id: int, audience: str, participant_id: int | None = None) -> dict:
    """The snapshot a phone, screen or control view renders from."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        agenda = q.agenda(s, workshop_id)
        current = next((a for a in agenda if a.id == workshop.current_activity_id), None)
        payload = {
            "workshop": presenters.workshop(workshop, q.organisations(s, workshop_id)),
            "current": presenters.activity(current) if current else None,
            "agenda_length": len(agenda),
            "goals": [presenters.goal(g) for g in q.goals(s, workshop_id)],
            # Phones and screens compare this with their own clock so countdowns agree.
            "server_time": presenters.iso(utcnow()),
        }
        if audience == FACILITATOR_ROLE:
            payload["agenda"] = [presenters.activity(a) for a in agenda]
            payload["presence"] = presence_in(s, workshop_id)
            payload["screen_key"] = workshop.screen_key
        elif audience == SCREEN_ROLE:
            payload["presence"] = presence_in(s, workshop_id)
        else:
            participant = s.get(Participant, participant_id)
            payload["participant"] = presenters.participant(participant)
            mine = []
            if current is not None:
                rows = s.scalars(
                    select(Answer)
                    .where(Answer.activity_id == current.id, Answer.participant_id == participant_id)
                    .order_by(Answer.id)
                )
                mine = [presenters.own_answer(a, current) for a in rows]
            payload["mine"] = mine
    return payload


def results(db: Database, workshop_id: int, activity_id, audience: str = SCREEN, presence: str | None = None) -> dict:
    """Results of one activity for one audience, computed from the stored answers."""
    return results_for(db, workshop_id, activity_id, (audience,), presence)[audience]


def results_for(db: Database, workshop_id: int, activity_id, audiences, presence: str | None = None) -> dict[str, dict]:
    """Results for several audiences from one read of the rows (every push needs two)."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        act = q.activity(s, workshop_id, activity_id)
        rows = {
            "workshop": workshop,
            "activity": act,
            "organisations": q.organisations(s, workshop_id),
            "participants": q.participants(s, workshop_id),
            "answers": list(s.scalars(select(Answer).where(Answer.activity_id == act.id).order_by(Answer.id))),
            "connected": q.connected_ids(s, workshop_id),
            "goals": q.goals(s, workshop_id),
        }
        presence = presence if presence in ("room", "remote") else None
        kind = get_kind(act.kind)
        payloads = {
            audience: build_results(ResultContext(**rows, audience=audience, presence=presence), kind) for audience in audiences
        }
    if SCREEN in payloads and not act.results_visible:
        # Until the facilitator reveals them, the projector shows only how many answered.
        payloads[SCREEN]["data"] = None
    return payloads


def all_results(db: Database, workshop_id: int, presence: str | None = None) -> list[dict]:
    """Results of every activity that has been opened, for the API and exports."""
    with db.session() as s:
        ids = [a.id for a in q.agenda(s, workshop_id) if a.state != "draft"]
    return [results(db, workshop_id, i, FACILITATOR, presence) for i in ids]
