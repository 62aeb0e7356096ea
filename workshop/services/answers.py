"""Participants' answers, and the facilitator's moderation of them."""

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import presenters
from ..domain import answers as answer_rules
from ..domain import goals as goal_rules
from ..domain.errors import NotFound
from ..domain.events import AnswersChanged, OwnAnswersChanged
from ..domain.fields import is_identifier
from ..domain.i18n import N_
from ..domain.kinds import AnswerContext, get_kind
from ..domain.model import Activity, Answer, Participant
from ..storage.database import Database
from ..storage.tables import receipts
from . import queries as q


def submit_answer(db: Database, participant_id: int, activity_id, client_id, payload) -> tuple[dict, list]:
    """Store an answer once however often it is retried; returns the stored answer and what changed."""
    client_id = answer_rules.clean_client_id(client_id)
    with db.session() as s:
        participant = s.get(Participant, participant_id)
        receipt = s.execute(
            select(receipts.c.answer_id).where(receipts.c.participant_id == participant_id, receipts.c.client_id == client_id)
        ).first()
        if receipt is not None:
            # A retry of something already stored: answer as before, change nothing.
            answer = s.get(Answer, receipt[0]) if receipt[0] else None
            act = s.get(Activity, answer.activity_id) if answer else None
            return ({"duplicate": True, "answer": presenters.own_answer(answer, act) if answer else None}, [])
        act = q.activity(s, participant.workshop_id, activity_id)
        mine = list(
            s.scalars(
                select(Answer).where(Answer.activity_id == act.id, Answer.participant_id == participant_id).order_by(Answer.id)
            )
        )
        ctx = AnswerContext(participant=participant, goals=q.goals(s, participant.workshop_id), mine=mine)
        answer = answer_rules.accept_answer(act, ctx, payload, client_id)
        if mine and not get_kind(act.kind).many_answers and answer is not mine[0]:
            s.delete(mine[0])
            s.flush()
        s.add(answer)
        s.flush()
        s.execute(receipts.insert().values(participant_id=participant_id, client_id=client_id, answer_id=answer.id))
        view = presenters.own_answer(answer, act)
        workshop_id = participant.workshop_id
    return (
        {"duplicate": False, "answer": view},
        [AnswersChanged(workshop_id, act.id), OwnAnswersChanged(workshop_id, participant_id, act.id)],
    )


def submit_answer_safely(db: Database, participant_id: int, activity_id, client_id, payload) -> tuple[dict, list]:
    """Like submit_answer, but a race between two retries of one submission still stores it once."""
    try:
        return submit_answer(db, participant_id, activity_id, client_id, payload)
    except IntegrityError:
        # The other retry committed first; its receipt now answers this one.
        return submit_answer(db, participant_id, activity_id, client_id, payload)


def withdraw_answer(db: Database, participant_id: int, answer_id) -> list:
    """A participant takes back one of their answers while the activity is open."""
    with db.session() as s:
        answer = s.get(Answer, answer_id) if is_identifier(answer_id) else None
        if answer is None or answer.participant_id != participant_id:
            raise NotFound(N_("This answer does not exist."))
        act = s.get(Activity, answer.activity_id)
        answer_rules.withdraw_answer(act)
        s.delete(answer)
        workshop_id = act.workshop_id
    return [AnswersChanged(workshop_id, act.id), OwnAnswersChanged(workshop_id, participant_id, act.id)]


def own_answers(db: Database, participant_id: int, activity_id: int | None = None) -> list[dict]:
    """A participant's answers, to read back on their phone (all activities, or one)."""
    if activity_id is not None and not is_identifier(activity_id):
        raise NotFound(N_("This activity does not exist."))
    with db.session() as s:
        return [presenters.own_answer(a, act) for a, act in _own(s, participant_id, activity_id)]


def moderate(db: Database, workshop_id: int, answer_id, hidden) -> list:
    """Hide an answer from results, or show it again; it stays in the data and exports, marked."""
    with db.session() as s:
        answer = q.answer_in(s, workshop_id, answer_id)
        answer_rules.set_hidden(answer, hidden)
        activity_id = answer.activity_id
    return [AnswersChanged(workshop_id, activity_id)]


def merge(db: Database, workshop_id: int, keep_id, answer_ids) -> list:
    """Merge duplicate answers into one; the duplicates stay in the data, hidden and marked."""
    with db.session() as s:
        keep = q.answer_in(s, workshop_id, keep_id)
        duplicates = [q.answer_in(s, workshop_id, i) for i in goal_rules.source_ids(answer_ids)]
        answer_rules.merge_answers(keep, duplicates)
        activity_id = keep.activity_id
    return [AnswersChanged(workshop_id, activity_id)]


def own_answers_export(db: Database, participant_id: int) -> list[dict]:
    """Everything a participant answered, with the activity it belongs to, to download."""
    with db.session() as s:
        return [
            {
                "activity": act.title,
                "kind": act.kind,
                "round": act.round,
                "answer": get_kind(act.kind).own_view(a),
                "at": presenters.iso(a.created_at),
            }
            for a, act in _own(s, participant_id)
        ]


def _own(s, participant_id: int, activity_id: int | None = None) -> list[tuple[Answer, Activity]]:
    """A participant's answers in order, each with its activity."""
    query = select(Answer).where(Answer.participant_id == participant_id).order_by(Answer.id)
    if activity_id is not None:
        query = query.where(Answer.activity_id == activity_id)
    found = list(s.scalars(query))
    acts = {a.id: a for a in s.scalars(select(Activity).where(Activity.id.in_({x.activity_id for x in found})))}
    return [(a, acts[a.activity_id]) for a in found]
