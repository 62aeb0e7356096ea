"""Joining and device tokens."""

from dataclasses import dataclass

from sqlalchemy import select

from ..domain.codes import hash_token, new_token
from ..domain.errors import NotAllowed
from ..domain.events import PresenceChanged
from ..domain.i18n import N_
from ..domain.model import Participant, Workshop
from ..domain.workshops import clean_participant
from ..storage.database import Database
from . import queries as q


@dataclass
class Joined:
    """A new participant and the token their device keeps."""

    participant: Participant
    token: str
    workshop_code: str


def join(db: Database, code: str, data) -> tuple[Joined, list]:
    """Add a participant to a workshop; their device keeps the returned token."""
    token = new_token()
    with db.session() as s:
        workshop = q.workshop_by_code(s, code)
        participant = clean_participant(data, workshop, q.organisations(s, workshop.id))
        participant.workshop_id = workshop.id
        participant.token_hash = hash_token(token)
        s.add(participant)
        s.flush()
        joined = Joined(participant=participant, token=token, workshop_code=workshop.code)
    return joined, [PresenceChanged(workshop.id)]


def participant_by_token(db: Database, token) -> tuple[int, int]:
    """(workshop id, participant id) for a device token; NotAllowed when unknown."""
    if not isinstance(token, str) or not token:
        raise NotAllowed(N_("Join the workshop first."))
    with db.session() as s:
        participant = s.scalar(select(Participant).where(Participant.token_hash == hash_token(token)))
        if participant is None:
            raise NotAllowed(N_("Join the workshop first."))
        return participant.workshop_id, participant.id


def participant_workshop_code(db: Database, participant_id: int) -> str:
    """The join code of the participant's workshop."""
    with db.session() as s:
        participant = s.get(Participant, participant_id)
        return s.get(Workshop, participant.workshop_id).code
