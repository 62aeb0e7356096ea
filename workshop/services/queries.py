"""Loading helpers shared by the use cases; they read, never commit."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.codes import is_join_code, normalise_join_code
from ..domain.errors import NotFound
from ..domain.events import AgendaChanged, AnswersChanged
from ..domain.fields import is_identifier
from ..domain.i18n import N_
from ..domain.model import Activity, Answer, Goal, Organisation, Participant, Workshop
from ..storage.tables import connections


def workshop_by_code(s: Session, code: str) -> Workshop:
    code = normalise_join_code(code)
    workshop = s.scalar(select(Workshop).where(Workshop.code == code)) if is_join_code(code) else None
    if workshop is None:
        raise NotFound(N_("No workshop has this code."))
    return workshop


def organisations(s: Session, workshop_id: int) -> list[Organisation]:
    return list(s.scalars(select(Organisation).where(Organisation.workshop_id == workshop_id).order_by(Organisation.position)))


def agenda(s: Session, workshop_id: int) -> list[Activity]:
    return list(s.scalars(select(Activity).where(Activity.workshop_id == workshop_id).order_by(Activity.position)))


def activity(s: Session, workshop_id: int, activity_id) -> Activity:
    act = s.get(Activity, activity_id) if is_identifier(activity_id) else None
    if act is None or act.workshop_id != workshop_id:
        raise NotFound(N_("This activity does not exist."))
    return act


def goals(s: Session, workshop_id: int) -> list[Goal]:
    return list(s.scalars(select(Goal).where(Goal.workshop_id == workshop_id).order_by(Goal.position, Goal.id)))


def goals_of(s: Session, workshop_ids) -> dict[int, list[Goal]]:
    found: dict[int, list[Goal]] = {}
    for g in s.scalars(select(Goal).where(Goal.workshop_id.in_(workshop_ids)).order_by(Goal.position, Goal.id)):
        found.setdefault(g.workshop_id, []).append(g)
    return found


def locked_workshop(s: Session, workshop_id: int) -> Workshop:
    """The workshop's row, locked until the commit: agenda and goal changes of one workshop take turns."""
    return s.get(Workshop, workshop_id, with_for_update=True)


def participants(s: Session, workshop_id: int) -> dict[int, Participant]:
    rows = s.scalars(select(Participant).where(Participant.workshop_id == workshop_id))
    return {p.id: p for p in rows}


def connected_ids(s: Session, workshop_id: int) -> set[int]:
    rows = s.execute(
        select(connections.c.participant_id).where(
            connections.c.workshop_id == workshop_id, connections.c.participant_id.is_not(None)
        )
    )
    return {row[0] for row in rows}


def answer_in(s: Session, workshop_id: int, answer_id) -> Answer:
    answer = s.get(Answer, answer_id) if is_identifier(answer_id) else None
    if answer is None or s.get(Activity, answer.activity_id).workshop_id != workshop_id:
        raise NotFound(N_("This answer does not exist."))
    return answer


def goal_change(s: Session, workshop_id: int) -> list:
    current = s.get(Workshop, workshop_id).current_activity_id
    return [AgendaChanged(workshop_id)] + ([AnswersChanged(workshop_id, current)] if current else [])
