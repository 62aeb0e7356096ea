"""What every kind's results share: grouping per organisation, participation balance, privacy."""

from collections import defaultdict
from dataclasses import dataclass, field

from .model import Activity, Answer, Goal, Organisation, Participant, Workshop

SCREEN, FACILITATOR = "screen", "facilitator"


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

    def __post_init__(self):
        if self.presence:
            self.answers = [a for a in self.answers if self.participants[a.participant_id].presence == self.presence]

    @property
    def visible(self) -> list[Answer]:
        """Answers not hidden by moderation; only these count in results."""
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
        groups: dict[int, set[int]] = defaultdict(set)
        for answer in self.visible if answers is None else answers:
            groups[self.organisation_of(answer)].add(answer.participant_id)
        return groups

    def shown_organisations(self, answers: list[Answer] | None = None) -> set[int]:
        """Organisations with enough answerers for their own breakdown (small-group privacy)."""
        threshold = self.workshop.privacy_threshold
        return {org for org, people in self.respondents_by_organisation(answers).items() if len(people) >= threshold}


def participation_balance(ctx: ResultContext) -> list[dict]:
    """Per organisation: connected participants and how many of them answered; counts only."""
    answered = ctx.respondents_by_organisation(ctx.answers)
    rows = []
    for org in ctx.organisations:
        members = {pid for pid, p in ctx.participants.items() if p.organisation_id == org.id}
        if ctx.presence:
            members = {pid for pid in members if ctx.participants[pid].presence == ctx.presence}
        connected = members & ctx.connected
        rows.append(
            {
                "organisation_id": org.id,
                "joined": len(members),
                "connected": len(connected),
                "answered": len(answered.get(org.id, set())),
                "answered_connected": len(answered.get(org.id, set()) & connected),
            }
        )
    return rows


def build_results(ctx: ResultContext, kind) -> dict:
    """The payload screens and the API show for one activity."""
    visible = ctx.visible
    return {
        "activity_id": ctx.activity.id,
        "kind": ctx.activity.kind,
        "state": ctx.activity.state,
        "results_visible": ctx.activity.results_visible,
        "round": ctx.activity.round,
        "presence": ctx.presence,
        "answers": len(visible),
        "respondents": len({a.participant_id for a in visible}),
        "privacy_threshold": ctx.workshop.privacy_threshold,
        "balance": participation_balance(ctx),
        "data": kind.aggregate(ctx),
    }
