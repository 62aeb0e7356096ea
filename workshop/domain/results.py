"""What every kind's results share: grouping per organisation, participation balance, privacy."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from . import quorum
from .model import FACILITATOR, SCREEN, Activity, Answer, Goal, Organisation, Participant, Workshop

__all__ = ["FACILITATOR", "SCREEN", "ResultContext", "build_results", "participation_balance"]


@dataclass
class ResultContext:
    """Everything a kind needs to compute results, read from stored rows."""

    workshop: Workshop
    activity: Activity
    organisations: list[Organisation]
    participants: dict[int, Participant]
    answers: list[Answer]
    connected: set[int] = field(default_factory=set)
    audience: str = SCREEN
    presence: str | None = None
    goals: list[Goal] = field(default_factory=list)
    # Per goal, the organisations it may name (goals.named_organisations): never one below the threshold.
    goal_organisations: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self):
        if self.presence:
            self.answers = [a for a in self.answers if self.participants[a.participant_id].presence == self.presence]

    @cached_property
    def visible(self) -> list[Answer]:
        """Answers not hidden by moderation; only these count in results (computed once per push)."""
        return [a for a in self.answers if not a.hidden]

    @property
    def moderating(self) -> bool:
        """The facilitator sees hidden answers too, marked, to moderate them."""
        return self.audience == FACILITATOR

    def merged_counts(self) -> dict[int, int]:
        """How many duplicates moderation merged into each answer."""
        counts: dict[int, int] = defaultdict(int)
        for answer in self.answers:
            if answer.merged_into:
                counts[answer.merged_into] += 1
        return counts

    def display_name(self, answer: Answer) -> str:
        """The author's chosen name, for kinds where a name belongs with the answer."""
        return self.participants[answer.participant_id].display_name

    def organisation_of(self, answer: Answer) -> int:
        """The organisation the answer's author came with."""
        return self.participants[answer.participant_id].organisation_id

    def respondents_by_organisation(self, answers: list[Answer] | None = None) -> dict[int, set[int]]:
        """Distinct answerers per organisation."""
        if answers is None:
            return self._visible_respondents
        groups: dict[int, set[int]] = defaultdict(set)
        people = self.participants
        for answer in answers:
            groups[people[answer.participant_id].organisation_id].add(answer.participant_id)
        return groups

    @cached_property
    def _visible_respondents(self) -> dict[int, set[int]]:
        return self.respondents_by_organisation(self.visible)

    def shown_organisations(self, answers: list[Answer] | None = None) -> set[int]:
        """Organisations with enough answerers for their own breakdown (small-group privacy)."""
        threshold = self.workshop.privacy_threshold
        return {org for org, people in self.respondents_by_organisation(answers).items() if len(people) >= threshold}


def participation_balance(ctx: ResultContext) -> list[dict]:
    """Per organisation: who joined, is connected, answered, and who is still awaited; counts only.

    An answer counts once the server has stored it: a phone that is offline with its answer kept in its
    outbox has not answered yet, and is counted in `offline` (joined, not connected, no answer), so the
    facilitator sees whom they wait for without anyone being named.
    """
    answered = ctx.respondents_by_organisation(ctx.answers)
    members: dict[int, set[int]] = defaultdict(set)
    for pid, p in ctx.participants.items():
        if not ctx.presence or p.presence == ctx.presence:
            members[p.organisation_id].add(pid)
    rows = []
    for org in ctx.organisations:
        group = members[org.id]
        connected = group & ctx.connected
        done = answered.get(org.id, set()) & group
        rows.append(
            {
                "organisation_id": org.id,
                "joined": len(members[org.id]),
                "connected": len(connected),
                "answered": len(done),
                "answered_connected": len(done & connected),
                "waiting": len(connected - done),
                "offline": len(group - connected - done),
            }
        )
    return rows


def build_results(ctx: ResultContext, kind) -> dict:
    """The payload screens and the API show for one activity.

    A split (room or remote) with fewer answerers than the privacy threshold shows counts only: one
    remote person's "anonymous" answer would otherwise be theirs for all to see.
    """
    visible = ctx.visible
    balance = participation_balance(ctx)
    respondents = len({a.participant_id for a in visible})
    withheld = ctx.presence is not None and 0 < respondents < ctx.workshop.privacy_threshold
    return {
        "activity_id": ctx.activity.id,
        "kind": ctx.activity.kind,
        "state": ctx.activity.state,
        "results_visible": ctx.activity.results_visible,
        "round": ctx.activity.round,
        "presence": ctx.presence,
        "answers": len(visible),
        "respondents": respondents,
        "privacy_threshold": ctx.workshop.privacy_threshold,
        "balance": balance,
        "quorum": quorum.status(ctx.activity, balance),
        "withheld": withheld,
        "data": None if withheld else kind.aggregate(ctx),
    }
