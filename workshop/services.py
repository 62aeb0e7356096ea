"""Use cases: load, let the domain decide, commit, and return what changed. Never emits."""
import hmac
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import presenters
from .domain import answers as answer_rules
from .domain import lifecycle
from .domain.codes import hash_token, is_join_code, new_join_code, new_token, normalise_join_code
from .domain.errors import LimitReached, NotAllowed, NotFound
from .domain.events import AgendaChanged, AnswersChanged, OwnAnswersChanged, PresenceChanged
from .domain.i18n import N_
from .domain.kinds import clean_activity, get_kind
from .domain.model import Activity, Answer, Organisation, Participant, Workshop
from .domain.results import FACILITATOR, SCREEN, ResultContext, build_results
from .domain.workshops import MAX_ACTIVITIES, clean_participant, clean_workshop
from .storage.database import Database
from .storage.tables import connections, receipts

PARTICIPANT, SCREEN_ROLE, FACILITATOR_ROLE = "participant", "screen", "facilitator"


@dataclass
class CreatedWorkshop:
    """A new workshop and its secrets; the control token is never stored in the clear."""

    code: str
    control_token: str
    screen_key: str
    workshop_id: int


@dataclass
class Joined:
    """A new participant and the token their device keeps."""

    participant: Participant
    token: str
    workshop_code: str


# --- loading -----------------------------------------------------------------------------------


def _workshop_by_code(s: Session, code: str) -> Workshop:
    code = normalise_join_code(code)
    workshop = s.scalar(select(Workshop).where(Workshop.code == code)) if is_join_code(code) else None
    if workshop is None:
        raise NotFound(N_("No workshop has this code."))
    return workshop


def _organisations(s: Session, workshop_id: int) -> list[Organisation]:
    return list(s.scalars(select(Organisation).where(Organisation.workshop_id == workshop_id).order_by(Organisation.position)))


def _agenda(s: Session, workshop_id: int) -> list[Activity]:
    return list(s.scalars(select(Activity).where(Activity.workshop_id == workshop_id).order_by(Activity.position)))


def _activity(s: Session, workshop_id: int, activity_id) -> Activity:
    act = s.get(Activity, activity_id) if isinstance(activity_id, int) else None
    if act is None or act.workshop_id != workshop_id:
        raise NotFound(N_("This activity does not exist."))
    return act


def _participants(s: Session, workshop_id: int) -> dict[int, Participant]:
    rows = s.scalars(select(Participant).where(Participant.workshop_id == workshop_id))
    return {p.id: p for p in rows}


def _connected(s: Session, workshop_id: int) -> set[int]:
    rows = s.execute(
        select(connections.c.participant_id).where(
            connections.c.workshop_id == workshop_id, connections.c.participant_id.is_not(None)
        )
    )
    return {row[0] for row in rows}


# --- workshops ---------------------------------------------------------------------------------


def create_workshop(db: Database, data) -> CreatedWorkshop:
    """Create a workshop with its organisations and agenda; the control token is shown once."""
    workshop, organisations, activities = clean_workshop(data)
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
        workshop = _workshop_by_code(s, code)
        return presenters.workshop(workshop, _organisations(s, workshop.id))


def workshop_language(db: Database, workshop_id: int) -> str:
    """The language the workshop runs in."""
    with db.session() as s:
        return s.get(Workshop, workshop_id).language


def facilitator_workshop(db: Database, code: str, token) -> int:
    """The workshop id when `token` is its control token; otherwise NotAllowed."""
    with db.session() as s:
        workshop = _workshop_by_code(s, code)
        if not isinstance(token, str) or not hmac.compare_digest(workshop.control_token_hash, hash_token(token)):
            raise NotAllowed(N_("This link does not give control of the workshop."))
        return workshop.id


def screen_workshop(db: Database, code: str, key) -> int:
    """The workshop id when `key` is its screen key (or its control token)."""
    with db.session() as s:
        workshop = _workshop_by_code(s, code)
        if isinstance(key, str) and hmac.compare_digest(workshop.screen_key, key):
            return workshop.id
    return facilitator_workshop(db, code, key)


