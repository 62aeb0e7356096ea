"""Creating workshops, checking their secrets, and exporting their agenda."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select

from .. import presenters
from ..domain.codes import hash_token, new_join_code, new_token, same_secret
from ..domain.errors import NotAllowed
from ..domain.events import AgendaChanged, AnswersChanged, WorkshopDeleted
from ..domain.i18n import N_
from ..domain.kinds import as_item, untranslated
from ..domain.model import DEFAULT_RETENTION_DAYS, Activity, Partnership, Workshop
from ..domain.partnerships import workshop_organisations
from ..domain.workshops import clean_workshop, expiry, update_settings
from ..storage import tables
from ..storage.database import Database
from ..storage.tables import utcnow
from . import queries as q
from .conflicts import retried


@dataclass
class CreatedWorkshop:
    """A new workshop and its secrets; the control token is never stored in the clear."""

    code: str
    control_token: str
    screen_key: str
    workshop_id: int


def create_workshop(
    db: Database, data, translate=untranslated, retention_days: int = DEFAULT_RETENTION_DAYS, partnership=None
) -> CreatedWorkshop:
    """Create a workshop with its organisations and agenda; the control token is shown once.

    `partnership`: (id, partner organisations) when it is made inside a partnership; its organisations are then
    the partnership's, linked so they keep their identity and colour.
    """
    workshop, organisations, activities = clean_workshop(data, translate, retention_days)
    workshop.expires_at = expiry(utcnow(), workshop.retention_days)
    if partnership is not None:
        workshop.partnership_id, partners = partnership
        organisations = workshop_organisations(partners)
    control_token, screen_key = new_token(), new_token()[:24]
    with db.session() as s:
        while True:
            code = new_join_code()
            if s.scalar(select(func.count()).select_from(Workshop).where(Workshop.code == code)) == 0:
                break
        workshop.code = code
        workshop.control_token_hash = hash_token(control_token)
        workshop.screen_key = screen_key
        s.add(workshop)
        s.flush()
        for org in organisations:
            org.workshop_id = workshop.id
            s.add(org)
        for act in activities:
            act.workshop_id = workshop.id
            s.add(act)
    return CreatedWorkshop(code=code, control_token=control_token, screen_key=screen_key, workshop_id=workshop.id)


def public_workshop(db: Database, code: str) -> dict:
    """What the join page needs: title, organisations and roles."""
    with db.session() as s:
        workshop = q.workshop_by_code(s, code)
        return presenters.workshop(workshop, q.organisations(s, workshop.id))


def workshop_language(db: Database, workshop_id: int) -> str:
    """The language the workshop runs in."""
    with db.session() as s:
        return s.get(Workshop, workshop_id).language


def facilitator_workshop(db: Database, code: str, token) -> int:
    """The workshop id when `token` is its control token, or the token of its partnership; otherwise NotAllowed."""
    with db.session() as s:
        workshop = q.workshop_by_code(s, code)
        hashed = hash_token(token) if isinstance(token, str) else ""
        if isinstance(token, str) and same_secret(workshop.control_token_hash, hashed):
            return workshop.id
        partnership = s.get(Partnership, workshop.partnership_id) if workshop.partnership_id else None
        if partnership is not None and isinstance(token, str) and same_secret(partnership.token_hash, hashed):
            return workshop.id
        raise NotAllowed(N_("This link does not give control of the workshop."))


def control_fingerprint(db: Database, code: str) -> tuple[int, str]:
    """The workshop id and a value that changes with its control token, for a signed report cookie (not a secret)."""
    with db.session() as s:
        workshop = q.workshop_by_code(s, code)
        return workshop.id, workshop.control_token_hash[:32]


def screen_workshop(db: Database, code: str, key) -> int:
    """The workshop id when `key` is its screen key (or its control token)."""
    with db.session() as s:
        workshop = q.workshop_by_code(s, code)
        if same_secret(workshop.screen_key, key):
            return workshop.id
    return facilitator_workshop(db, code, key)


def workshop_id_by_code(db: Database, code: str) -> int:
    """The id of the workshop with this join code (for operators, who need no token)."""
    with db.session() as s:
        return q.workshop_by_code(s, code).id


def export_format(db: Database, workshop_id: int) -> dict:
    """The agenda as a format file another workshop can be created from, every text in each language given."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        return {
            "format": 1,
            "name": workshop.title,
            "language": workshop.language,
            "roles": workshop.roles,
            "agenda": [as_item(act, workshop.language) for act in q.agenda(s, workshop_id)],
        }


@retried
def change_settings(db: Database, workshop_id: int, data) -> list:
    """The facilitator changes a setting; everyone's screens follow."""
    with db.session() as s:
        workshop = q.locked_workshop(s, workshop_id)
        current = workshop.current_activity_id
        update_settings(workshop, data, s.get(Activity, current) if current else None)
        workshop.expires_at = expiry(workshop.created_at, workshop.retention_days)
    # The privacy threshold changes what results may show, so results are recomputed too.
    return [AgendaChanged(workshop_id)] + ([AnswersChanged(workshop_id, current)] if current else [])


def delete_workshop(db: Database, workshop_id: int) -> list:
    """Delete a workshop and everything in it: organisations, participants, answers, goals, connections."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        if workshop is None:
            return []
        # The database cascades to every row that belongs to the workshop (foreign keys ON DELETE CASCADE).
        s.execute(delete(tables.workshops).where(tables.workshops.c.id == workshop_id))
    return [WorkshopDeleted(workshop_id)]


def delete_expired_workshops(db: Database, now: datetime) -> list:
    """Delete every workshop whose retention period ended before `now`; returns what happened."""
    with db.session() as s:
        expired = list(s.scalars(select(Workshop.id).where(Workshop.expires_at < now)))
    events = []
    for workshop_id in expired:
        events += delete_workshop(db, workshop_id)
    return events
