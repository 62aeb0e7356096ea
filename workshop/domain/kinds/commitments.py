"""Commitments (tip 5, the long term): what each organisation puts in, in hours and budget, per goal.

Participants pledge on behalf of their organisation. Per organisation, goal and measure (hours
or budget) the pledge that counts is the latest one any of its participants sent, so colleagues
can correct each other while the round is open.
"""

from datetime import datetime

from .. import fields
from ..errors import InvalidInput, InvalidTransition
from ..i18n import N_
from .base import BOOLEAN, CHOICE, TEXT, ActivityKind, Setting, keep, localised, require_mapping
from .goals import goal_id, per_goal, round_goals, stored_id

DEFAULT_PERIOD = {"nl": "per maand, het komende jaar", "en": "per month, next year"}
MEASURES = {"hours": 10_000, "budget": 100_000_000}
CURRENCIES = ("EUR",)


def moment(answer) -> tuple:
    """When an answer was last sent, to find the latest pledge.

    A resubmission updates the stored row in place, so the id alone would say when a participant
    first pledged, not when they last changed it: `updated_at` says when, then `created_at`; the id
    breaks ties and is the only order left for answers built without timestamps (unit tests).
    """
    stamp = answer.updated_at or answer.created_at
    return (stamp or datetime.min, answer.id or 0)


def counting_pledges(answers, organisation_of, goals) -> dict[int, dict[int, dict[str, tuple[int, object]]]]:
    """found[organisation][goal][measure] = (amount, answer): the latest answer of that organisation that pledged it."""
    found: dict[int, dict[int, dict[str, tuple[int, object]]]] = {}
    for answer in sorted(answers, key=moment):
        org = organisation_of(answer)
        for key, pledge in answer.payload.get("pledges", {}).items():
            goal = stored_id(key)
            if goal not in goals or not isinstance(pledge, dict):
                continue
            for measure in MEASURES:
                if isinstance(pledge.get(measure), int):
                    found.setdefault(org, {}).setdefault(goal, {})[measure] = (pledge[measure], answer)
    return found


def latest_pledges(answers, organisation_of, goals) -> dict[int, dict[int, dict[str, int]]]:
    """pledges[organisation][goal][measure] from the latest answer of that organisation that pledged it."""
    return {
        org: {goal: {m: amount for m, (amount, _) in per_goal.items()} for goal, per_goal in per_org.items()}
        for org, per_org in counting_pledges(answers, organisation_of, goals).items()
    }


