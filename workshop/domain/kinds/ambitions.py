"""Ambitions (tip 2): open text with a value driver and a horizon."""

from collections import Counter, defaultdict

from .. import fields, words
from ..errors import InvalidInput, InvalidTransition
from ..i18n import N_
from .base import INTEGER, INTEGERS, TEXTS, ActivityKind, Setting, at_least, localised, localised_list, longest, require_mapping

# What a directors' session's text activities are for: their answers are carried into the team kick-off.
OUTCOMES = ("mandate", "non_negotiable")

DEFAULT_VALUE_DRIVERS = {
    "nl": ["Betaalbaarheid", "Verduurzaming en CO2", "Kwaliteit van wonen", "Leefbaarheid", "Kostenbesparing", "Innovatie"],
    "en": ["Affordability", "Sustainability and CO2", "Quality of housing", "Liveability", "Cost savings", "Innovation"],
}
DEFAULT_HORIZONS = [1, 3, 10]
MAX_DRIVERS, MAX_HORIZONS = 12, 6


def _horizons(values: list) -> list[int]:
    """Distinct horizons in years, at most MAX_HORIZONS of them."""
    horizons = sorted({fields.integer(h, minimum=1, maximum=50, name="horizons") for h in values})
    if len(horizons) > MAX_HORIZONS:
        raise InvalidInput(N_("%(field)s can have at most %(max)d items."), field="horizons", max=MAX_HORIZONS)
    return horizons


def canonical(driver, config: dict):
    """A value driver as the workshop's language names it; a phone in the other language sends its own name."""
    drivers = config["value_drivers"]
    if driver in drivers:
        return driver
    for translation in (config.get("translations") or {}).values():
        names = translation.get("value_drivers") or []
        if driver in names and len(names) == len(drivers):
            return drivers[names.index(driver)]
    return driver


