"""The extension point every activity kind implements."""

from dataclasses import dataclass, field

from .. import fields
from ..errors import InvalidInput, InvalidTransition
from ..i18n import N_
from ..model import LANGUAGES, Answer, Goal, Participant

TEXT, TEXTS, INTEGER, INTEGERS, BOOLEAN, CHOICE = "text", "texts", "integer", "integers", "boolean", "choice"


@dataclass(frozen=True)
class Setting:
    """One of a kind's settings as the agenda editor shows it, with the limits `clean_config` enforces.

    `translatable` texts may be given per language; a `paired` list is referred to by position in
    answers, so its translation needs exactly as many items. `min`/`max` bound integers, `min_items`/
    `max_items` a list's length, `max_length` each text. `after` names a boolean this setting needs.
    """

    name: str
    type: str
    hint: str = ""
    translatable: bool = False
    paired: bool = False
    min: int | None = None
    max: int | None = None
    min_items: int = 0
    max_items: int | None = None
    max_length: int | None = None
    options: tuple = ()
    optional: bool = False
    after: str | None = None


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
    # Votes and consent rounds may wait for every organisation before they close (domain/quorum.py).
    supports_quorum = False
    # True when participants answer on behalf of their organisation; then `organisation_view` says what counts.
    speaks_for_organisation = False
    # Texts the browser part shows, marked for translation; keys are used as "<kind>.<key>".
    ui_strings: dict[str, str] = {}
    # What the agenda editor offers to set; `clean_config` is the rule, this is its description.
    settings: tuple[Setting, ...] = ()
    # Kinds about goals: which goals a round is about is decided here, not in the browser.
    uses_goals = False

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

    def organisation_view(self, ctx, organisation_id: int) -> dict | None:
        """What counts for one organisation (kinds that speak for it); shown to its own phones only."""
        return None

    def own_view(self, answer: Answer) -> dict:
        """An answer as its author reads it back on the phone."""
        return dict(answer.payload)

    def public_id(self, answer: Answer) -> int | str | None:
        """How results name this answer to the facilitator (to hide or merge it); None when never."""
        return answer.id

    def localise_results(self, data: dict, config: dict, texts: dict) -> None:
        """Put the activity's texts in another language into its results (`texts`: that translation).

        Results carry some of the facilitator's texts (poll options, scale poles); a screen reading the
        workshop's other language gets them in that language. Counts and ids stay as they are.
        """

    def round_goals(self, config: dict, goals: list[Goal]) -> list[Goal]:
        """The goals this activity is about (only for `uses_goals` kinds)."""
        return []

    def check_change(self, old: dict, new: dict, answers: list[Answer]) -> None:
        """Refuse a change of settings that would leave a stored answer invalid or change its meaning.

        Called only when the activity has answers. Texts may be reworded and limits widened; a kind
        names what else must stay (docs/protocol.md, "Editing a running activity").
        """


def keep(old: dict, new: dict, name: str, message: str) -> None:
    """A setting that answers depend on stays as it is."""
    if old.get(name) != new.get(name):
        raise InvalidTransition(message, field=name)


def at_least(new: dict, name: str, used: int, message: str) -> None:
    """A limit cannot drop below what somebody already used (`used`)."""
    limit = new.get(name)
    if limit is not None and limit < used:
        raise InvalidTransition(message, field=name, n=used)


def longest(answers: list[Answer], *keys: str) -> int:
    """The longest text stored under `keys` in the answers (0 when none)."""
    return max((len(a.payload.get(k) or "") for a in answers for k in keys), default=0)


def localised(value, language: str, *, name: str, max_length: int, required: bool = True) -> str:
    """A text that may be given per language, as {"nl": ..., "en": ...}."""
    if isinstance(value, dict):
        if any(key not in LANGUAGES or not isinstance(text, str) for key, text in value.items()):
            raise InvalidInput(N_("%(field)s must be text."), field=name)
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
