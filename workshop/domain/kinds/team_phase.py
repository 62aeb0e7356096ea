"""Team phase (tip 3): in which phase of development is our team? Tuckman's four phases in plain words."""

from collections import Counter

from .. import fields
from ..i18n import N_
from .base import ActivityKind, require_mapping

# Stable ids, in the order a team goes through them; the texts live in ui_strings.
PHASES = ("forming", "storming", "norming", "performing")


class TeamPhase(ActivityKind):
    """Each participant picks the phase they see the team in; results per organisation."""

    name = "team_phase"
    label = N_("Team phase")
    many_answers = False
    ui_strings = {
        "forming": N_("Getting to know each other"),
        "forming_text": N_("Polite and careful. We look for direction and for what is expected of us."),
        "storming": N_("Finding our way"),
        "storming_text": N_("Differences come out: opinions clash, roles and leadership are tested."),
        "norming": N_("Making it work"),
        "norming_text": N_("We agree how we work together; trust and a shared way of working grow."),
        "performing": N_("Delivering together"),
        "performing_text": N_("We work as one team, solve problems together and deliver results."),
        "update": N_("Update my answer"),
        "yours": N_("Your answer: {phase}"),
        "can_change": N_("You can change your answer until the facilitator closes this activity."),
        "most_chosen": N_("Chosen most"),
        "not_shown": N_("Organisations with fewer than {k} answers are not shown separately."),
    }

    def default_config(self, language):
        return {}

    def clean_config(self, config, language):
        return {}

    def clean_answer(self, config, payload, ctx):
        payload = require_mapping(payload)
        return {"phase": fields.choice(payload.get("phase"), PHASES, name="phase")}

    def aggregate(self, ctx):
        """{"phases": [{"id", "count", "by_organisation": {org: count}}], "most_chosen": [ids],
        "most_chosen_by_organisation": {org: [ids]}, "organisations_shown"}.

        "Most chosen" is a list because phases can tie; it is empty without answers.
        """
        shown = ctx.shown_organisations()
        overall = Counter(a.payload["phase"] for a in ctx.visible)
        per_org = {org.id: Counter() for org in ctx.organisations if org.id in shown}
        for answer in ctx.visible:
            org = ctx.organisation_of(answer)
            if org in per_org:
                per_org[org][answer.payload["phase"]] += 1
        return {
            "phases": [
                {
                    "id": phase,
                    "count": overall.get(phase, 0),
                    "by_organisation": {str(org): counts.get(phase, 0) for org, counts in per_org.items()},
                }
                for phase in PHASES
            ],
            "most_chosen": most_chosen(overall),
            "most_chosen_by_organisation": {str(org): most_chosen(counts) for org, counts in per_org.items()},
            "organisations_shown": sorted(shown),
        }


def most_chosen(counts: Counter) -> list[str]:
    """The phases with the highest count, in phase order."""
    top = max(counts.values(), default=0)
    return [phase for phase in PHASES if top and counts.get(phase, 0) == top]


KIND = TeamPhase()
