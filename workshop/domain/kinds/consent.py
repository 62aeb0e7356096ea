"""Consent round (sociocratic): is each adopted goal good enough for now, safe enough to try?

Everyone gives each goal consent, a concern, or an objection; an objection needs a reason.
A goal passes when somebody responded and nobody objects.
"""

from collections import Counter

from .. import fields
from ..errors import InvalidInput
from ..i18n import N_
from .base import ActivityKind, require_mapping
from .goals import goal_id, per_goal, round_goals, stored_id

CONSENT, CONCERN, OBJECTION = "consent", "concern", "objection"
POSITIONS = (CONSENT, CONCERN, OBJECTION)
MAX_REASON = 300


class Consent(ActivityKind):
    """One answer per participant: {"responses": {goal_id: {"position", "reason"}}} for every goal in the round."""

    name = "consent"
    label = N_("Consent round")
    # Votes stay off the projector until the facilitator reveals them: live totals sway late voters.
    results_visible_by_default = False
    many_answers = False
    supports_quorum = True
    ui_strings = {
        "intro": N_("For each goal: can you live with it for now? An objection needs a reason the group can work with."),
        "consent": N_("Consent"),
        "concern": N_("Concern"),
        "objection": N_("Objection"),
        "consent_hint": N_("Good enough for now, safe enough to try."),
        "concern_hint": N_("I can live with it, with a remark."),
        "objection_hint": N_("I cannot live with it: it would harm what we want to achieve."),
        "reason": N_("Reason"),
        "reason_optional": N_("Reason (optional)"),
        "reason_required": N_("Give a reason for your objection."),
        "answer_all": N_("Choose a position for every goal."),
        "update": N_("Update my answer"),
        "saved": N_("Your answer is in ✓"),
        "can_change": N_("You can change it until the facilitator closes the round."),
        "no_goals": N_("There are no goals in this round yet."),
        "passes": N_("Passes"),
        "blocked": N_("Blocked"),
        "waiting": N_("No answers yet"),
        "concerns": N_("Concerns"),
        "objections": N_("Objections"),
        "count_consent": N_("Consent"),
        "count_concern": N_("Concerns"),
        "count_objection": N_("Objections"),
        "everyone": N_("Everyone"),
        "responses": N_("Responses: {n}"),
        "all_pass": N_("Every goal passes."),
        "some_blocked": N_("Blocked by an objection: {n}"),
        "hide_reason": N_("Hide"),
        "show_reason": N_("Show"),
        "hidden": N_("hidden"),
        "characters_left": N_("{n} characters left"),
    }

    uses_goals = True

    def round_goals(self, config, goals):
        return round_goals(goals)

    def clean_config(self, config, language):
        return {}

    def clean_answer(self, config, payload, ctx):
        payload = require_mapping(payload)
        responses = per_goal(payload.get("responses"), "responses")
        goals = self.round_goals(config, ctx.goals)
        allowed = {g.id for g in goals}
        if not allowed:
            raise InvalidInput(N_("There are no goals in this round yet."))
        cleaned = {}
        for key, response in responses.items():
            goal = goal_id(key, allowed)
            if not isinstance(response, dict):
                raise InvalidInput(N_("Choose a position for every goal."))
            position = response.get("position")
            if position not in POSITIONS:
                raise InvalidInput(N_("Choose a position for every goal."))
            reason = fields.text(response.get("reason"), max_length=MAX_REASON, required=False, name="reason")
            if position == OBJECTION and not reason:
                raise InvalidInput(N_("Give a reason for your objection."))
            cleaned[str(goal)] = {"position": position, "reason": reason if position != CONSENT else ""}
        if set(cleaned) != {str(g) for g in allowed}:
            raise InvalidInput(N_("Choose a position for every goal."))
        return {"responses": cleaned}

    def aggregate(self, ctx):
        """Per goal: counts per position (overall and per shown organisation), passes, and the reasons.

        Reasons are listed without names; with an organisation only when that organisation has
        enough respondents to be shown. The facilitator also gets the answer id and hidden flag, to
        hide an abusive reason (moderation hides the whole answer, so it stops counting too).
        """
        goals = self.round_goals(ctx.activity.config, ctx.goals)
        shown = ctx.shown_organisations()
        counted = ctx.visible
        rows = []
        for goal in goals:
            counts, by_org = Counter(), {org: Counter() for org in sorted(shown)}
            reasons = {CONCERN: [], OBJECTION: []}
            for answer in ctx.answers:
                response = _response(answer, goal.id)
                if response is None:
                    continue
                org = ctx.organisation_of(answer)
                position = response["position"]
                if not answer.hidden:
                    counts[position] += 1
                    if org in by_org:
                        by_org[org][position] += 1
                if position in reasons and response.get("reason") and (ctx.moderating or not answer.hidden):
                    item = {"reason": response["reason"], "organisation_id": org if org in shown else None}
                    if ctx.moderating:
                        item |= {"answer_id": answer.id, "hidden": answer.hidden}
                    reasons[position].append(item)
            responses = sum(counts.values())
            rows.append(
                {
                    "goal_id": goal.id,
                    "text": goal.text,
                    "adopted": goal.adopted,
                    "responses": responses,
                    "counts": {p: counts.get(p, 0) for p in POSITIONS},
                    "by_organisation": {str(org): {p: c.get(p, 0) for p in POSITIONS} for org, c in by_org.items()},
                    # Nobody answering is not consent: a goal passes once responses are in and none objects.
                    "passes": responses > 0 and counts.get(OBJECTION, 0) == 0,
                    "concerns": reasons[CONCERN],
                    "objections": reasons[OBJECTION],
                }
            )
        return {
            "goals": rows,
            "respondents": len({a.participant_id for a in counted}),
            "all_pass": bool(rows) and all(r["passes"] for r in rows),
            "blocked": sum(1 for r in rows if r["responses"] and not r["passes"]),
            "organisations_shown": sorted(shown),
        }


def _response(answer, goal: int) -> dict | None:
    """The stored response of one answer to one goal, if it gave one."""
    for key, response in answer.payload.get("responses", {}).items():
        if stored_id(key) == goal and isinstance(response, dict) and response.get("position") in POSITIONS:
            return response
    return None


KIND = Consent()