class Ambitions(ActivityKind):
    """Each participant submits a few ambitions; the screen groups them per organisation."""

    name = "ambitions"
    label = N_("Ambitions")
    many_answers = True
    ui_strings = {
        "required": N_("(required)"),
        "missing": N_("Still to fill in: {fields}."),
        "missing_text": N_("your ambition"),
        "missing_driver": N_("a value driver"),
        "missing_horizon": N_("a horizon"),
    }

    settings = (
        Setting(
            "value_drivers",
            TEXTS,
            N_("One per line. Leave empty to not ask for one."),
            translatable=True,
            paired=True,
            max_items=MAX_DRIVERS,
            max_length=60,
        ),
        Setting("horizons", INTEGERS, N_("In years. Leave empty to not ask for one."), min=1, max=50, max_items=MAX_HORIZONS),
        Setting("max_per_participant", INTEGER, min=1, max=20),
        Setting("max_length", INTEGER, N_("Characters per ambition."), min=20, max=1000),
    )

    def check_change(self, old, new, answers):
        for answer in answers:
            driver, horizon = answer.payload.get("value_driver"), answer.payload.get("horizon")
            if driver and driver not in new["value_drivers"]:
                raise InvalidTransition(
                    N_("Ambitions were given with the value driver %(name)s: keep it as it is."),
                    field="value_drivers",
                    name=driver,
                )
            if horizon and horizon not in new["horizons"]:
                raise InvalidTransition(
                    N_("Ambitions were given with the horizon of %(n)d years: keep it."), field="horizons", n=horizon
                )
        counts: dict[int, int] = defaultdict(int)
        for answer in answers:
            counts[answer.participant_id] += 1
        at_least(
            new,
            "max_per_participant",
            max(counts.values(), default=0),
            N_("Somebody already gave %(n)d answers: the maximum cannot be lower."),
        )
        at_least(
            new,
            "max_length",
            longest(answers, "text"),
            N_("An answer already has %(n)d characters: the maximum cannot be lower."),
        )

    def default_config(self, language):
        return {
            "max_length": 280,
            "max_per_participant": 3,
            "value_drivers": list(DEFAULT_VALUE_DRIVERS[language]),
            "horizons": list(DEFAULT_HORIZONS),
        }

    def clean_config(self, config, language):
        base = self.default_config(language)
        drivers = config.get("value_drivers", base["value_drivers"])
        horizons = config.get("horizons", base["horizons"])
        horizons = fields.raw_items(horizons, max_items=MAX_HORIZONS, name="horizons")
        cleaned = {
            "max_length": fields.integer(
                config.get("max_length", base["max_length"]), minimum=20, maximum=1000, name="max_length"
            ),
            "max_per_participant": fields.integer(
                config.get("max_per_participant", base["max_per_participant"]), minimum=1, maximum=20, name="max_per_participant"
            ),
            "value_drivers": localised_list(drivers, language, name="value_drivers", max_items=MAX_DRIVERS, max_length=60),
            "horizons": _horizons(horizons),
        }
        # Optional: the phone's field label (e.g. "The mandate") and what the answers are an outcome of.
        label = localised(config.get("answer_label"), language, name="answer_label", max_length=60, required=False)
        if label:
            cleaned["answer_label"] = label
        if config.get("outcome") not in (None, ""):
            cleaned["outcome"] = fields.choice(config["outcome"], OUTCOMES, name="outcome")
        return cleaned

    def localise_results(self, data, config, texts):
        names = dict(zip(config.get("value_drivers", []), texts.get("value_drivers") or [], strict=False))
        for item in data["items"]:
            item["value_driver"] = names.get(item["value_driver"], item["value_driver"])
        for driver in data["value_drivers"]:
            driver["name"] = names.get(driver["name"], driver["name"])
        top = data["top_value_driver_by_organisation"]
        data["top_value_driver_by_organisation"] = {org: names.get(name, name) for org, name in top.items()}

    def answer_limit(self, config):
        return config["max_per_participant"]

    def clean_answer(self, config, payload, ctx):
        payload = require_mapping(payload)
        horizon = payload.get("horizon")
        horizon = (
            int(horizon)
            if isinstance(horizon, str) and len(horizon) <= 4 and horizon.isascii() and horizon.isdigit()
            else horizon
        )
        # Everything missing in one message, so a phone is not sent back once per field.
        missing = [
            name
            for name, value, asked in (
                ("text", payload.get("text"), True),
                ("value_driver", payload.get("value_driver"), bool(config["value_drivers"])),
                ("horizon", horizon, bool(config["horizons"])),
            )
            if asked and (value is None or (isinstance(value, str) and not value.strip()))
        ]
        if missing:
            raise InvalidInput(N_("Still to fill in: %(fields)s."), fields=missing)
        answer = {"text": fields.text(payload.get("text"), max_length=config["max_length"], name="text")}
        if config["value_drivers"]:
            driver = canonical(payload.get("value_driver"), config)
            answer["value_driver"] = fields.choice(driver, config["value_drivers"], name="value_driver")
        if config["horizons"]:
            answer["horizon"] = fields.choice(horizon, config["horizons"], name="horizon")
        return answer

    def aggregate(self, ctx):
        visible = ctx.visible
        shown = ctx.shown_organisations()
        merged = ctx.merged_counts()
        items = []
        for answer in ctx.answers if ctx.moderating else visible:
            org = ctx.organisation_of(answer)
            item = {
                "id": answer.id,
                "text": answer.payload["text"],
                "value_driver": answer.payload.get("value_driver"),
                "horizon": answer.payload.get("horizon"),
                # Small groups are pooled so one person's ambition cannot be traced to them.
                "organisation_id": org if org in shown else None,
                "merged": merged.get(answer.id, 0),
            }
            if ctx.moderating:
                item["hidden"] = answer.hidden
                item["merged_into"] = answer.merged_into
            items.append(item)
        drivers = Counter(a.payload.get("value_driver") for a in visible if a.payload.get("value_driver"))
        per_org: dict[int, Counter] = defaultdict(Counter)
        for answer in visible:
            org = ctx.organisation_of(answer)
            if org in shown and answer.payload.get("value_driver"):
                per_org[org][answer.payload["value_driver"]] += 1
        return {
            "items": items,
            "value_drivers": [
                {
                    "name": name,
                    "count": drivers.get(name, 0),
                    "by_organisation": {str(org): per_org[org].get(name, 0) for org in sorted(per_org)},
                }
                for name in ctx.activity.config.get("value_drivers", [])
            ],
            "top_value_driver_by_organisation": {
                str(org): sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for org, counts in per_org.items()
            },
            "horizons": {
                str(h): sum(1 for a in visible if a.payload.get("horizon") == h) for h in ctx.activity.config.get("horizons", [])
            },
            "organisations_shown": sorted(shown),
            # The word cloud view: words of every ambition and the value drivers chosen; no organisation in it.
            "words": words.cloud(
                [a.payload.get("text", "") for a in visible],
                [a.payload["value_driver"] for a in visible if a.payload.get("value_driver")],
            ),
        }


KIND = Ambitions()
