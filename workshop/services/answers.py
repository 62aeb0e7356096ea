"""Participants' answers, and the facilitator's moderation of them."""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import presenters
from ..domain import answers as answer_rules
from ..domain import goals as goal_rules
from ..domain.errors import DomainError, NotAllowed, NotFound
from ..domain.events import AnswersChanged, OwnAnswersChanged
from ..domain.fields import is_identifier
from ..domain.i18n import N_
from ..domain.kinds import AnswerContext, get_kind
from ..domain.model import Activity, Answer, Participant
from ..storage.database import Database
from ..storage.tables import receipts
from . import queries as q
from .conflicts import retried


@dataclass
class Submission:
    """One phone's `submit`, as the writer queues it."""

    participant_id: int
    activity_id: object
    client_id: object
    payload: object


@retried
def submit_answers(db: Database, submissions: list[Submission]) -> list[tuple[dict, list] | DomainError]:
    """Store a batch of submissions in one transaction; each gets its outcome or its domain error.

    Group commit: a handful of statements for the whole batch, whatever its size. The participants'
    rows are locked first (in id order, so two batches never deadlock), so one answer per participant
    and answer limits hold against every other writer too. Within the batch, later submissions see
    what earlier ones stored. A retry (same participant and client id) is stored once.
    """
    outcomes: list = [None] * len(submissions)
    client_ids: dict[int, str] = {}
    for i, sub in enumerate(submissions):
        try:
            client_ids[i] = answer_rules.clean_client_id(sub.client_id)
        except DomainError as err:
            outcomes[i] = err
    if not client_ids:
        return outcomes
    with db.session() as s:
        batch = _Batch(s, [(i, submissions[i], client_ids[i]) for i in client_ids])
        for i, sub in enumerate(submissions):
            if i in client_ids:
                outcomes[i] = batch.take(sub, client_ids[i])
        batch.write()
        return [batch.outcome(o) for o in outcomes]


