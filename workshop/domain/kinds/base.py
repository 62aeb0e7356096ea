"""The extension point every activity kind implements."""

from dataclasses import dataclass, field

from .. import fields
from ..errors import InvalidInput
from ..i18n import N_
from ..model import Answer, Goal, Participant


@dataclass
class AnswerContext:
    """What a kind may need to check an answer beyond its own settings."""

    participant: Participant
    goals: list[Goal] = field(default_factory=list)
    mine: list[Answer] = field(default_factory=list)

    def goal_ids(self, adopted_only: bool = False) -> set[int]:
        """Ids of the workshop's goals (or only the adopted ones)."""
        return {g.id for g in self.goals if g.adopted or not adopted_only}


class ActivityKind:
    """One kind of activity: its settings, what a phone may send, and its results.

    A kind lives in its own module in this package and exposes an instance as `KIND`;
    its browser part is static/js/kinds/<name>.js.
    """

    name = ""
    label = ""
    # Several answers per participant, each its own row; otherwise one answer that is replaced.
    many_answers = False
    # Whether the projector shows results while answers come in, until the facilitator hides them.
    results_visible_by_default = True
    # False for kinds the facilitator fills (e.g. composing goals); phones only watch.
    takes_answers = True
    # Texts the browser part shows, marked for translation; keys are used as "<kind>.<key>".
    ui_strings: dict[str, str] = {}

    def default_config(self, language: str) -> dict:
        """Settings a new activity of this kind starts with."""
        return {}

    def clean_config(self, config: dict, language: str) -> dict:
        """Check the facilitator's settings; unknown keys are dropped."""
        return {}

    def clean_answer(self, config: dict, payload, ctx: AnswerContext) -> dict:
        """Check what a phone sent; return the payload to store."""
        raise NotImplementedError

    def needs_new_row(self, old: dict, new: dict) -> bool:
        """Store a changed one-answer as a fresh row (new id) rather than in place.

        Reflections do when their sharing changes: a facilitator who saw answer N with a name
        must not recognise answer N once its author shares it anonymously.
        """
        return False

    def answer_limit(self, config: dict) -> int | None:
        """How many answers one participant may give (only for `many_answers` kinds)."""
        return None

    def aggregate(self, ctx) -> dict:
        """Results computed from the stored answers in `ctx`."""
        raise NotImplementedError

    def own_view(self, answer: Answer) -> dict:
        """An answer as its author reads it back on the phone."""
        return dict(answer.payload)


def localised(value, language: str, *, name: str, max_length: int, required: bool = True) -> str:
    """A text that may be given per language, as {"nl": ..., "en": ...}."""
    if isinstance(value, dict):
        value = value.get(language) or next((v for v in value.values() if v), "")
    return fields.text(value, max_length=max_length, required=required, name=name)


def localised_list(value, language: str, *, name: str, max_items: int, max_length: int, min_items: int = 0):
    """A list of texts that may be given per language."""
    if isinstance(value, dict):
        value = value.get(language) or next((v for v in value.values() if v), [])
    if value is None:
        return []
    return fields.text_list(value, max_items=max_items, max_length=max_length, min_items=min_items, name=name)


def require_mapping(payload) -> dict:
    """Answers are JSON objects."""
    if not isinstance(payload, dict):
        raise InvalidInput(N_("%(field)s must be an object."), field="answer")
    return payload
