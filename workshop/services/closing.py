"""The closing summary screens and phones show once the facilitator ends the session."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import presenters
from ..domain.kinds import get_kind
from ..domain.model import DRAFT, IN_ROOM, REMOTE, Answer, Workshop
from ..domain.results import SCREEN, ResultContext
from . import queries as q

# The kinds whose outcome the summary carries, per adopted goal.
SUMMARISED = ("consent", "commitments")


def summary(s: Session, workshop: Workshop) -> dict:
    """Adopted goals with their consent and commitments per organisation, and who took part per organisation.

    Only what the projector may already show goes in: a consent or commitments round counts once the
    facilitator revealed its results, and of several rounds the latest with answers counts. Consent is
    counted over everyone (never per organisation); pledges are per organisation whatever the privacy
    threshold, as on the commitments screen (docs/results.md says why). Nothing names a person.
    """
    organisations = q.organisations(s, workshop.id)
    people = q.participants(s, workshop.id)
    goals = q.goals(s, workshop.id)
    latest = {kind: _latest_revealed(s, workshop, kind, organisations, people, goals) for kind in SUMMARISED}
    consent = {row["goal_id"]: row for row in (latest["consent"] or {}).get("goals", []) if row["responses"]}
    pledged = latest["commitments"] or {}
    pledges = {row["goal_id"]: row for row in pledged.get("goals", [])}
    measures = pledged.get("measures", [])
    adopted = []
    for goal in goals:
        if not goal.adopted:
            continue
        verdict, pledge = consent.get(goal.id), pledges.get(goal.id)
        adopted.append(
            {
                "id": goal.id,
                "text": goal.text,
                "consent": {k: verdict[k] for k in ("passes", "responses", "counts")} if verdict else None,
                "commitments": {
                    **{m: pledge.get(m, 0) for m in measures},
                    "by_organisation": pledge["by_organisation"],
                }
                if pledge and pledge["by_organisation"]
                else None,
            }
        )
    totals = {row["organisation_id"]: row for row in pledged.get("organisations", [])}
    taking_part = []
    for org in organisations:
        members = [p for p in people.values() if p.organisation_id == org.id]
        taking_part.append(
            {
                "organisation_id": org.id,
                "participants": len(members),
                "in_room": sum(1 for p in members if p.presence == IN_ROOM),
                "remote": sum(1 for p in members if p.presence == REMOTE),
                **{m: totals.get(org.id, {}).get(m, 0) for m in measures},
            }
        )
    return {
        "ended_at": presenters.iso(workshop.ended_at),
        "goals": adopted,
        "organisations": taking_part,
        "participants": len(people),
        "measures": measures,
        "currency": pledged.get("currency", "EUR"),
        "period": pledged.get("period", ""),
    }


def _latest_revealed(s: Session, workshop: Workshop, kind: str, organisations, people, goals) -> dict | None:
    """Screen results of the latest revealed round of `kind` that has answers, or None."""
    rounds = [a for a in q.agenda(s, workshop.id) if a.kind == kind and a.state != DRAFT and a.results_visible]
    for act in reversed(rounds):
        answers = list(s.scalars(select(Answer).where(Answer.activity_id == act.id).order_by(Answer.id)))
        ctx = ResultContext(
            workshop=workshop,
            activity=act,
            organisations=organisations,
            participants=people,
            answers=answers,
            audience=SCREEN,
            goals=goals,
        )
        if ctx.visible:
            return get_kind(kind).aggregate(ctx)
    return None
