"""Scale (tip 4): a slider between two poles, e.g. fully planned versus letting it emerge."""

from collections import Counter

from .. import fields
from ..errors import InvalidInput
from ..i18n import N_
from .base import INTEGER, TEXT, ActivityKind, Setting, keep, localised, require_mapping

DEFAULT_POLES = {
    "nl": ("Stap voor stap, alles gepland", "Laten ontstaan"),
    "en": ("Step by step, fully planned", "Let it emerge"),
}
MAX_RANGE = 100
LIMIT = 1000


def quantile(ordered: list[int], p: float) -> float:
    """The p-quantile by linear interpolation between order statistics.

    This is the "inclusive" method (Hyndman & Fan type 7): Excel's QUARTILE.INC, numpy's default and
    Python's statistics.quantiles(method="inclusive"). Position p*(n-1) in the sorted values, counted from 0.
    """
    position = p * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    value = ordered[low] + (ordered[high] - ordered[low]) * (position - low)
    return int(value) if float(value).is_integer() else round(value, 2)


def summary(values: list[int], lowest: int, highest: int) -> dict:
    """Distribution over the whole scale, median and spread of a set of values."""
    counts = Counter(values)
    ordered = sorted(values)
    result = {
        "count": len(values),
        "distribution": [{"value": v, "count": counts.get(v, 0)} for v in range(lowest, highest + 1)],
        "median": None,
        "q1": None,
        "q3": None,
        "iqr": None,
        "min": None,
        "max": None,
    }
    if ordered:
        q1, q3 = quantile(ordered, 0.25), quantile(ordered, 0.75)
        iqr = q3 - q1
        result.update(
            median=quantile(ordered, 0.5),
            q1=q1,
            q3=q3,
            iqr=int(iqr) if float(iqr).is_integer() else round(iqr, 2),
            min=ordered[0],
            max=ordered[-1],
        )
    return result


class Scale(ActivityKind):
    """Each participant places themselves once on the scale; screens show the spread and each organisation's median."""

    name = "scale"
    label = N_("Scale")
    many_answers = False
    # Results wait for the reveal: seeing where the room stands invites people to anchor on it.
    results_visible_by_default = False
    ui_strings = {
        "your_position": N_("Your position"),
        "update": N_("Update my answer"),
        "yours": N_("Your answer: {n}"),
        "can_change": N_("You can change your answer until the facilitator closes this activity."),
        "median": N_("Median {n}"),
        "spread": N_("Middle half between {q1} and {q3}"),
        "range": N_("From {min} to {max}"),
        "everyone": N_("Everyone"),
        "medians": N_("Median per organisation"),
        "people": N_("{n} people"),
        "people_one": N_("1 person"),
        "not_shown": N_("Organisations with fewer than {k} answers are not shown separately."),
        "trend_title": N_("Trend across the partnership's workshops (median)"),
        "trend_hidden": N_("– : fewer answers than that workshop's smallest group shown."),
        "now": N_("now"),
    }

    settings = (
        Setting("left", TEXT, N_("What the lowest value stands for."), translatable=True, max_length=80),
        Setting("right", TEXT, N_("What the highest value stands for."), translatable=True, max_length=80),
        Setting("min", INTEGER, N_("A scale spans at most 100 steps."), min=-LIMIT, max=LIMIT),
        Setting("max", INTEGER, min=-LIMIT, max=LIMIT),
    )

    def check_change(self, old, new, answers):
        # A 7 on a scale of 0 to 10 means something else on a scale of 0 to 100.
        message = N_("People have answered on this scale: its lowest and highest values stay as they are.")
        keep(old, new, "min", message)
        keep(old, new, "max", message)

    def default_config(self, language):
        left, right = DEFAULT_POLES.get(language, DEFAULT_POLES["en"])
        return {"left": left, "right": right, "min": 0, "max": 10}

    def clean_config(self, config, language):
        base = self.default_config(language)
        lowest = fields.integer(config.get("min", base["min"]), minimum=-LIMIT, maximum=LIMIT, name="min")
        highest = fields.integer(config.get("max", base["max"]), minimum=-LIMIT, maximum=LIMIT, name="max")
        if lowest >= highest:
            raise InvalidInput(N_("The lowest value must be below the highest."), field="max")
        if highest - lowest > MAX_RANGE:
            raise InvalidInput(N_("A scale can span at most %(max)d steps."), field="max", max=MAX_RANGE)
        cleaned = {
            "left": localised(config.get("left", base["left"]), language, name="left", max_length=80),
            "right": localised(config.get("right", base["right"]), language, name="right", max_length=80),
            "min": lowest,
            "max": highest,
        }
        # A recurring measure (e.g. "trust"): scales with the same measure form a trend across a partnership.
        measure = fields.text(config.get("measure"), max_length=40, required=False, name="measure")
        if measure:
            cleaned["measure"] = measure.casefold()
        return cleaned

    def localise_results(self, data, config, texts):
        data.update({pole: texts[pole] for pole in ("left", "right") if texts.get(pole)})

    def clean_answer(self, config, payload, ctx):
        payload = require_mapping(payload)
        return {"value": fields.integer(payload.get("value"), minimum=config["min"], maximum=config["max"], name="value")}

    def aggregate(self, ctx):
        """{"min", "max", "left", "right", "overall": summary, "by_organisation": {org: summary}, "organisations_shown"}.

        A summary is {count, distribution: [{value, count}] over the whole scale, median, q1, q3, iqr, min, max}
        (quartiles by the inclusive method, see `quantile`); only organisations with enough answerers get one.
        """
        config = ctx.activity.config
        lowest, highest = config["min"], config["max"]
        shown = ctx.shown_organisations()
        per_org: dict[int, list[int]] = {}
        for answer in ctx.visible:
            per_org.setdefault(ctx.organisation_of(answer), []).append(answer.payload["value"])
        return {
            "min": lowest,
            "max": highest,
            "left": config.get("left", ""),
            "right": config.get("right", ""),
            "overall": summary([a.payload["value"] for a in ctx.visible], lowest, highest),
            "by_organisation": {
                str(org.id): summary(per_org[org.id], lowest, highest) for org in ctx.organisations if org.id in shown
            },
            "organisations_shown": sorted(shown),
        }


KIND = Scale()
