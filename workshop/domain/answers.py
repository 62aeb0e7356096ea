"""Rules for taking a participant's answer."""
from .errors import ActivityNotOpen, InvalidInput, LimitReached
from .i18n import N_
from .kinds import get_kind
from .model import OPEN, Activity, Answer, Participant

MAX_CLIENT_ID = 64


def clean_client_id(value) -> str:
    """The id a phone gives each submission, so that a retry is stored once."""
    if not isinstance(value, str) or not 8 <= len(value) <= MAX_CLIENT_ID:
        raise InvalidInput(N_("%(field)s must be text of 8 to 64 characters."), field="client_id")
    return value


def accept_answer(activity: Activity, participant: Participant, mine: list[Answer], payload, client_id: str) -> Answer:
    """Return the answer to store: a new row, or the participant's single answer updated."""
    if activity.state != OPEN:
        raise ActivityNotOpen(N_("This activity is not open for answers."))
    kind = get_kind(activity.kind)
    cleaned = kind.clean_answer(activity.config, payload)
    if kind.many_answers:
        limit = kind.answer_limit(activity.config)
        if limit is not None and len(mine) >= limit:
            raise LimitReached(N_("You can give at most %(max)d answers here."), max=limit)
        return Answer(activity_id=activity.id, participant_id=participant.id, client_id=client_id, payload=cleaned, slot=client_id)
    if mine:
        answer = mine[0]
        answer.payload = cleaned
        answer.client_id = client_id
        return answer
    return Answer(activity_id=activity.id, participant_id=participant.id, client_id=client_id, payload=cleaned)


def withdraw_answer(activity: Activity) -> None:
    """A participant may take back an answer only while the activity is open."""
    if activity.state != OPEN:
        raise ActivityNotOpen(N_("This activity is not open for answers."))
