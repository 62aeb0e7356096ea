"""Goals (tip 2): the facilitator settles candidate shared goals; phones watch the list form.

Also home to the two helpers the goal-based kinds (dot voting, consent, commitments) share:
which goals are in a round, and reading a goal id the way a phone sends it.
"""

from ..errors import InvalidInput
from ..goals import MAX_GOALS
from ..i18n import N_
from ..model import Goal
from .base import ActivityKind


def round_goals(goals: list[Goal], adopted_only: bool = True) -> list[Goal]:
    """The goals a round is about, in agenda order: the adopted ones, or all when none is adopted yet."""
    if adopted_only:
        adopted = [g for g in goals if g.adopted]
        if adopted:
            return adopted
    return list(goals)


def goal_id(key, allowed) -> int:
    """A goal id sent as a JSON object key ("12") or a number (12); it must be one of `allowed`."""
    if isinstance(key, str) and len(key) <= 16 and key.strip().isascii() and key.strip().isdigit():
        key = int(key.strip())
    if not isinstance(key, int) or isinstance(key, bool) or key not in allowed:
        raise InvalidInput(N_("This goal is not part of this round."))
    return key


def per_goal(value, name: str) -> dict:
    """An object keyed by goal id as a phone sends it, no bigger than a workshop's goals allow."""
    if not isinstance(value, dict):
        raise InvalidInput(N_("%(field)s must be an object."), field=name)
    if len(value) > 2 * MAX_GOALS:
        raise InvalidInput(N_("This goal is not part of this round."))
    return value


def stored_id(key) -> int | None:
    """A goal id read back from a stored answer, or None when it is not one (never raises)."""
    try:
        return int(key)
    except (TypeError, ValueError):
        return None


class Goals(ActivityKind):
    """The facilitator merges and rewords ambitions into candidate goals, and adopts some."""

    name = "goals"
    label = N_("Shared goals")
    takes_answers = False
    ui_strings = {
        "intro": N_("The facilitator turns the ambitions into shared goals. Candidate goals appear here."),
        "no_goals": N_("No goals yet."),
        "adopted": N_("Adopted"),
        "sources_title": N_("Ambitions"),
        "sources_hint": N_("Tick the ambitions that belong together, write the goal, and create it."),
        "refresh": N_("Refresh"),
        "loading": N_("Loading ambitions…"),
        "no_sources": N_("No ambitions yet. Run an ambitions activity first, or write a goal yourself."),
        "hidden_sources": N_("{n} hidden or merged ambitions are not listed."),
        "in_goal": N_("in goal {n}"),
        "goal_text": N_("Goal"),
        "create": N_("Create goal from selected"),
        "create_empty": N_("Create goal"),
        "write_first": N_("Write the goal first."),
        "selected": N_("{n} selected"),
        "clear": N_("Clear selection"),
        "goals_title": N_("Candidate goals"),
        "rename": N_("Rename"),
        "save": N_("Save"),
        "cancel": N_("Cancel"),
        "delete": N_("Delete"),
        "confirm_delete": N_("Delete this goal? Votes already cast on it no longer count."),
        "adopt": N_("Adopt"),
        "unadopt": N_("Undo adopt"),
        "link_selected": N_("Add selected ambitions"),
        "sources_count": N_("Ambitions: {n}"),
        "adopted_count": N_("{n} of {total} adopted"),
        "suggest_title": N_("Suggested groups"),
        "suggest_hint": N_(
            "Samenspel groups ambitions that use the same words. Accept a group as a goal, edit it first, or ignore it."
        ),
        "suggest": N_("Suggest groups"),
        "suggest_again": N_("Suggest again"),
        "suggesting": N_("Looking for ambitions that belong together…"),
        "no_suggestions": N_("No groups found: the ambitions not yet in a goal have too little in common."),
        "suggestion_words": N_("Shared words: {words}"),
        "suggestion_wording": N_("Proposed wording"),
        "accept": N_("Create this goal"),
        "edit_in_list": N_("Edit in the list"),
        "ignore": N_("Ignore"),
        "carried": N_("Carried on from an earlier workshop"),
        "changed": N_("Changed since the earlier workshop"),
        "closed": N_("Closed here"),
        "close_goal": N_("Close"),
        "carry_on": N_("Carry on"),
        "confirm_close": N_(
            "Close this goal here? It leaves the votes, consent and commitments of this workshop; the thread keeps it."
        ),
    }

    def clean_config(self, config, language):
        return {}

    def clean_answer(self, config, payload, ctx):
        raise InvalidInput(N_("This activity does not take answers from phones."))

    def aggregate(self, ctx):
        """The goals as composed so far, with the organisations behind each.

        `organisation_ids` are the organisations whose ambitions the facilitator merged into the goal,
        only those with enough people in their ambitions activity (ctx.goal_organisations): naming a
        pooled organisation would tie its ambitions to one or two people.
        """
        goals = [
            {
                "id": g.id,
                "text": g.text,
                "position": g.position,
                "adopted": g.adopted,
                "organisation_ids": list(ctx.goal_organisations.get(g.id, [])),
                "sources": len(g.source_answer_ids),
            }
            for g in ctx.goals
        ]
        return {"goals": goals, "adopted": sum(1 for g in goals if g["adopted"])}


KIND = Goals()
