"""Participants' answers, and the facilitator's moderation of them."""

from dataclasses import dataclass

from sqlalchemy import bindparam, delete, select, update
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
from ..storage.bulk import among, insert_rows
from ..storage.database import Database
from ..storage.tables import answers as answer_rows
from ..storage.tables import participants as participant_rows
from ..storage.tables import receipts, utcnow
from . import queries as q
from .conflicts import retried

ROW_COLUMNS = (
    answer_rows.c.id,
    answer_rows.c.activity_id,
    answer_rows.c.participant_id,
    answer_rows.c.client_id,
    answer_rows.c.slot,
    answer_rows.c.payload,
)


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
        batch = _Batch(s, [(submissions[i], client_ids[i]) for i in client_ids])
        for i, sub in enumerate(submissions):
            if i in client_ids:
                outcomes[i] = batch.take(sub, client_ids[i])
        batch.write()
        return [batch.outcome(o) for o in outcomes]


class _Row:
    """An answer as a batch reads and writes it: plain attributes, none of the ORM's bookkeeping per row."""

    __slots__ = ("id", "activity_id", "participant_id", "client_id", "slot", "payload")

    def __init__(self, id, activity_id, participant_id, client_id, slot, payload):
        self.id, self.activity_id, self.participant_id = id, activity_id, participant_id
        self.client_id, self.slot, self.payload = client_id, slot, payload


class _Batch:
    """The rows one batch of submissions reads, and what it will write (SQL Core: a burst is thousands)."""

    def __init__(self, s, items):
        self.s = s
        pids = {sub.participant_id for sub, _ in items}
        locked = (
            select(participant_rows.c.id, participant_rows.c.workshop_id)
            .where(among(s, participant_rows.c.id, pids))
            .order_by(participant_rows.c.id)
            .with_for_update()
        )
        self.people = {row.id: row for row in s.execute(locked)}
        keys = {(sub.participant_id, cid) for sub, cid in items}
        found = s.execute(
            select(receipts.c.participant_id, receipts.c.client_id, receipts.c.answer_id).where(
                among(s, receipts.c.participant_id, pids), among(s, receipts.c.client_id, {cid for _, cid in keys})
            )
        )
        # (participant, client id) -> the answer stored for it: an id from earlier, a _Row from this batch.
        self.receipts: dict = {(pid, cid): answer_id for pid, cid, answer_id in found if (pid, cid) in keys}
        act_ids = {sub.activity_id for sub, _ in items if is_identifier(sub.activity_id)}
        self.acts = {a.id: a for a in s.scalars(select(Activity).where(Activity.id.in_(act_ids)))} if act_ids else {}
        self.goals = q.goals_of(s, {p.workshop_id for p in self.people.values()})
        self.mine: dict[tuple[int, int], list[_Row]] = {}
        if self.acts and self.people:
            own = select(*ROW_COLUMNS).where(
                answer_rows.c.activity_id.in_(self.acts), among(s, answer_rows.c.participant_id, self.people)
            )
            for row in s.execute(own.order_by(answer_rows.c.id)):
                self.mine.setdefault((row.activity_id, row.participant_id), []).append(_Row(*row))
        self.gone: list[int] = []
        # Rows to write, by identity: a row changed twice in one batch is written once.
        self.changed: dict[int, _Row] = {}
        self.new_receipts: list[tuple[tuple[int, str], _Row]] = []

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
            decision = answer_rules.decide_answer(act, ctx, sub.payload, client_id)
        except DomainError as err:
            return err
        if decision.in_place:
            row = decision.earlier
            row.payload, row.client_id = decision.payload, client_id
        else:
            if decision.earlier is not None:
                rows.remove(decision.earlier)
                if decision.earlier.id is not None:
                    self.gone.append(decision.earlier.id)
                # Taken earlier in this batch and replaced already: it is never written at all.
                self.changed.pop(id(decision.earlier), None)
            row = _Row(None, act.id, participant.id, client_id, decision.slot, decision.payload)
            rows.append(row)
        self.changed[id(row)] = row
        self.receipts[key] = row
        self.new_receipts.append((key, row))
        return ("stored", row)

    def write(self) -> None:
        """Everything the batch took, in a few statements."""
        if self.gone:
            # The one-answer-per-slot key: the old rows must go before their replacements come.
            self.s.execute(delete(answer_rows).where(answer_rows.c.id.in_(self.gone)))
        updated = [r for r in self.changed.values() if r.id is not None]
        if updated:
            self.s.execute(
                update(answer_rows).where(answer_rows.c.id == bindparam("row_id")),
                [{"row_id": r.id, "payload": r.payload, "client_id": r.client_id} for r in updated],
            )
        new = {(r.participant_id, r.client_id): r for r in self.changed.values() if r.id is None}
        now = utcnow()
        values = [
            {
                "activity_id": r.activity_id,
                "participant_id": r.participant_id,
                "client_id": r.client_id,
                "slot": r.slot,
                "payload": r.payload,
                "hidden": False,
                "created_at": now,
                "updated_at": now,
            }
            for r in new.values()
        ]
        for answer_id, pid, cid in insert_rows(self.s, answer_rows, values, ("id", "participant_id", "client_id")):
            new[(pid, cid)].id = answer_id
        receipt_rows = [
            {"participant_id": pid, "client_id": cid, "answer_id": r.id, "created_at": now} for (pid, cid), r in self.new_receipts
        ]
        insert_rows(self.s, receipts, receipt_rows)

    def outcome(self, taken):
        """What the submitter is told, and what changed, once the batch is written."""
        if not isinstance(taken, tuple):
            return taken
        what, row = taken
        if what == "duplicate":
            answer = row if isinstance(row, _Row) else (self.s.get(Answer, row) if row else None)
            act = (self.acts.get(answer.activity_id) or self.s.get(Activity, answer.activity_id)) if answer else None
            return ({"duplicate": True, "answer": presenters.own_answer(answer, act) if answer and answer.id else None}, [])
        act = self.acts[row.activity_id]
        own = [presenters.own_answer(r, act) for r in self.mine[(act.id, row.participant_id)]]
        changed = [
            AnswersChanged(act.workshop_id, act.id),
            OwnAnswersChanged(act.workshop_id, row.participant_id, act.id, own),
        ]
        return ({"duplicate": False, "answer": presenters.own_answer(row, act), "mine": own}, changed)


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
        answer = q.shown_answer(s, workshop_id, answer_id)
        answer_rules.set_hidden(answer, hidden)
        activity_id = answer.activity_id
    return [AnswersChanged(workshop_id, activity_id)]


@retried
def merge(db: Database, workshop_id: int, keep_id, answer_ids) -> list:
    """Merge duplicate answers into one; the duplicates stay in the data, hidden and marked."""
    with db.session() as s:
        q.locked_workshop(s, workshop_id)
        keep = q.shown_answer(s, workshop_id, keep_id)
        duplicates = [q.shown_answer(s, workshop_id, i) for i in goal_rules.source_ids(answer_ids)]
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
