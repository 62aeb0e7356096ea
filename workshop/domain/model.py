"""The things a workshop is made of, as plain dataclasses."""

from dataclasses import dataclass, field
from datetime import datetime

DRAFT, OPEN, CLOSED = "draft", "open", "closed"
ACTIVITY_STATES = (DRAFT, OPEN, CLOSED)
IN_ROOM, REMOTE = "room", "remote"
PRESENCES = (IN_ROOM, REMOTE)
LANGUAGES = ("nl", "en")

# Okabe-Ito: a colour-blind-safe set, in the order organisations get them.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
DEFAULT_ROLES = ("bestuurder", "manager", "medewerker", "adviseur", "other")
DEFAULT_PRIVACY_THRESHOLD = 3


@dataclass
class Organisation:
    """A party in the partnership; participants come from one."""

    name: str
    colour: str
    position: int = 0
    id: int | None = None


@dataclass
class Activity:
    """One item of the agenda: a kind, its settings and where it stands."""

    kind: str
    title: str
    config: dict = field(default_factory=dict)
    state: str = DRAFT
    results_visible: bool = False
    position: int = 0
    round: int = 1
    previous_round_id: int | None = None
    timer_ends_at: datetime | None = None
    id: int | None = None


@dataclass
class Workshop:
    """A live session: its organisations, roles, agenda and which activity is current."""

    title: str
    language: str
    code: str = ""
    roles: list[str] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    current_activity_id: int | None = None
    id: int | None = None

    @property
    def privacy_threshold(self) -> int:
        """Fewer answerers than this and an organisation's breakdown stays hidden."""
        return int(self.settings.get("privacy_threshold", DEFAULT_PRIVACY_THRESHOLD))


@dataclass
class Participant:
    """Somebody who joined from a device; no account, only a token on the device."""

    organisation_id: int
    role: str
    presence: str = IN_ROOM
    display_name: str = ""
    id: int | None = None


@dataclass
class Goal:
    """A candidate shared goal, reworded by the facilitator from one or more ambitions."""

    text: str
    position: int = 0
    adopted: bool = False
    source_answer_ids: list[int] = field(default_factory=list)
    # The organisations behind the source ambitions, kept so results can show whose goal it is.
    organisation_ids: list[int] = field(default_factory=list)
    id: int | None = None


@dataclass
class Answer:
    """What one participant gave to one activity; `payload` depends on the kind."""

    activity_id: int
    participant_id: int
    client_id: str
    payload: dict
    slot: str = ""
    hidden: bool = False
    # Set when moderation merged this answer into a duplicate; it then counts with that one.
    merged_into: int | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    id: int | None = None
