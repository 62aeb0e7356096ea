"""Dot voting (tip 2): each participant spreads a few dots over the candidate goals.

Results come three ways: all dots counted plainly; "equal voice", where every organisation
weighs the same however many people it sent; and per organisation, with where organisations
differ most (divergence) and what they all rank high (common ground). The arithmetic is in
`..ranking`; docs/results.md works through it.
"""

from collections import defaultdict

from .. import fields, ranking
from ..errors import InvalidInput, LimitReached
from ..i18n import N_
from .base import BOOLEAN, INTEGER, ActivityKind, Setting, at_least, keep, require_mapping
from .goals import goal_id, per_goal, round_goals, stored_id


class DotVoting(ActivityKind):
    """One ballot per participant, {"allocation": {goal_id: dots}}; resubmitting replaces it."""

    name = "dot_voting"
    label = N_("Dot voting")
    # Votes stay off the projector until the facilitator reveals them: live totals sway late voters.
    results_visible_by_default = False
    many_answers = False
    supports_quorum = True
    ui_strings = {
        "dots_left": N_("{n} dots left"),
        "one_dot_left": N_("1 dot left"),
        "no_dots_left": N_("All dots placed"),
        "dots_on": N_("{n} dots"),
        "add_dot": N_("Add a dot to: {goal}"),
        "remove_dot": N_("Take a dot from: {goal}"),
        "update": N_("Update my vote"),
        "saved": N_("Your vote is in ✓"),
        "can_move": N_("You can move dots until the facilitator closes the vote."),
        "place_first": N_("Place at least one dot."),
        "no_goals": N_("There are no goals to vote on yet."),
        "max_per_goal": N_("At most {n} dots per goal."),
        "all_dots": N_("All dots"),
        "all_dots_hint": N_("Every dot counts the same: larger organisations weigh more."),
        "equal_voice": N_("Equal voice"),
        "equal_voice_hint": N_("Every organisation weighs the same: 100 points each, spread as its dots are."),
        "dots": N_("Dots"),
        "rank": N_("Rank"),
        "goal": N_("Goal"),
        "total": N_("Total"),
        "per_organisation": N_("Per organisation"),
        "divergence": N_("Where organisations differ"),
        "divergence_hint": N_("Difference between an organisation's highest and lowest rank for the goal."),
        "difference": N_("Difference"),
        "common_ground": N_("Common ground"),
        "common_ground_hint": N_("Goals in the top {k} of every organisation shown."),
        "no_common_ground": N_("No goal is in the top {k} of every organisation."),
        "too_few_organisations": N_("Needs at least two organisations with enough voters."),
        "voters": N_("{n} voters"),
        "voters_one": N_("1 voter"),
        "not_shown": N_(
            "Organisations with fewer than {k} voters count in the totals and in equal voice, but get no column of their own."
        ),
        "divergence_axis": N_("Place in each organisation's own ranking"),
        "same_place": N_("Same place for everyone"),
        "places_apart_one": N_("1 place apart"),
        "places_apart": N_("{n} places apart"),
        "adopt": N_("Adopt"),
        "unadopt": N_("Undo adopt"),
        "adopted": N_("Adopted"),
        "adopt_hint": N_("Adopt the goals the room chose: consent and commitments are about the adopted goals."),
    }

    uses_goals = True
    settings = (
        Setting("dots", INTEGER, N_("Dots each participant spreads over the goals."), min=1, max=20),
        Setting("max_per_goal", INTEGER, N_("Leave empty for no cap."), min=1, max=20, optional=True),
        Setting(
            "top_k", INTEGER, N_("A goal is common ground when every organisation has it in its top this many."), min=1, max=10
        ),
        Setting("adopted_only", BOOLEAN, N_("Vote only on the adopted goals (on all goals while none is adopted).")),
    )

    def round_goals(self, config, goals):
        return round_goals(goals, config.get("adopted_only", False))

    def check_change(self, old, new, answers):
        keep(old, new, "adopted_only", N_("People have voted: the goals this vote is about stay as they are."))
        ballots = [a.payload.get("allocation", {}) for a in answers]
        at_least(
            new,
            "dots",
            max((sum(b.values()) for b in ballots), default=0),
            N_("Somebody already placed %(n)d dots: the number of dots cannot be lower."),
        )
        at_least(
            new,
            "max_per_goal",
            max((n for b in ballots for n in b.values()), default=0),
            N_("Somebody already put %(n)d dots on one goal: the cap cannot be lower."),
        )

    def default_config(self, language):
        return {"dots": 3, "max_per_goal": None, "top_k": 3, "adopted_only": False}

    def clean_config(self, config, language):
        base = self.default_config(language)
        dots = fields.integer(config.get("dots", base["dots"]), minimum=1, maximum=20, name="dots")
        cap = config.get("max_per_goal", base["max_per_goal"])
        if cap is not None and cap != "":
            cap = fields.integer(cap, minimum=1, maximum=dots, name="max_per_goal")
        else:
            cap = None
        adopted_only = config.get("adopted_only", base["adopted_only"])
        if not isinstance(adopted_only, bool):
            raise InvalidInput(N_("%(field)s is not one of the options."), field="adopted_only")
        return {
            "dots": dots,
            "max_per_goal": cap,
            "top_k": fields.integer(config.get("top_k", base["top_k"]), minimum=1, maximum=10, name="top_k"),
            "adopted_only": adopted_only,
        }

    def clean_answer(self, config, payload, ctx):
        payload = require_mapping(payload)
        allocation = per_goal(payload.get("allocation"), "allocation")
        allowed = {g.id for g in self.round_goals(config, ctx.goals)}
        cleaned: dict[str, int] = {}
        for key, value in allocation.items():
            goal = goal_id(key, allowed)
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidInput(N_("Dots must be whole numbers."))
            if value < 0:
                raise InvalidInput(N_("Dots cannot be negative."))
            if value:
                # "7" and 7 are the same goal: their dots add up before the checks below.
                cleaned[str(goal)] = cleaned.get(str(goal), 0) + value
        cap = config["max_per_goal"]
        if cap is not None and any(n > cap for n in cleaned.values()):
            raise LimitReached(N_("At most %(max)d dots per goal."), max=cap)
        spent = sum(cleaned.values())
        if spent > config["dots"]:
            raise LimitReached(N_("You have %(max)d dots."), max=config["dots"])
        if spent == 0:
            raise InvalidInput(N_("Place at least one dot."))
        return {"allocation": cleaned}

    def aggregate(self, ctx):
        """Plain ranking, equal-voice ranking, and per organisation: ranks, divergence, common ground.

        Privacy: equal voice and the totals are sums over everyone, so every organisation counts in
        them; a column of its own (per-organisation ranks, divergence, common ground) only for
        organisations with at least the threshold of voters (`shown_organisations`).
        """
        config = ctx.activity.config
        goals = self.round_goals(config, ctx.goals)
        order = [g.id for g in goals]
        known = set(order)
        votes: dict[int, dict[int, int]] = defaultdict(lambda: {g: 0 for g in order})
        voters: dict[int, int] = defaultdict(int)
        for answer in ctx.visible:
            org = ctx.organisation_of(answer)
            voters[org] += 1
            for key, dots in answer.payload.get("allocation", {}).items():
                goal = stored_id(key)
                # A goal deleted (or no longer in the round) since the vote: its dots do not count.
                if goal in known and isinstance(dots, int) and dots > 0:
                    votes[org][goal] += dots
        votes = dict(votes)
        shown = ctx.shown_organisations()
        shown_votes = {org: votes[org] for org in sorted(shown) if sum(votes.get(org, {}).values()) > 0}

        plain = ranking.add_up(votes.values(), order)
        points = ranking.equal_voice(votes, order)
        plain_ranks = ranking.competition_ranks(plain)
        point_ranks = ranking.competition_ranks(points)
        per_org = ranking.organisation_ranks(shown_votes, order)
        comparable = len(shown_votes) >= 2
        return {
            "dots": config.get("dots"),
            "top_k": config.get("top_k"),
            "goals": [
                {"id": g.id, "text": g.text, "adopted": g.adopted, "organisation_ids": list(ctx.goal_organisations.get(g.id, []))}
                for g in goals
            ],
            "voters": sum(voters.values()),
            "ranking": [{"goal_id": g, "dots": plain[g], "rank": plain_ranks[g]} for g in ranking.ordered(plain, order)],
            "equal_voice": [
                {"goal_id": g, "points": ranking.rounded(points[g]), "rank": point_ranks[g]}
                for g in ranking.ordered(points, order)
            ],
            "organisations_counted": sorted(org for org, dots in votes.items() if sum(dots.values()) > 0),
            "by_organisation": {
                str(org): {
                    "voters": voters[org],
                    "dots": sum(dots.values()),
                    "goals": [{"goal_id": g, "dots": dots[g], "rank": per_org[org][g]} for g in ranking.ordered(dots, order)],
                }
                for org, dots in shown_votes.items()
            },
            "divergence": [
                {
                    "goal_id": row["goal_id"],
                    "divergence": row["divergence"],
                    "spread": ranking.rounded(row["spread"] * 100),
                    "ranks": {str(org): rank for org, rank in row["ranks"].items()},
                }
                for row in ranking.divergence(shown_votes, order)
            ],
            # With one organisation shown there is nothing to compare: no divergence, no common ground.
            "comparable": comparable,
            "common_ground": ranking.common_ground(shown_votes, order, config.get("top_k", 3)) if comparable else [],
            "organisations_shown": sorted(shown_votes),
        }


KIND = DotVoting()
