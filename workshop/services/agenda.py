"""The facilitator runs the agenda: actions, new activities, order, rounds, timers."""

from .. import presenters
from ..domain import agenda as agenda_rules
from ..domain import lifecycle
from ..domain.errors import LimitReached
from ..domain.events import AgendaChanged, AnswersChanged
from ..domain.i18n import N_
from ..domain.kinds import clean_activity, untranslated
from ..domain.workshops import MAX_ACTIVITIES
from ..storage.database import Database
from ..storage.tables import utcnow
from . import queries as q
from .conflicts import retried


@retried
def control(db: Database, workshop_id: int, action, activity_id=None) -> list:
    """Carry out a facilitator action on the agenda (open, close, reveal, hide, next, lobby)."""
    with db.session() as s:
        workshop = q.locked_workshop(s, workshop_id)
        agenda = q.agenda(s, workshop_id)
        act = q.activity(s, workshop_id, activity_id) if activity_id is not None else None
        lifecycle.apply(action, workshop, act, agenda)
        touched = [a.id for a in agenda if a.id in {activity_id, workshop.current_activity_id}]
    return [AgendaChanged(workshop_id)] + [AnswersChanged(workshop_id, a) for a in touched]


@retried
def add_activity(db: Database, workshop_id: int, item, translate=untranslated) -> tuple[dict, list]:
    """Append an activity to the agenda, also while the workshop runs."""
    with db.session() as s:
        workshop = q.locked_workshop(s, workshop_id)
        agenda = q.agenda(s, workshop_id)
        if len(agenda) >= MAX_ACTIVITIES:
            raise LimitReached(N_("%(field)s can have at most %(max)d items."), field="agenda", max=MAX_ACTIVITIES)
        act = clean_activity(item, workshop.language, translate)
        act.workshop_id = workshop_id
        act.position = (agenda[-1].position + 1) if agenda else 0
        s.add(act)
        s.flush()
        view = presenters.activity(act)
    return view, [AgendaChanged(workshop_id)]


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
        view = presenters.activity(act)
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
