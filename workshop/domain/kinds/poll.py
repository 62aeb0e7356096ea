"""Poll: one or more choices among a few options."""

from collections import Counter

from .. import fields
from ..errors import InvalidInput, InvalidTransition
from ..i18n import N_
from .base import BOOLEAN, INTEGER, TEXTS, ActivityKind, Setting, at_least, localised_list, require_mapping

MIN_OPTIONS, MAX_OPTIONS = 2, 10

# The article's five tips: which one needs our attention first?
DEFAULT_OPTIONS = {
    "nl": [
        "Eerst de bestuurders",
        "Ambities en doelstellingen bepalen",
        "Teamvorming en -ontwikkeling",
        "Balans tussen projectmatig en laten komen",
        "Kiezen voor de lange termijn",
    ],
    "en": [
        "Board members first",
        "Setting ambitions and goals",
        "Team formation and development",
        "Balance between planning and letting it emerge",
        "Choosing the long term",
    ],
}


def percent(part: int, whole: int) -> int:
    """A whole percentage, halves rounded up (not to even, as round() would)."""
    return int(100 * part / whole + 0.5) if whole else 0


class Poll(ActivityKind):
    """Each participant picks one option, or up to `max_choices` when `multiple`."""

    name = "poll"
    label = N_("Poll")
    many_answers = False
    supports_quorum = True
    ui_strings = {
        "pick_one": N_("Pick one"),
        "pick_up_to": N_("Pick up to {n}"),
        "pick_any": N_("Pick one or more"),
        "update": N_("Update my vote"),
        "yours": N_("Your choice: {choices}"),
        "can_change": N_("You can change your answer until the facilitator closes this activity."),
        "choose_first": N_("Pick an option first."),
        "not_shown": N_("Organisations with fewer than {k} answers are not shown separately."),
    }

    settings = (
        Setting(
            "options",
            TEXTS,
            N_("One option per line."),
            translatable=True,
            paired=True,
            min_items=MIN_OPTIONS,
            max_items=MAX_OPTIONS,
            max_length=120,
        ),
        Setting("multiple", BOOLEAN, N_("People may pick more than one option.")),
        Setting("max_choices", INTEGER, N_("At most the number of options."), min=1, max=MAX_OPTIONS, after="multiple"),
    )

    def check_change(self, old, new, answers):
        # Answers keep option positions: an option may be reworded or added, never taken away.
        if len(new["options"]) < len(old["options"]):
            raise InvalidTransition(N_("People have answered: options can be reworded or added, not removed."), field="options")
        most = max((len(a.payload.get("choices", [])) for a in answers), default=0)
        if most > 1 and not new["multiple"]:
            raise InvalidTransition(
                N_("Somebody already chose %(n)d options: allow at least that many."), field="multiple", n=most
            )
        at_least(new, "max_choices", most, N_("Somebody already chose %(n)d options: allow at least that many."))

    def default_config(self, language):
        options = list(DEFAULT_OPTIONS.get(language, DEFAULT_OPTIONS["en"]))
        return {"options": options, "multiple": False, "max_choices": 1}

    def clean_config(self, config, language):
        base = self.default_config(language)
        options = localised_list(
            config.get("options", base["options"]),
            language,
            name="options",
            max_items=MAX_OPTIONS,
            max_length=120,
            min_items=MIN_OPTIONS,
        )
        multiple = config.get("multiple", False)
        if not isinstance(multiple, bool):
            raise InvalidInput(N_("%(field)s must be true or false."), field="multiple")
        max_choices = 1
        if multiple:
            max_choices = fields.integer(
                config.get("max_choices", len(options)), minimum=1, maximum=len(options), name="max_choices"
            )
        return {"options": options, "multiple": multiple, "max_choices": max_choices}

    def localise_results(self, data, config, texts):
        names = texts.get("options") or []
        for option in data["options"]:
            if option["index"] < len(names):
                option["text"] = names[option["index"]]

    def clean_answer(self, config, payload, ctx):
        payload = require_mapping(payload)
        choices = payload.get("choices")
        if not isinstance(choices, list) or not choices:
            raise InvalidInput(N_("Pick at least one option."))
        count = len(config["options"])
        if len(choices) > count:
            raise InvalidInput(N_("You can pick at most %(max)d options."), max=config["max_choices"])
        cleaned = [fields.integer(c, minimum=0, maximum=count - 1, name="choices") for c in choices]
        if len(set(cleaned)) != len(cleaned):
            raise InvalidInput(N_("Pick each option only once."))
        if len(cleaned) > config["max_choices"]:
            raise InvalidInput(N_("You can pick at most %(max)d options."), max=config["max_choices"])
        return {"choices": sorted(cleaned)}

    def aggregate(self, ctx):
        """{"options": [{"index", "text", "count", "percent", "by_organisation": {org: {"count", "percent"}}}],
        "respondents", "respondents_by_organisation": {org: n}, "multiple", "max_choices", "organisations_shown"}.

        Percentages are of the people who answered (so with several choices they add up to more than 100).
        """
        config = ctx.activity.config
        shown = ctx.shown_organisations()
        overall = Counter(c for a in ctx.visible for c in a.payload["choices"])
        per_org = {org.id: Counter() for org in ctx.organisations if org.id in shown}
        people = {org: 0 for org in per_org}
        for answer in ctx.visible:
            org = ctx.organisation_of(answer)
            if org in per_org:
                per_org[org].update(answer.payload["choices"])
                people[org] += 1
        respondents = len({a.participant_id for a in ctx.visible})
        return {
            "options": [
                {
                    "index": index,
                    "text": text,
                    "count": overall.get(index, 0),
                    "percent": percent(overall.get(index, 0), respondents),
                    "by_organisation": {
                        str(org): {"count": counts.get(index, 0), "percent": percent(counts.get(index, 0), people[org])}
                        for org, counts in per_org.items()
                    },
                }
                for index, text in enumerate(config["options"])
            ],
            "respondents": respondents,
            "respondents_by_organisation": {str(org): n for org, n in people.items()},
            "multiple": config.get("multiple", False),
            "max_choices": config.get("max_choices", 1),
            "organisations_shown": sorted(shown),
        }


KIND = Poll()