# --- participants ------------------------------------------------------------------------------


def join(db: Database, code: str, data) -> tuple[Joined, list]:
    """Add a participant to a workshop; their device keeps the returned token."""
    token = new_token()
    with db.session() as s:
        workshop = _workshop_by_code(s, code)
        participant = clean_participant(data, workshop, _organisations(s, workshop.id))
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


# --- connections -------------------------------------------------------------------------------


def connect(db: Database, sid: str, workshop_id: int, role: str, participant_id: int | None, server_id: str) -> list:
    """Record a live connection; presence is counted from these rows."""
    with db.session() as s:
        s.execute(delete(connections).where(connections.c.sid == sid))
        s.execute(
            connections.insert().values(
                sid=sid, workshop_id=workshop_id, role=role, participant_id=participant_id, server_id=server_id
            )
        )
    return [PresenceChanged(workshop_id)]


def disconnect(db: Database, sid: str) -> list:
    """Forget a connection that closed."""
    with db.session() as s:
        row = s.execute(select(connections.c.workshop_id).where(connections.c.sid == sid)).first()
        if row is None:
            return []
        s.execute(delete(connections).where(connections.c.sid == sid))
    return [PresenceChanged(row[0])]


def forget_connections(db: Database, server_id: str | None = None) -> None:
    """Drop connection rows left by a process that stopped (all of them when `server_id` is None)."""
    with db.session() as s:
        query = delete(connections)
        if server_id is not None:
            query = query.where(connections.c.server_id == server_id)
        s.execute(query)


def presence(db: Database, workshop_id: int) -> dict:
    """Who is here, counted per organisation: joined, connected, in the room or remote."""
    with db.session() as s:
        return _presence(s, workshop_id)


def _presence(s: Session, workshop_id: int) -> dict:
    people = _participants(s, workshop_id)
    connected = _connected(s, workshop_id)
    screens = s.scalar(
        select(func.count()).select_from(connections).where(
            connections.c.workshop_id == workshop_id, connections.c.role == SCREEN_ROLE
        )
    )
    rows = []
    for org in _organisations(s, workshop_id):
        members = [p for p in people.values() if p.organisation_id == org.id]
        online = [p for p in members if p.id in connected]
        rows.append(
            {
                "organisation_id": org.id,
                "joined": len(members),
                "connected": len(online),
                "in_room": sum(1 for p in online if p.presence == "room"),
                "remote": sum(1 for p in online if p.presence == "remote"),
            }
        )
    return {"organisations": rows, "connected": len(connected), "joined": len(people), "screens": screens}


