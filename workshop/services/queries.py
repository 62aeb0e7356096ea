"""Loading helpers shared by the use cases; they read, never commit."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .. import presenters
from ..domain import goals as goal_rules
from ..domain.codes import is_join_code, normalise_join_code
from ..domain.errors import NotFound, UnknownWorkshop
from ..domain.events import AgendaChanged, AnswersChanged
from ..domain.fields import is_identifier
from ..domain.i18n import N_
from ..domain.kinds import get_kind
from ..domain.model import Activity, Answer, Goal, Organisation, Participant, Workshop
from ..storage.tables import connections


def workshop_by_code(s: Session, code: str) -> Workshop:
    code = normalise_join_code(code)
    workshop = s.scalar(select(Workshop).where(Workshop.code == code)) if is_join_code(code) else None
    if workshop is None:
        raise UnknownWorkshop(N_("No workshop has this code."))
    return workshop


def organisations(s: Session, workshop_id: int) -> list[Organisation]:
    return list(s.scalars(select(Organisation).where(Organisation.workshop_id == workshop_id).order_by(Organisation.position)))


def agenda(s: Session, workshop_id: int, removed: bool = False) -> list[Activity]:
    """The agenda in order; with `removed`, also the activities deleted while they had answers (for exports)."""
    query = select(Activity).where(Activity.workshop_id == workshop_id)
    if not removed:
        query = query.where(Activity.removed_at.is_(None))
    return list(s.scalars(query.order_by(Activity.position, Activity.id)))


def activity(s: Session, workshop_id: int, activity_id, removed: bool = False) -> Activity:
    """One activity of the workshop; a removed one only when asked for (its results, for exports)."""
    act = s.get(Activity, activity_id) if is_identifier(activity_id) else None
    if act is None or act.workshop_id != workshop_id or (act.removed_at is not None and not removed):
        raise NotFound(N_("This activity does not exist."))
    return act


def answer_counts(s: Session, workshop_id: int) -> dict[int, int]:
    """Stored answers per activity, hidden ones included."""
    rows = s.execute(
        select(Answer.activity_id, func.count())
        .join(Activity, Activity.id == Answer.activity_id)
        .where(Activity.workshop_id == workshop_id)
        .group_by(Answer.activity_id)
    )
    return {activity_id: count for activity_id, count in rows}


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


def shown_answer(s: Session, workshop_id: int, public_id) -> Answer:
    """The answer results name `public_id` (kind.public_id): private and anonymous answers hide their row id."""
    if isinstance(public_id, str) and 0 < len(public_id) <= 64:
        # Only anonymous reflections are named by a handle.
        acts = select(Activity.id).where(Activity.workshop_id == workshop_id, Activity.kind == "reflection")
        for answer in s.scalars(select(Answer).where(Answer.activity_id.in_(acts))):
            if get_kind("reflection").public_id(answer) == public_id:
                return answer
        raise NotFound(N_("This answer does not exist."))
    answer = answer_in(s, workshop_id, public_id)
    if get_kind(s.get(Activity, answer.activity_id).kind).public_id(answer) != public_id:
        raise NotFound(N_("This answer does not exist."))
    return answer


def ambitions(s: Session, workshop_id: int) -> list[Answer]:
    """Every ambition of the workshop (the only answers a goal is made from)."""
    acts = select(Activity.id).where(Activity.workshop_id == workshop_id, Activity.kind == "ambitions")
    return list(s.scalars(select(Answer).where(Answer.activity_id.in_(acts)).order_by(Answer.id)))


def ambition_in(s: Session, workshop_id: int, answer_id) -> Answer:
    """An ambition of this workshop; any other answer (a reflection, a vote) is as unknown as a missing one."""
    answer = s.get(Answer, answer_id) if is_identifier(answer_id) else None
    act = s.get(Activity, answer.activity_id) if answer is not None else None
    if act is None or act.workshop_id != workshop_id or act.kind != "ambitions":
        raise NotFound(N_("This answer does not exist."))
    return answer


def goal_organisations(
    s: Session, workshop_id: int, found: list[Goal], sources: list[Answer] | None = None
) -> dict[int, list[int]]:
    """Per goal, the organisations it may name (domain.goals.named_organisations)."""
    if not found:
        return {}
    people = participants(s, workshop_id)
    threshold = s.get(Workshop, workshop_id).privacy_threshold
    sources = ambitions(s, workshop_id) if sources is None else sources
    return goal_rules.named_organisations(found, sources, lambda a: people[a.participant_id].organisation_id, threshold)


def goal_views(s: Session, workshop_id: int) -> list[dict]:
    """Every goal as phones, screens and control views get it: no organisation below the threshold."""
    found = goals(s, workshop_id)
    if not found:
        return []
    sources = ambitions(s, workshop_id)
    named = goal_organisations(s, workshop_id, found, sources)
    existing = {a.id for a in sources}
    return [presenters.goal(g, named[g.id], [i for i in g.source_answer_ids if i in existing]) for g in found]


def goal_change(s: Session, workshop_id: int) -> list:
    current = s.get(Workshop, workshop_id).current_activity_id
    return [AgendaChanged(workshop_id)] + ([AnswersChanged(workshop_id, current)] if current else [])
