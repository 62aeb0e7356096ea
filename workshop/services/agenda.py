"""The facilitator runs the agenda: actions, new and edited activities, order, rounds, timers."""

from sqlalchemy import func, select

from .. import presenters
from ..domain import agenda as agenda_rules
from ..domain import fields, lifecycle, quorum
from ..domain.errors import InvalidInput, LimitReached
from ..domain.events import AgendaChanged, AnswersChanged
from ..domain.i18n import N_
from ..domain.kinds import as_item, clean_activity, get_kind, untranslated
from ..domain.model import LANGUAGES, Answer, Workshop
from ..domain.results import ResultContext, participation_balance
from ..domain.workshops import MAX_ACTIVITIES
from ..storage.database import Database
from ..storage.tables import utcnow
from . import queries as q
from .conflicts import retried


@retried
def control(db: Database, workshop_id: int, action, activity_id=None, confirm=False) -> list:
    """Carry out a facilitator action on the agenda (open, close, reveal, hide, next, lobby, end).

    Closing a round whose per-organisation quorum is not met needs `confirm` (QuorumNotMet otherwise).
    """
    with db.session() as s:
        workshop = q.locked_workshop(s, workshop_id)
        agenda = q.agenda(s, workshop_id)
        act = q.activity(s, workshop_id, activity_id) if activity_id is not None else None
        waiting = _waiting(s, workshop, agenda)
        try:
            lifecycle.apply(action, workshop, act, agenda, waiting, confirm is True, utcnow())
        except quorum.QuorumNotMet:
            names = {o.id: o.name for o in q.organisations(s, workshop_id)}
            raise quorum.QuorumNotMet(
                N_("Not every organisation has answered yet (waiting for %(names)s). Close anyway?"),
                names=", ".join(names[i] for i in waiting),
            ) from None
        touched = [a.id for a in agenda if a.id in {activity_id, workshop.current_activity_id}]
    return [AgendaChanged(workshop_id)] + [AnswersChanged(workshop_id, a) for a in touched]


def _waiting(s, workshop: Workshop, agenda: list) -> list[int]:
    """The organisations the open activity's quorum still waits for ([] when it has no quorum)."""
    current = next((a for a in agenda if a.state == "open" and (a.config or {}).get("quorum")), None)
    if current is None:
        return []
    ctx = ResultContext(
        workshop=workshop,
        activity=current,
        organisations=q.organisations(s, workshop.id),
        participants=q.participants(s, workshop.id),
        answers=list(s.scalars(select(Answer).where(Answer.activity_id == current.id))),
        connected=q.connected_ids(s, workshop.id),
    )
    return quorum.waiting_for(current.config["quorum"], participation_balance(ctx))


def set_quorum(db: Database, workshop_id: int, activity_id, rule) -> list:
    """Require (or stop requiring) that every organisation present answers before a round closes."""
    with db.session() as s:
        act = q.activity(s, workshop_id, activity_id)
        if not get_kind(act.kind).supports_quorum:
            raise InvalidInput(N_("Only votes and consent rounds can wait for every organisation."))
        config = dict(act.config)
        config.pop("quorum", None)
        cleaned = quorum.clean_rule(rule)
        if cleaned:
            config["quorum"] = cleaned
        act.config = config
    return [AgendaChanged(workshop_id), AnswersChanged(workshop_id, act.id)]


@retried
def add_activity(db: Database, workshop_id: int, item, translate=untranslated) -> tuple[dict, list]:
    """Append an activity to the agenda, also while the workshop runs."""
    with db.session() as s:
        workshop = q.locked_workshop(s, workshop_id)
        agenda = q.agenda(s, workshop_id)
        if len(agenda) >= MAX_ACTIVITIES:
            raise LimitReached(N_("%(field)s can have at most %(max)d items."), field="agenda", max=MAX_ACTIVITIES)
        act = clean_activity(item, workshop.language, translate, workshop.bilingual)
        act.workshop_id = workshop_id
        act.position = (agenda[-1].position + 1) if agenda else 0
        s.add(act)
        s.flush()
        view = presenters.agenda_item(act, workshop.language, 0, q.goals(s, workshop_id))
    return view, [AgendaChanged(workshop_id)]