# --- answers -----------------------------------------------------------------------------------


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
        act = _activity(s, participant.workshop_id, activity_id)
        mine = list(
            s.scalars(
                select(Answer).where(Answer.activity_id == act.id, Answer.participant_id == participant_id).order_by(Answer.id)
            )
        )
        answer = answer_rules.accept_answer(act, participant, mine, payload, client_id)
        s.add(answer)
        s.flush()
        s.execute(receipts.insert().values(participant_id=participant_id, client_id=client_id, answer_id=answer.id))
        view = presenters.own_answer(answer, act)
        workshop_id = participant.workshop_id
    return (
        {"duplicate": False, "answer": view},
        [AnswersChanged(workshop_id, act.id), OwnAnswersChanged(workshop_id, participant_id)],
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
        answer = s.get(Answer, answer_id) if isinstance(answer_id, int) else None
        if answer is None or answer.participant_id != participant_id:
            raise NotFound(N_("This answer does not exist."))
        act = s.get(Activity, answer.activity_id)
        answer_rules.withdraw_answer(act)
        s.delete(answer)
        workshop_id = act.workshop_id
    return [AnswersChanged(workshop_id, act.id), OwnAnswersChanged(workshop_id, participant_id)]


def own_answers(db: Database, participant_id: int, activity_id: int | None = None) -> list[dict]:
    """A participant's answers, to read back on their phone (all activities, or one)."""
    with db.session() as s:
        query = select(Answer).where(Answer.participant_id == participant_id).order_by(Answer.id)
        if activity_id is not None:
            query = query.where(Answer.activity_id == activity_id)
        found = list(s.scalars(query))
        acts = {a.id: a for a in s.scalars(select(Activity).where(Activity.id.in_({x.activity_id for x in found})))}
        return [presenters.own_answer(a, acts[a.activity_id]) for a in found]


# --- facilitating ------------------------------------------------------------------------------


def control(db: Database, workshop_id: int, action, activity_id=None) -> list:
    """Carry out a facilitator action on the agenda (open, close, reveal, hide, next, lobby)."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        agenda = _agenda(s, workshop_id)
        act = _activity(s, workshop_id, activity_id) if activity_id is not None else None
        lifecycle.apply(action, workshop, act, agenda)
        touched = [a.id for a in agenda if a.id in {activity_id, workshop.current_activity_id}]
    return [AgendaChanged(workshop_id)] + [AnswersChanged(workshop_id, a) for a in touched]


def add_activity(db: Database, workshop_id: int, item) -> tuple[dict, list]:
    """Append an activity to the agenda, also while the workshop runs."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        agenda = _agenda(s, workshop_id)
        if len(agenda) >= MAX_ACTIVITIES:
            raise LimitReached(N_("%(field)s can have at most %(max)d items."), field="agenda", max=MAX_ACTIVITIES)
        act = clean_activity(item, workshop.language)
        act.workshop_id = workshop_id
        act.position = (agenda[-1].position + 1) if agenda else 0
        s.add(act)
        s.flush()
        view = presenters.activity(act)
    return view, [AgendaChanged(workshop_id)]


# --- reading state and results -----------------------------------------------------------------


def state(db: Database, workshop_id: int, audience: str, participant_id: int | None = None) -> dict:
    """The snapshot a phone, screen or control view renders from."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        agenda = _agenda(s, workshop_id)
        current = next((a for a in agenda if a.id == workshop.current_activity_id), None)
        payload = {
            "workshop": presenters.workshop(workshop, _organisations(s, workshop_id)),
            "current": presenters.activity(current) if current else None,
            "agenda_length": len(agenda),
        }
        if audience == FACILITATOR_ROLE:
            payload["agenda"] = [presenters.activity(a) for a in agenda]
            payload["presence"] = _presence(s, workshop_id)
            payload["screen_key"] = workshop.screen_key
        elif audience == SCREEN_ROLE:
            payload["presence"] = _presence(s, workshop_id)
        else:
            participant = s.get(Participant, participant_id)
            payload["participant"] = presenters.participant(participant)
            mine = []
            if current is not None:
                rows = s.scalars(
                    select(Answer).where(Answer.activity_id == current.id, Answer.participant_id == participant_id).order_by(Answer.id)
                )
                mine = [presenters.own_answer(a, current) for a in rows]
            payload["mine"] = mine
    return payload


def results(db: Database, workshop_id: int, activity_id, audience: str = SCREEN, presence: str | None = None) -> dict:
    """Results of one activity, computed from the stored answers."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        act = _activity(s, workshop_id, activity_id)
        ctx = ResultContext(
            workshop=workshop,
            activity=act,
            organisations=_organisations(s, workshop_id),
            participants=_participants(s, workshop_id),
            answers=list(s.scalars(select(Answer).where(Answer.activity_id == act.id).order_by(Answer.id))),
            connected=_connected(s, workshop_id),
            audience=audience,
            presence=presence if presence in ("room", "remote") else None,
        )
        payload = build_results(ctx, get_kind(act.kind))
    if audience == SCREEN and not act.results_visible:
        # Until the facilitator reveals them, the projector shows only how many answered.
        payload["data"] = None
    return payload


def all_results(db: Database, workshop_id: int, presence: str | None = None) -> list[dict]:
    """Results of every activity that has been opened, for the API and exports."""
    with db.session() as s:
        ids = [a.id for a in _agenda(s, workshop_id) if a.state != "draft"]
    return [results(db, workshop_id, i, FACILITATOR, presence) for i in ids]


def health(db: Database) -> bool:
    """True when the database answers."""
    return db.ping()
