"""Ambitions (tip 2): open text with a value driver and a horizon."""

from collections import Counter, defaultdict

from .. import fields
from ..errors import InvalidInput
from ..i18n import N_
from .base import ActivityKind, localised_list, require_mapping

DEFAULT_VALUE_DRIVERS = {
    "nl": ["Betaalbaarheid", "Verduurzaming en CO2", "Kwaliteit van wonen", "Leefbaarheid", "Kostenbesparing", "Innovatie"],
    "en": ["Affordability", "Sustainability and CO2", "Quality of housing", "Liveability", "Cost savings", "Innovation"],
}
DEFAULT_HORIZONS = [1, 3, 10]


class Ambitions(ActivityKind):
    """Each participant submits a few ambitions; the screen groups them per organisation."""

    name = "ambitions"
    label = N_("Ambitions")
    many_answers = True

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
        if not isinstance(horizons, list):
            raise InvalidInput(N_("%(field)s must be a list."), field="horizons")
        return {
            "max_length": fields.integer(
                config.get("max_length", base["max_length"]), minimum=20, maximum=1000, name="max_length"
            ),
            "max_per_participant": fields.integer(
                config.get("max_per_participant", base["max_per_participant"]), minimum=1, maximum=20, name="max_per_participant"
            ),
            "value_drivers": localised_list(drivers, language, name="value_drivers", max_items=12, max_length=60),
            "horizons": sorted({fields.integer(h, minimum=1, maximum=50, name="horizons") for h in horizons}),
        }

    def answer_limit(self, config):
        return config["max_per_participant"]

    def clean_answer(self, config, payload, ctx):
        payload = require_mapping(payload)
        answer = {"text": fields.text(payload.get("text"), max_length=config["max_length"], name="text")}
        if config["value_drivers"]:
            answer["value_driver"] = fields.choice(payload.get("value_driver"), config["value_drivers"], name="value_driver")
        if config["horizons"]:
            horizon = payload.get("horizon")
            horizon = int(horizon) if isinstance(horizon, str) and horizon.isdigit() else horizon
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
        }


KIND = Ambitions()
