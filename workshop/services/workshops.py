"""Creating workshops, checking their secrets, and exporting their agenda."""

import hmac
from dataclasses import dataclass

from sqlalchemy import func, select

from .. import presenters
from ..domain.codes import hash_token, new_join_code, new_token
from ..domain.errors import NotAllowed
from ..domain.events import AgendaChanged, AnswersChanged
from ..domain.i18n import N_
from ..domain.kinds import untranslated
from ..domain.model import Workshop
from ..domain.workshops import clean_workshop, update_settings
from ..storage.database import Database
from . import queries as q
from .conflicts import retried


@dataclass
class CreatedWorkshop:
    """A new workshop and its secrets; the control token is never stored in the clear."""

    code: str
    control_token: str
    screen_key: str
    workshop_id: int


def create_workshop(db: Database, data, translate=untranslated) -> CreatedWorkshop:
    """Create a workshop with its organisations and agenda; the control token is shown once."""
    workshop, organisations, activities = clean_workshop(data, translate)
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
    """The workshop id when `token` is its control token; otherwise NotAllowed."""
    with db.session() as s:
        workshop = q.workshop_by_code(s, code)
        if not isinstance(token, str) or not hmac.compare_digest(workshop.control_token_hash, hash_token(token)):
            raise NotAllowed(N_("This link does not give control of the workshop."))
        return workshop.id


def screen_workshop(db: Database, code: str, key) -> int:
    """The workshop id when `key` is its screen key (or its control token)."""
    with db.session() as s:
        workshop = q.workshop_by_code(s, code)
        if isinstance(key, str) and hmac.compare_digest(workshop.screen_key, key):
            return workshop.id
    return facilitator_workshop(db, code, key)


def export_format(db: Database, workshop_id: int) -> dict:
    """The agenda as a format file another workshop can be created from."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        items = []
        for act in q.agenda(s, workshop_id):
            config = {k: v for k, v in act.config.items() if k != "prompt"}
            items.append({"kind": act.kind, "title": act.title, "prompt": act.config.get("prompt", ""), "config": config})
        return {
            "format": 1,
            "name": workshop.title,
            "language": workshop.language,
            "roles": workshop.roles,
            "agenda": items,
        }


def health(db: Database) -> bool:
    """True when the database answers."""
    return db.ping()


@retried
def change_settings(db: Database, workshop_id: int, data) -> list:
    """The facilitator changes a setting; everyone's screens follow."""
    with db.session() as s:
        workshop = q.locked_workshop(s, workshop_id)
        update_settings(workshop, data)
        current = workshop.current_activity_id
    # The privacy threshold changes what results may show, so results are recomputed too.
    return [AgendaChanged(workshop_id)] + ([AnswersChanged(workshop_id, current)] if current else [])
