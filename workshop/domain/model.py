"""The things a workshop is made of, as plain dataclasses."""

from dataclasses import dataclass, field
from datetime import datetime

# Who is on the other end: the role of a connection, and the audience results are made for.
PARTICIPANT, SCREEN, FACILITATOR = "participant", "screen", "facilitator"
DRAFT, OPEN, CLOSED = "draft", "open", "closed"
ACTIVITY_STATES = (DRAFT, OPEN, CLOSED)
IN_ROOM, REMOTE = "room", "remote"
PRESENCES = (IN_ROOM, REMOTE)
LANGUAGES = ("nl", "en")

# Okabe-Ito: a colour-blind-safe set, in the order organisations get them.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
DEFAULT_ROLES = ("bestuurder", "manager", "medewerker", "adviseur", "other")
DEFAULT_PRIVACY_THRESHOLD = 3
# A workshop and everything in it is deleted this many days after it was created, unless set otherwise.
DEFAULT_RETENTION_DAYS = 90
MAX_RETENTION_DAYS = 730
MIN_PRIVACY_THRESHOLD, MAX_PRIVACY_THRESHOLD = 1, 50


@dataclass
class Organisation:
    """A party in the partnership; participants come from one."""

    name: str
    colour: str
    position: int = 0
    # The same organisation in the workshop's partnership, so it keeps its identity across workshops.
    partner_id: int | None = None
    id: int | None = None
    workshop_id: int | None = None


@dataclass
class Partnership:
    """Organisations that meet in several workshops over time; the thread runs through them."""

    name: str
    language: str
    code: str = ""
    token_hash: str = ""
    created_at: datetime | None = None
    id: int | None = None


@dataclass
class PartnerOrganisation:
    """An organisation of a partnership, with the colour it has in every one of its workshops."""

    name: str
    colour: str
    position: int = 0
    id: int | None = None
    partnership_id: int | None = None


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
    # Set when the facilitator closed the round before every organisation met its quorum (see quorum.py).
    closed_early: dict | None = None
    # Set when the facilitator deleted the activity while it had answers; it then stays only in exports.
    removed_at: datetime | None = None
    id: int | None = None
    workshop_id: int | None = None


@dataclass
class Workshop:
    """A live session: its organisations, roles, agenda and which activity is current."""

    title: str
    language: str
    code: str = ""
    roles: list[str] = field(default_factory=list)
    settings: dict = field(default_factory=dict)
    current_activity_id: int | None = None
    # Set when the facilitator ends the session; screens then show the closing summary.
    ended_at: datetime | None = None
    # The activity the facilitator last moved on from (opened another one, or went to the lobby).
    last_activity_id: int | None = None
    expires_at: datetime | None = None
    partnership_id: int | None = None
    id: int | None = None
    # Secrets as stored: the control token only as its hash; the screen key as it is (it gives no powers).
    control_token_hash: str = ""
    screen_key: str = ""
    created_at: datetime | None = None

    @property
    def ended(self) -> bool:
        """The session was ended and not resumed since."""
        return self.ended_at is not None

    @property
    def privacy_threshold(self) -> int:
        """Fewer answerers than this and an organisation's breakdown stays hidden."""
        return int(self.settings.get("privacy_threshold", DEFAULT_PRIVACY_THRESHOLD))

    @property
    def bilingual(self) -> bool:
        """Activity texts are given in both languages; participants read them in the one they picked."""
        return bool(self.settings.get("bilingual", False))

    @property
    def retention_days(self) -> int:
        """Days after its creation that the workshop and everything in it are deleted."""
        return int(self.settings.get("retention_days", DEFAULT_RETENTION_DAYS))


@dataclass
class Participant:
    """Somebody who joined from a device; no account, only a token on the device."""

    organisation_id: int
    role: str
    presence: str = IN_ROOM
    display_name: str = ""
    id: int | None = None
    workshop_id: int | None = None
    token_hash: str = ""  # the device token, hashed; the token itself stays on the device
    created_at: datetime | None = None


@dataclass
class Goal:
    """A candidate shared goal, reworded by the facilitator from one or more ambitions."""

    text: str
    position: int = 0
    adopted: bool = False
    source_answer_ids: list[int] = field(default_factory=list)
    # The organisations behind the source ambitions, kept so results can show whose goal it is.
    organisation_ids: list[int] = field(default_factory=list)
    # What each organisation committed to the goal, {"<organisation id>": {"hours", "budget"}}, as imported
    # into a follow-up workshop; its progress review compares what was delivered with this.
    commitments: dict = field(default_factory=dict)
    # The goal of an earlier workshop this one carries on, and what became of it here: carried, changed or closed.
    origin_goal_id: int | None = None
    thread_status: str | None = None
    id: int | None = None
    workshop_id: int | None = None
    created_at: datetime | None = None


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
