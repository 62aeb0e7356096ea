"""Facts a service returns after its commit; the live layer turns them into pushes."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AgendaChanged:
    """The agenda, the current activity or an activity's state changed."""

    workshop_id: int


@dataclass(frozen=True)
class AnswersChanged:
    """Answers of one activity changed; results need recomputing."""

    workshop_id: int
    activity_id: int


@dataclass(frozen=True)
class PresenceChanged:
    """Somebody joined, connected or left."""

    workshop_id: int


@dataclass(frozen=True)
class OwnAnswersChanged:
    """A participant's own answers changed (their other tabs should show it).

    `answers` is their answers to the activity as just stored, when the service had them at hand.
    """

    workshop_id: int
    participant_id: int
    activity_id: int
    answers: list | None = field(default=None, compare=False)


@dataclass(frozen=True)
class WorkshopDeleted:
    """The workshop and everything in it are gone (by the facilitator, or its retention ran out)."""

    workshop_id: int


@dataclass(frozen=True)
class ParticipantForgotten:
    """A participant deleted their answers and left for good."""

    workshop_id: int
    participant_id: int


@dataclass(frozen=True)
class ManyJoinsFromOneAddress:
    """One network address has now joined `participants` people to the workshop (shared Wi-Fi, or stuffing)."""

    workshop_id: int
    participants: int
