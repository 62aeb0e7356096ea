"""One read of a workshop for the report and the exports: every activity's results, computed from stored rows."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from ..domain.kinds import get_kind
from ..domain.model import DRAFT, IN_ROOM, REMOTE, Activity, Answer, Goal, Organisation, Participant, Workshop
from ..domain.results import FACILITATOR, ResultContext, build_results
from ..services import queries as q
from ..storage.database import Database

# Kinds whose results the report also shows split in the room versus remote (counts and choices, no texts).
SPLIT_KINDS = ("poll", "scale", "team_phase", "dot_voting")


@dataclass
class ActivityReport:
    """One activity with its results as the facilitator sees them (hidden answers included, marked)."""

    activity: Activity
    results: dict
    answers: list[Answer]
    # {"room": results, "remote": results}, only when both groups have at least the threshold of people.
    split: dict[str, dict] = field(default_factory=dict)

    @property
    def data(self) -> dict:
        return self.results["data"]

    @property
    def hidden(self) -> list[Answer]:
        """Answers moderation hid (or merged into another); they count nowhere but the appendix."""
        return [a for a in self.answers if a.hidden]


@dataclass
class Report:
    """Everything the report page, the CSV files and the workbook are made from."""

    workshop: Workshop
    organisations: list[Organisation]
    participants: dict[int, Participant]
    goals: list[Goal]
    activities: list[ActivityReport]

    @property
    def threshold(self) -> int:
        return self.workshop.privacy_threshold

    def organisation(self, organisation_id) -> Organisation | None:
        """The organisation with this id, or None (pooled or unknown)."""
        return next((o for o in self.organisations if o.id == organisation_id), None)

    def goal(self, goal_id) -> Goal | None:
        return next((g for g in self.goals if g.id == goal_id), None)

    def activity(self, activity_id) -> ActivityReport | None:
        return next((a for a in self.activities if a.activity.id == activity_id), None)

    def goals_of_answer(self, answer_id: int) -> list[Goal]:
        """The goals an ambition went into."""
        return [g for g in self.goals if answer_id in (g.source_answer_ids or [])]

    def days(self) -> tuple[date, date]:
        """The first and last day anybody answered (the day the workshop was created when nobody did)."""
        moments = [a.created_at for report in self.activities for a in report.answers if a.created_at]
        if self.workshop.ended_at:
            moments.append(self.workshop.ended_at)
        if not moments:
            moments = [getattr(self.workshop, "created_at", None) or datetime.now()]
        return min(moments).date(), max(moments).date()

    def taking_part(self) -> list[dict]:
        """Per organisation: how many joined, in the room and remote, their roles and the names they gave."""
        rows = []
        for org in self.organisations:
            members = sorted((p for p in self.participants.values() if p.organisation_id == org.id), key=lambda p: p.id)
            roles: dict[str, int] = defaultdict(int)
            for person in members:
                roles[person.role] += 1
            rows.append(
                {
                    "organisation": org,
                    "participants": len(members),
                    "in_room": sum(1 for p in members if p.presence == IN_ROOM),
                    "remote": sum(1 for p in members if p.presence == REMOTE),
                    "roles": dict(roles),
                    # Names only where the organisation is large enough not to tie a pooled answer to a person.
                    "names": sorted(p.display_name for p in members if p.display_name) if len(members) >= self.threshold else [],
                }
            )
        return rows


def activities_to_report(s, workshop_id: int) -> list[Activity]:
    """The activities the report covers, from one query: every activity that ran or holds answers."""
    answered = select(Answer.activity_id).distinct()
    query = (
        select(Activity)
        .where(Activity.workshop_id == workshop_id)
        .where((Activity.state != DRAFT) | Activity.id.in_(answered))
        .order_by(Activity.position, Activity.id)
    )
    return list(s.scalars(query))


def load(db: Database, workshop_id: int) -> Report:
    """Read the workshop once and compute every activity's results for the facilitator."""
    with db.session() as s:
        workshop = s.get(Workshop, workshop_id)
        organisations = q.organisations(s, workshop_id)
        people = q.participants(s, workshop_id)
        goals = q.goals(s, workshop_id)
        activities = activities_to_report(s, workshop_id)
        by_activity: dict[int, list[Answer]] = defaultdict(list)
        if activities:
            query = select(Answer).where(Answer.activity_id.in_([a.id for a in activities])).order_by(Answer.id)
            for answer in s.scalars(query):
                by_activity[answer.activity_id].append(answer)
        reports = []
        for act in activities:
            answers = by_activity.get(act.id, [])

            def results(presence=None, act=act, answers=answers):
                ctx = ResultContext(
                    workshop=workshop,
                    activity=act,
                    organisations=organisations,
                    participants=people,
                    answers=list(answers),
                    audience=FACILITATOR,
                    presence=presence,
                    goals=goals,
                )
                return build_results(ctx, get_kind(act.kind))

            report = ActivityReport(activity=act, results=results(), answers=answers)
            if act.kind in SPLIT_KINDS:
                report.split = _split(answers, people, workshop.privacy_threshold, results)
            reports.append(report)
        s.expunge_all()
    return Report(workshop=workshop, organisations=organisations, participants=people, goals=goals, activities=reports)


def _split(answers: list[Answer], people: dict[int, Participant], threshold: int, results) -> dict[str, dict]:
    """Results in the room and remote, when each group has enough people that neither singles anyone out."""
    groups = {IN_ROOM: set(), REMOTE: set()}
    for answer in answers:
        if not answer.hidden:
            groups[people[answer.participant_id].presence].add(answer.participant_id)
    if any(len(group) < threshold for group in groups.values()):
        return {}
    return {presence: results(presence) for presence in groups}
