"""Rules for taking a participant's answer, and for moderating answers."""

from dataclasses import dataclass

from . import fields
from .errors import ActivityNotOpen, InvalidInput, LimitReached, NotFound
from .i18n import N_
from .kinds import AnswerContext, get_kind
from .model import OPEN, Activity, Answer

MAX_CLIENT_ID = 64


def clean_client_id(value) -> str:
    """The id a phone gives each submission, so that a retry is stored once."""
    if not isinstance(value, str) or not 8 <= len(value) <= MAX_CLIENT_ID:
        raise InvalidInput(N_("%(field)s must be text of 8 to 64 characters."), field="client_id")
    return fields.storable(value, name="client_id")


@dataclass(frozen=True)
class Decision:
    """How to store an answer the rules accepted."""

    payload: dict
    # "" for kinds with one answer per participant (the unique key's slot); the client id otherwise.
    slot: str
    # The participant's earlier answer to a one-answer kind: changed in place, or replaced by a new row.
    earlier: object | None = None
    in_place: bool = False


def decide_answer(activity: Activity, ctx: AnswerContext, payload, client_id: str) -> Decision:
    """Check an answer against the activity's rules and the participant's earlier answers (`ctx.mine`)."""
    kind = get_kind(activity.kind)
    if not kind.takes_answers:
        raise InvalidInput(N_("This activity does not take answers from phones."))
    if activity.state != OPEN:
        raise ActivityNotOpen(N_("This activity is not open for answers."))
    cleaned = kind.clean_answer(activity.config, payload, ctx)
    if kind.many_answers:
        limit = kind.answer_limit(activity.config)
        if limit is not None and len(ctx.mine) >= limit:
            raise LimitReached(N_("You can give at most %(max)d answers here."), max=limit)
        return Decision(cleaned, slot=client_id)
    if ctx.mine:
        # A fresh row when the kind wants one (new id), otherwise the one answer changes in place.
        return Decision(cleaned, "", ctx.mine[0], in_place=not kind.needs_new_row(ctx.mine[0].payload, cleaned))
    return Decision(cleaned, "")


def accept_answer(activity: Activity, ctx: AnswerContext, payload, client_id: str) -> Answer:
    """Return the answer to store: a new row, or the participant's single answer updated.

    When a kind wants a fresh row for a changed one-answer, the returned answer is new and the
    caller removes the participant's earlier one.
    """
    decision = decide_answer(activity, ctx, payload, client_id)
    if decision.in_place:
        decision.earlier.payload = decision.payload
        decision.earlier.client_id = client_id
        return decision.earlier
    return Answer(
        activity_id=activity.id,
        participant_id=ctx.participant.id,
        client_id=client_id,
        payload=decision.payload,
        slot=decision.slot,
    )


def withdraw_answer(activity: Activity) -> None:
    """A participant may take back an answer only while the activity is open."""
    if activity.state != OPEN:
        raise ActivityNotOpen(N_("This activity is not open for answers."))


def merge_answers(keep: Answer, duplicates: list[Answer]) -> None:
    """Fold duplicates into one answer: they are hidden, marked, and stay in the data and exports."""
    for answer in duplicates:
        if answer.id == keep.id:
            raise InvalidInput(N_("An answer cannot be merged into itself."))
        if answer.activity_id != keep.activity_id:
            raise NotFound(N_("This answer does not exist."))
        answer.hidden = True
        answer.merged_into = keep.id


def set_hidden(answer: Answer, hidden) -> None:
    """Hide an answer from results (it stays in the data, marked); showing it again undoes a merge."""
    if not isinstance(hidden, bool):
        raise InvalidInput(N_("%(field)s must be true or false."), field="hidden")
    answer.hidden = hidden
    if not hidden:
        answer.merged_into = None
