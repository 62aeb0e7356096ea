"""Joining and device tokens."""

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..domain.codes import hash_token, new_token, normalise_join_code
from ..domain.errors import NotAllowed
from ..domain.events import (
    AgendaChanged,
    AnswersChanged,
    ManyJoinsFromOneAddress,
    ParticipantForgotten,
    PresenceChanged,
)
from ..domain.i18n import N_
from ..domain.model import Answer, Participant, Workshop
from ..domain.workshops import clean_participant
from ..storage.database import Database
from ..storage.tables import join_sources, participants
from . import queries as q


@dataclass
class Joined:
    """A new participant and the token their device keeps."""

    participant: Participant
    token: str
    workshop_code: str


# The facilitator hears when one address has joined this many people (and again at each next step).
JOIN_WARNINGS = (10, 25, 50, 100, 200, 400, 800, 1600)


def join(db: Database, code: str, data, source: str | None = None) -> tuple[Joined, list]:
    """Add a participant to a workshop; their device keeps the returned token.

    `source` is a keyed hash of the network address they joined from (never the address itself, and
    never stored with the participant): joins per source are counted so the facilitator can be warned.
    """
    token = new_token()
    with db.session() as s:
        workshop = q.workshop_by_code(s, code)
        participant = clean_participant(data, workshop, q.organisations(s, workshop.id))
        participant.workshop_id = workshop.id
        participant.token_hash = hash_token(token)
        s.add(participant)
        s.flush()
        joined = Joined(participant=participant, token=token, workshop_code=workshop.code)
        count = _count_join(s, workshop.id, source) if source else 0
    events: list = [PresenceChanged(workshop.id)]
    if count in JOIN_WARNINGS:
        events.append(ManyJoinsFromOneAddress(workshop.id, count))
    return joined, events


def _count_join(s, workshop_id: int, source: str) -> int:
    """One more join from `source`; the new count (one statement, so concurrent joins both count)."""
    insert = postgresql_insert if s.bind.dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(join_sources)
        .values(workshop_id=workshop_id, source=source, joins=1)
        .on_conflict_do_update(index_elements=["workshop_id", "source"], set_={"joins": join_sources.c.joins + 1})
        .returning(join_sources.c.joins)
    )
    return s.execute(statement).scalar_one()


def join_warnings(db: Database, workshop_id: int) -> list[int]:
    """How many people each address that joined many (JOIN_WARNINGS[0] or more) brought, most first."""
    with db.session() as s:
        return warnings_in(s, workshop_id)


def warnings_in(s, workshop_id: int) -> list[int]:
    """join_warnings within an open session."""
    rows = s.execute(
        select(join_sources.c.joins)
        .where(join_sources.c.workshop_id == workshop_id, join_sources.c.joins >= JOIN_WARNINGS[0])
        .order_by(join_sources.c.joins.desc())
    )
    return [row[0] for row in rows]


def forget_participant(db: Database, participant_id: int) -> list:
    """Delete a participant and everything they gave (answers, receipts, connections): leaving for good."""
    with db.session() as s:
        participant = s.get(Participant, participant_id)
        if participant is None:
            return []
        workshop_id = participant.workshop_id
        answered = set(s.scalars(select(Answer.activity_id).where(Answer.participant_id == participant_id)))
        s.expunge(participant)
        # Answers, receipts and connection rows go with the participant (ON DELETE CASCADE).
        s.execute(delete(participants).where(participants.c.id == participant_id))
    return [ParticipantForgotten(workshop_id, participant_id), PresenceChanged(workshop_id), AgendaChanged(workshop_id)] + [
        AnswersChanged(workshop_id, activity_id) for activity_id in sorted(answered)
    ]


def participant_by_token(db: Database, token, *, code: str) -> tuple[int, int]:
    """(workshop id, participant id) for a device token of the workshop with this code; else NotAllowed.

    A token works only for its own workshop: another workshop's code with it is as good as no token.
    """
    if not isinstance(token, str) or not token:
        raise NotAllowed(N_("Join the workshop first."))
    with db.session() as s:
        participant = s.scalar(select(Participant).where(Participant.token_hash == hash_token(token)))
        if participant is None or s.get(Workshop, participant.workshop_id).code != normalise_join_code(code or ""):
            raise NotAllowed(N_("Join the workshop first."))
        return participant.workshop_id, participant.id


def viewer_workshop(db: Database, code: str, token) -> int:
    """The workshop a participant may watch the projector's view of: their own (by their device token)."""
    return participant_by_token(db, token, code=code)[0]


def participant_workshop_code(db: Database, participant_id: int) -> str:
    """The join code of the participant's workshop."""
    with db.session() as s:
        participant = s.get(Participant, participant_id)
        return s.get(Workshop, participant.workshop_id).code