class _Batch:
    """The rows one batch of submissions reads, and what it will write."""

    def __init__(self, s, items):
        self.s = s
        pids = {sub.participant_id for _, sub, _ in items}
        locked = select(Participant).where(Participant.id.in_(pids)).order_by(Participant.id).with_for_update()
        self.people = {p.id: p for p in s.scalars(locked)}
        keys = {(sub.participant_id, cid) for _, sub, cid in items}
        found = s.execute(
            select(receipts.c.participant_id, receipts.c.client_id, receipts.c.answer_id).where(
                receipts.c.participant_id.in_(pids), receipts.c.client_id.in_({cid for _, cid in keys})
            )
        )
        # (participant, client id) -> the answer stored for it: an id from earlier, an Answer from this batch.
        self.receipts: dict = {(pid, cid): answer_id for pid, cid, answer_id in found if (pid, cid) in keys}
        act_ids = {sub.activity_id for _, sub, _ in items if is_identifier(sub.activity_id)}
        self.acts = {a.id: a for a in s.scalars(select(Activity).where(Activity.id.in_(act_ids)))} if act_ids else {}
        self.goals = q.goals_of(s, {p.workshop_id for p in self.people.values()})
        self.mine: dict[tuple[int, int], list[Answer]] = {}
        if self.acts and self.people:
            own = select(Answer).where(Answer.activity_id.in_(self.acts), Answer.participant_id.in_(self.people))
            for a in s.scalars(own.order_by(Answer.id)):
                self.mine.setdefault((a.activity_id, a.participant_id), []).append(a)
        self.gone: list[Answer] = []
        self.fresh: list[Answer] = []
        self.new_receipts: list[tuple[tuple[int, str], Answer]] = []

    def take(self, sub: Submission, client_id: str):
        """Check one submission against what is stored and what this batch took before it."""
        key = (sub.participant_id, client_id)
        if key in self.receipts:
            # A retry of something already stored: answer as before, change nothing.
            return ("duplicate", self.receipts[key])
        participant = self.people.get(sub.participant_id)
        if participant is None:
            return NotAllowed(N_("Join the workshop first."))
        act = self.acts.get(sub.activity_id) if is_identifier(sub.activity_id) else None
        if act is None or act.workshop_id != participant.workshop_id:
            return NotFound(N_("This activity does not exist."))
        rows = self.mine.setdefault((act.id, participant.id), [])
        ctx = AnswerContext(participant=participant, goals=self.goals.get(participant.workshop_id, []), mine=rows)
        try:
            answer = answer_rules.accept_answer(act, ctx, sub.payload, client_id)
        except DomainError as err:
            return err
        if rows and answer is not rows[0] and not get_kind(act.kind).many_answers:
            replaced = rows.pop(0)
            if any(a is replaced for a in self.fresh):
                self.fresh = [a for a in self.fresh if a is not replaced]  # taken earlier in this batch, never written
            else:
                self.gone.append(replaced)
        if not any(a is answer for a in rows):
            rows.append(answer)
            self.fresh.append(answer)
        self.receipts[key] = answer
        self.new_receipts.append((key, answer))
        return ("stored", answer)

    def write(self) -> None:
        """Everything the batch took, in a few statements."""
        for answer in self.gone:
            self.s.delete(answer)
        if self.gone:
            # The one-answer-per-slot key: the old row must go before its replacement comes.
            self.s.flush()
        self.s.add_all(self.fresh)
        self.s.flush()
        if self.new_receipts:
            rows = [{"participant_id": pid, "client_id": cid, "answer_id": a.id} for (pid, cid), a in self.new_receipts]
            self.s.execute(receipts.insert(), rows)

    def outcome(self, taken):
        """What the submitter is told, and what changed, once the batch is written."""
        if not isinstance(taken, tuple):
            return taken
        what, answer = taken
        if what == "duplicate":
            if not isinstance(answer, Answer):
                answer = self.s.get(Answer, answer) if answer else None
            act = (self.acts.get(answer.activity_id) or self.s.get(Activity, answer.activity_id)) if answer else None
            return ({"duplicate": True, "answer": presenters.own_answer(answer, act) if answer and answer.id else None}, [])
        act = self.acts[answer.activity_id]
        own = [presenters.own_answer(a, act) for a in self.mine[(act.id, answer.participant_id)]]
        changed = [
            AnswersChanged(act.workshop_id, act.id),
            OwnAnswersChanged(act.workshop_id, answer.participant_id, act.id, own),
        ]
        return ({"duplicate": False, "answer": presenters.own_answer(answer, act), "mine": own}, changed)


def submit_answer(db: Database, participant_id: int, activity_id, client_id, payload) -> tuple[dict, list]:
    """Store an answer once however often it is retried; returns the stored answer and what changed."""
    [outcome] = submit_answers(db, [Submission(participant_id, activity_id, client_id, payload)])
    if isinstance(outcome, DomainError):
        raise outcome
    return outcome


def submit_answer_safely(db: Database, participant_id: int, activity_id, client_id, payload) -> tuple[dict, list]:
    """Like submit_answer, but a race between two retries of one submission still stores it once."""
    try:
        return submit_answer(db, participant_id, activity_id, client_id, payload)
    except IntegrityError:
        # The other retry committed first; its receipt now answers this one.
        return submit_answer(db, participant_id, activity_id, client_id, payload)


@retried
def withdraw_answer(db: Database, participant_id: int, answer_id) -> list:
    """A participant takes back one of their answers while the activity is open."""
    with db.session() as s:
        # The participant's answers change one writer at a time (see submit_answers).
        s.get(Participant, participant_id, with_for_update=True)
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


@retried
def moderate(db: Database, workshop_id: int, answer_id, hidden) -> list:
    """Hide an answer from results, or show it again; it stays in the data and exports, marked."""
    with db.session() as s:
        q.locked_workshop(s, workshop_id)
        answer = q.answer_in(s, workshop_id, answer_id)
        answer_rules.set_hidden(answer, hidden)
        activity_id = answer.activity_id
    return [AnswersChanged(workshop_id, activity_id)]


@retried
def merge(db: Database, workshop_id: int, keep_id, answer_ids) -> list:
    """Merge duplicate answers into one; the duplicates stay in the data, hidden and marked."""
    with db.session() as s:
        q.locked_workshop(s, workshop_id)
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
