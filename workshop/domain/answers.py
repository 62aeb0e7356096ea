"""Rules for taking a participant's answer, and for moderating answers."""

from .errors import ActivityNotOpen, InvalidInput, LimitReached, NotFound
from .i18n import N_
from .kinds import AnswerContext, get_kind
from .model import OPEN, Activity, Answer

MAX_CLIENT_ID = 64


def clean_client_id(value) -> str:
    """The id a phone gives each submission, so that a retry is stored once."""
    if not isinstance(value, str) or not 8 <= len(value) <= MAX_CLIENT_ID:
        raise InvalidInput(N_("%(field)s must be text of 8 to 64 characters."), field="client_id")
    return value


def accept_answer(activity: Activity, ctx: AnswerContext, payload, client_id: str) -> Answer:
    """Return the answer to store: a new row, or the participant's single answer updated.

    When a kind wants a fresh row for a changed one-answer, the returned answer is new and the
    caller removes the participant's earlier one.
    """
    kind = get_kind(activity.kind)
    if not kind.takes_answers:
        raise InvalidInput(N_("This activity does not take answers from phones."))
    if activity.state != OPEN:
        raise ActivityNotOpen(N_("This activity is not open for answers."))
    cleaned = kind.clean_answer(activity.config, payload, ctx)
    participant_id = ctx.participant.id
    if kind.many_answers:
        limit = kind.answer_limit(activity.config)
        if limit is not None and len(ctx.mine) >= limit:
            raise LimitReached(N_("You can give at most %(max)d answers here."), max=limit)
        return Answer(
            activity_id=activity.id, participant_id=participant_id, client_id=client_id, payload=cleaned, slot=client_id
        )
    if ctx.mine and not kind.needs_new_row(ctx.mine[0].payload, cleaned):
        answer = ctx.mine[0]
        answer.payload = cleaned
        answer.client_id = client_id
        return answer
    return Answer(activity_id=activity.id, participant_id=participant_id, client_id=client_id, payload=cleaned)


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


def set_hidden(answer: Answer, hidden: bool) -> None:
    """Hide an answer from results (it stays in the data, marked); showing it again undoes a merge."""
    answer.hidden = bool(hidden)
    if not hidden:
        answer.merged_into = None
