"""Progress review (tip 5, the long term): did each organisation deliver what it committed?

Each organisation reports per goal what it delivered: done, partly or not yet, the hours and budget it
actually spent, and a short note. People report on behalf of their organisation: per organisation and
goal the latest report of any of its people counts (as with commitments), so colleagues can correct each
other while the review is open. What was committed comes with the goal: a follow-up workshop imports the
goals of earlier workshops with the pledges made on them (`Goal.commitments`).
"""

from fractions import Fraction

from .. import fields
from ..errors import InvalidInput
from ..i18n import N_
from .base import ActivityKind, require_mapping
from .commitments import CURRENCIES, MEASURES, moment
from .goals import goal_id, round_goals, stored_id

DONE, PARTLY, NOT_YET = "done", "partly", "not_yet"
STATUSES = (DONE, PARTLY, NOT_YET)
# How far a goal is, per organisation, when each organisation weighs the same (equal voice).
SCORES = {DONE: Fraction(1), PARTLY: Fraction(1, 2), NOT_YET: Fraction(0)}
MAX_NOTE = 300


def committed(goal, organisation_id: int) -> dict[str, int] | None:
    """What an organisation committed to a goal, as imported with it (None when nothing)."""
    pledge = (goal.commitments or {}).get(str(organisation_id))
    if not isinstance(pledge, dict):
        return None
    found = {m: pledge[m] for m in MEASURES if isinstance(pledge.get(m), int) and not isinstance(pledge.get(m), bool)}
    return found or None


def latest_reports(answers, organisation_of, goals: set[int]) -> dict[int, dict[int, tuple]]:
    """reports[organisation][goal] = (report, answer) from the latest answer of that organisation that reported it."""
    found: dict[int, dict[int, tuple]] = {}
    for answer in sorted(answers, key=moment):
        org = organisation_of(answer)
        for key, report in answer.payload.get("reports", {}).items():
            goal = stored_id(key)
            if goal in goals and isinstance(report, dict) and report.get("status") in STATUSES:
                found.setdefault(org, {})[goal] = (report, answer)
    return found


def percent(value: Fraction) -> float:
    """A share as a percentage with one decimal, halves rounded up."""
    return int(value * 1000 + Fraction(1, 2)) / 10