class Commitments(ActivityKind):
    """One answer per participant: {"pledges": {goal_id: {"hours": int, "budget": int}}}."""

    name = "commitments"
    label = N_("Commitments")
    many_answers = False
    # Participants answer for their organisation: each phone of it sees what counts for it now.
    speaks_for_organisation = True
    ui_strings = {
        "intro": N_(
            "What will your organisation put into each goal? You answer for your organisation: the latest pledge from anyone of your organisation counts."
        ),
        "on_behalf": N_("You pledge for your organisation:"),
        "hours_value": N_("{n} hours"),
        "hours_short": N_("{n} h"),
        "hours_period": N_("Hours {period}"),
        "budget_period": N_("Budget in {currency} {period}"),
        "counts_mine": N_("{org} counts your pledge: {amount}."),
        "counts_named": N_("{org} counts {amount}, pledged by {name}."),
        "counts_colleague": N_("{org} counts {amount}, pledged by a colleague."),
        "leave_empty": N_("Leave a field empty to keep your organisation's earlier pledge."),
        "pledge_something": N_("Fill in at least one pledge."),
        "update": N_("Update the pledge"),
        "saved": N_("Pledge is in ✓"),
        "no_goals": N_("There are no goals to pledge for yet."),
        "total": N_("Total"),
        "goal": N_("Goal"),
        "no_pledges": N_("No pledges yet."),
        "nothing": N_("—"),
    }

    uses_goals = True
    settings = (
        Setting("hours", BOOLEAN, N_("Ask for hours.")),
        Setting("budget", BOOLEAN, N_("Ask for a budget.")),
        Setting("currency", CHOICE, options=CURRENCIES),
        Setting(
            "period", TEXT, N_("What the hours and budget are per, e.g. per month, next year."), translatable=True, max_length=80
        ),
    )

    def round_goals(self, config, goals):
        return round_goals(goals)

    def check_change(self, old, new, answers):
        pledged = {m for a in answers for p in a.payload.get("pledges", {}).values() if isinstance(p, dict) for m in p}
        for measure in MEASURES:
            if measure in pledged and not new.get(measure):
                raise InvalidTransition(N_("Somebody already pledged %(field)s: keep asking for it."), field=measure)
        # Amounts are per period and currency: changing either would change what was pledged.
        if "budget" in pledged:
            keep(old, new, "currency", N_("Pledges were made in this currency: it stays as it is."))
        keep(old, new, "period", N_("Pledges were made for this period: it stays as it is."))

    def default_config(self, language):
        return {"period": DEFAULT_PERIOD[language], "hours": True, "budget": True, "currency": "EUR"}

    def clean_config(self, config, language):
        base = self.default_config(language)
        cleaned = {"period": localised(config.get("period", base["period"]), language, name="period", max_length=80)}
        for measure in MEASURES:
            value = config.get(measure, base[measure])
            if not isinstance(value, bool):
                raise InvalidInput(N_("%(field)s is not one of the options."), field=measure)
            cleaned[measure] = value
        if not (cleaned["hours"] or cleaned["budget"]):
            raise InvalidInput(N_("Ask for hours, budget or both."))
        cleaned["currency"] = fields.choice(config.get("currency", base["currency"]), CURRENCIES, name="currency")
        return cleaned

    def localise_results(self, data, config, texts):
        if texts.get("period"):
            data["period"] = texts["period"]

    def clean_answer(self, config, payload, ctx):
        payload = require_mapping(payload)
        pledges = per_goal(payload.get("pledges"), "pledges")
        allowed = {g.id for g in self.round_goals(config, ctx.goals)}
        measures = [m for m in MEASURES if config.get(m)]
        cleaned = {}
        for key, pledge in pledges.items():
            goal = goal_id(key, allowed)
            if not isinstance(pledge, dict):
                raise InvalidInput(N_("%(field)s must be an object."), field="pledges")
            entry = {
                m: fields.integer(pledge[m], minimum=0, maximum=MEASURES[m], name=m)
                for m in measures
                if pledge.get(m) is not None and pledge.get(m) != ""
            }
            if entry:
                cleaned[str(goal)] = entry
        if not cleaned:
            raise InvalidInput(N_("Fill in at least one pledge."))
        return {"pledges": cleaned}

    def aggregate(self, ctx):
        """Totals per goal, per organisation and overall, from each organisation's latest pledges.

        Shown per organisation whatever the small-group threshold: a pledge is the organisation's
        public commitment to its partners, made on its behalf (the phone says so), not a private
        opinion. The threshold protects people from being singled out by what they think; a
        partnership cannot plan on hours and budget nobody may see. No name is ever shown, and the
        pledge is the organisation's, not the person's: a colleague's later pledge replaces it.
        """
        config = ctx.activity.config
        goals = self.round_goals(config, ctx.goals)
        measures = [m for m in MEASURES if config.get(m, True)]
        pledges = latest_pledges(ctx.visible, ctx.organisation_of, {g.id for g in goals})
        org_order = [o.id for o in ctx.organisations if o.id in pledges]
        org_order += sorted(set(pledges) - set(org_order))

        def amounts(per_goal: list[dict]) -> dict[str, int]:
            return {m: sum(p.get(m, 0) for p in per_goal) for m in measures}

        rows = []
        for goal in goals:
            by_org = [
                {"organisation_id": org, **amounts([pledges[org][goal.id]])} for org in org_order if goal.id in pledges[org]
            ]
            rows.append(
                {
                    "goal_id": goal.id,
                    "text": goal.text,
                    "adopted": goal.adopted,
                    **amounts([pledges[org].get(goal.id, {}) for org in org_order]),
                    "by_organisation": by_org,
                }
            )
        return {
            "period": config.get("period", ""),
            "currency": config.get("currency", "EUR"),
            "measures": measures,
            "goals": rows,
            "organisations": [{"organisation_id": org, **amounts(list(pledges[org].values()))} for org in org_order],
            "totals": amounts([p for org in org_order for p in pledges[org].values()]),
        }

    def organisation_view(self, ctx, organisation_id: int) -> dict:
        """What counts for one organisation now, per goal and measure, and who of its people pledged it.

        Only for that organisation's own phones: colleagues see each other's names, as in the room.
        """
        goals = {g.id for g in round_goals(ctx.goals)}
        mine = counting_pledges(
            [a for a in ctx.visible if ctx.organisation_of(a) == organisation_id], ctx.organisation_of, goals
        ).get(organisation_id, {})
        return {
            "activity_id": ctx.activity.id,
            "organisation_id": organisation_id,
            "pledges": {
                str(goal): {
                    measure: {
                        "amount": amount,
                        "participant_id": answer.participant_id,
                        "display_name": ctx.display_name(answer),
                    }
                    for measure, (amount, answer) in per_goal.items()
                }
                for goal, per_goal in mine.items()
            },
        }


KIND = Commitments()