def check_activity(data, translate=untranslated) -> dict:
    """Check one agenda item for a workshop not made yet: {item, language, bilingual}; the item as it would be stored."""
    data = fields.mapping(data, name="agenda")
    language = data.get("language")
    language = fields.choice("nl" if language in (None, "") else language, LANGUAGES, name="language")
    act = clean_activity(data.get("item"), language, translate, data.get("bilingual") is True)
    return as_item(act, language)


@retried
def update_activity(db: Database, workshop_id: int, activity_id, item, translate=untranslated) -> tuple[dict, list]:
    """Change an activity from the agenda editor; once it has answers, only in ways that keep them valid."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        act = q.activity(s, workshop_id, activity_id)
        answers = list(s.scalars(select(Answer).where(Answer.activity_id == act.id)))
        agenda_rules.edit(workshop, act, item, answers, translate)
        view = presenters.agenda_item(act, workshop.language, len(answers), q.goals(s, workshop_id))
    # Phones and screens redraw the activity; its results carry its texts (poll options, scale poles).
    return view, [AgendaChanged(workshop_id), AnswersChanged(workshop_id, act.id)]


@retried
def duplicate_activity(db: Database, workshop_id: int, activity_id) -> tuple[dict, list]:
    """A copy of an activity right after it, not yet run."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        agenda = q.agenda(s, workshop_id)
        if len(agenda) >= MAX_ACTIVITIES:
            raise LimitReached(N_("%(field)s can have at most %(max)d items."), field="agenda", max=MAX_ACTIVITIES)
        act = agenda_rules.duplicate(q.activity(s, workshop_id, activity_id), agenda)
        act.workshop_id = workshop_id
        s.add(act)
        s.flush()
        view = presenters.agenda_item(act, workshop.language, 0, q.goals(s, workshop_id))
    return view, [AgendaChanged(workshop_id)]


@retried
def delete_activity(db: Database, workshop_id: int, activity_id, confirmed=False) -> list:
    """Take an activity off the agenda; one with answers is kept out of sight, for the exports."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        act = q.activity(s, workshop_id, activity_id)
        answers = s.scalar(select(func.count()).select_from(Answer).where(Answer.activity_id == act.id))
        if agenda_rules.remove(workshop, act, q.agenda(s, workshop_id), answers, confirmed):
            act.removed_at = utcnow()
        else:
            s.delete(act)
    return [AgendaChanged(workshop_id)]


@retried
def reorder_agenda(db: Database, workshop_id: int, ordered_ids) -> list:
    """Put the agenda in a new order, also while the workshop runs."""
    with db.session() as s:
        q.locked_workshop(s, workshop_id)
        agenda_rules.reorder(q.agenda(s, workshop_id), ordered_ids)
    return [AgendaChanged(workshop_id)]


@retried
def rerun_activity(db: Database, workshop_id: int, activity_id) -> tuple[dict, list]:
    """Add a new round of an activity right after it; the earlier round is kept."""
    with db.session() as s:
        q.locked_workshop(s, workshop_id)
        agenda = q.agenda(s, workshop_id)
        if len(agenda) >= MAX_ACTIVITIES:
            raise LimitReached(N_("%(field)s can have at most %(max)d items."), field="agenda", max=MAX_ACTIVITIES)
        act = agenda_rules.rerun(q.activity(s, workshop_id, activity_id), agenda)
        act.workshop_id = workshop_id
        s.add(act)
        s.flush()
        workshop = s.get(Workshop, workshop_id)
        view = presenters.agenda_item(act, workshop.language, 0, q.goals(s, workshop_id))
    return view, [AgendaChanged(workshop_id)]


@retried
def set_timer(db: Database, workshop_id: int, activity_id, seconds) -> list:
    """Start a countdown on an open activity (seconds), or stop it (None)."""
    with db.session() as s:
        q.locked_workshop(s, workshop_id)
        act = q.activity(s, workshop_id, activity_id)
        if seconds is None:
            agenda_rules.stop_timer(act)
        else:
            agenda_rules.start_timer(act, seconds, utcnow())
    return [AgendaChanged(workshop_id)]