class ProgressReview(ActivityKind):
    """One answer per participant: {"reports": {goal_id: {"status", "hours"?, "budget"?, "note"?}}}."""

    name = "progress_review"
    label = N_("Progress review")
    many_answers = False
    uses_goals = True
    ui_strings = {
        "intro": N_(
            "What has your organisation delivered on each goal since it committed? You answer for your organisation: the latest report from anyone of your organisation counts."
        ),
        "on_behalf": N_("You report for your organisation:"),
        "committed": N_("Committed: {what}"),
        "no_commitment": N_("Your organisation made no commitment on this goal."),
        "done": N_("Done"),
        "partly": N_("Partly"),
        "not_yet": N_("Not yet"),
        "status": N_("Delivered?"),
        "hours_spent": N_("Hours actually spent"),
        "budget_spent": N_("Budget actually spent ({currency})"),
        "note": N_("Short note (optional)"),
        "characters_left": N_("{n} characters left"),
        "report_something": N_("Say for at least one goal how far your organisation is."),
        "update": N_("Update the report"),
        "saved": N_("Your organisation's report is in ✓ A colleague's later report replaces it."),
        "no_goals": N_("There are no goals to report on yet."),
        "goal": N_("Goal"),
        "committed_short": N_("Committed"),
        "delivered_short": N_("Delivered"),
        "committed_vs_delivered": N_("Committed versus delivered"),
        "equal_voice": N_("Delivered, with equal voice: {n}%"),
        "equal_voice_hint": N_("Every organisation that committed weighs the same: done counts whole, partly half."),
        "by_hours": N_("Committed hours spent: {n}%"),
        "no_report": N_("No report yet"),
        "hours_short": N_("{n} h"),
        "total": N_("Total"),
        "no_reports": N_("No reports yet."),
        "waiting_for": N_("No report yet from: {names}"),
        "of": N_("{delivered} of {committed}"),
    }

    def default_config(self, language):
        return {"hours": True, "budget": True, "currency": "EUR"}

    def clean_config(self, config, language):
        base = self.default_config(language)
        cleaned = {}
        for measure in MEASURES:
            value = config.get(measure, base[measure])
            if not isinstance(value, bool):
                raise InvalidInput(N_("%(field)s is not one of the options."), field=measure)
            cleaned[measure] = value
        cleaned["currency"] = fields.choice(config.get("currency", base["currency"]), CURRENCIES, name="currency")
        return cleaned

    def round_goals(self, config, goals):
        return round_goals(goals)

    def clean_answer(self, config, payload, ctx):
        payload = require_mapping(payload)
        reports = payload.get("reports")
        if not isinstance(reports, dict):
            raise InvalidInput(N_("%(field)s must be an object."), field="reports")
        allowed = {g.id for g in self.round_goals(config, ctx.goals)}
        measures = [m for m in MEASURES if config.get(m)]
        cleaned = {}
        for key, report in reports.items():
            goal = goal_id(key, allowed)
            if not isinstance(report, dict):
                raise InvalidInput(N_("%(field)s must be an object."), field="reports")
            status = report.get("status")
            if status in (None, ""):
                continue
            entry = {"status": fields.choice(status, STATUSES, name="status")}
            for m in measures:
                if report.get(m) is not None and report.get(m) != "":
                    entry[m] = fields.integer(report[m], minimum=0, maximum=MEASURES[m], name=m)
            note = fields.text(report.get("note"), max_length=MAX_NOTE, required=False, name="note")
            if note:
                entry["note"] = note
            cleaned[str(goal)] = entry
        if not cleaned:
            raise InvalidInput(N_("Say for at least one goal how far your organisation is."))
        return {"reports": cleaned}

    def aggregate(self, ctx):
        """Per goal and per organisation: committed versus delivered, statuses, and progress two ways.

        `equal_voice` is the mean, over the organisations that committed to the goal and reported, of
        done = 1, partly = 1/2, not yet = 0: every organisation weighs the same however much it pledged.
        `by_hours` is delivered hours over committed hours, where the larger pledges weigh more.
        Shown per organisation whatever the small-group threshold, like commitments: a report is the
        organisation's public account to its partners, made on its behalf, never a person's opinion;
        no name is shown. The facilitator gets answer ids, to hide an abusive note.
        """
        config = ctx.activity.config
        measures = [m for m in MEASURES if config.get(m, True)]
        goals = round_goals(ctx.goals)
        reports = latest_reports(ctx.visible, ctx.organisation_of, {g.id for g in goals})
        known = [o.id for o in ctx.organisations]

        def amounts(items) -> dict[str, int]:
            items = [item or {} for item in items]
            return {m: sum(item.get(m, 0) for item in items) for m in measures}

        rows, per_org = [], {org: {"committed": [], "delivered": [], DONE: 0, PARTLY: 0, NOT_YET: 0} for org in known}
        for goal in goals:
            involved = [org for org in known if committed(goal, org) or goal.id in reports.get(org, {})]
            entries, scores, statuses = [], [], dict.fromkeys((*STATUSES, "missing"), 0)
            for org in involved:
                pledge = committed(goal, org)
                report, answer = reports.get(org, {}).get(goal.id, (None, None))
                delivered = {m: report[m] for m in measures if m in report} if report else None
                entry = {
                    "organisation_id": org,
                    "committed": {m: pledge[m] for m in measures if m in pledge} if pledge else None,
                    "delivered": delivered,
                    "status": report["status"] if report else None,
                    "note": report.get("note", "") if report else "",
                }
                if ctx.moderating and answer is not None:
                    entry["answer_id"] = answer.id
                entries.append(entry)
                statuses[report["status"] if report else "missing"] += 1
                if report and pledge:
                    scores.append(SCORES[report["status"]])
                per_org[org]["committed"].append(pledge)
                per_org[org]["delivered"].append(delivered)
                if report:
                    per_org[org][report["status"]] += 1
            goal_committed = amounts(e["committed"] for e in entries)
            goal_delivered = amounts(e["delivered"] for e in entries)
            rows.append(
                {
                    "goal_id": goal.id,
                    "text": goal.text,
                    "committed": goal_committed,
                    "delivered": goal_delivered,
                    "statuses": statuses,
                    "equal_voice": percent(sum(scores) / len(scores)) if scores else None,
                    "by_hours": percent(Fraction(goal_delivered["hours"], goal_committed["hours"]))
                    if "hours" in measures and goal_committed["hours"]
                    else None,
                    "by_organisation": entries,
                }
            )
        organisations = [
            {
                "organisation_id": org,
                "committed": amounts(data["committed"]),
                "delivered": amounts(data["delivered"]),
                "goals_committed": sum(1 for p in data["committed"] if p),
                "goals_reported": data[DONE] + data[PARTLY] + data[NOT_YET],
                **{s: data[s] for s in STATUSES},
            }
            for org, data in per_org.items()
            if any(data["committed"])
            or any(d is not None for d in data["delivered"])
            or data[DONE] + data[PARTLY] + data[NOT_YET]
        ]
        return {
            "currency": config.get("currency", "EUR"),
            "measures": measures,
            "goals": rows,
            "organisations": organisations,
            "totals": {
                "committed": amounts(r["committed"] for r in rows),
                "delivered": amounts(r["delivered"] for r in rows),
            },
            "organisations_reported": sorted(reports),
            "waiting_for": [o["organisation_id"] for o in organisations if o["goals_committed"] and not o["goals_reported"]],
        }


KIND = ProgressReview()
