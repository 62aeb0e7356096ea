"""The registry of activity kinds and the check of an agenda item.

Every module in this package but `base` defines one kind as `KIND`; the registry finds them,
so adding a kind means adding a module here and its script under static/js/kinds/.
"""

import importlib
import pkgutil

from .. import fields
from ..errors import InvalidInput
from ..i18n import N_
from ..model import Activity
from .base import ActivityKind, AnswerContext, localised

# The order kinds are offered in on the control view: the flow of a kick-off.
ORDER = (
    "introductions",
    "ambitions",
    "goals",
    "dot_voting",
    "scale",
    "team_phase",
    "reflection",
    "poll",
    "consent",
    "commitments",
)


def _discover() -> dict[str, ActivityKind]:
    found = {}
    for module in pkgutil.iter_modules(__path__):
        if module.name == "base":
            continue
        kind = importlib.import_module(f"{__name__}.{module.name}").KIND
        found[kind.name] = kind
    rank = {name: i for i, name in enumerate(ORDER)}
    return dict(sorted(found.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))


KINDS: dict[str, ActivityKind] = _discover()


def get_kind(name: str) -> ActivityKind:
    """The kind registered under `name`."""
    try:
        return KINDS[name]
    except (KeyError, TypeError):
        raise InvalidInput(N_("%(field)s is not one of the options."), field="kind") from None


def untranslated(label: str, language: str) -> str:
    """The default for `translate`: the label as written in the code (English)."""
    return label


def clean_activity(item, language: str, translate=untranslated) -> Activity:
    """Check one agenda item: {kind, title, prompt, config}; texts may be given per language.

    An item without a title gets its kind's label, through `translate(label, language)`.
    """
    item = fields.mapping(item, name="agenda")
    kind = get_kind(item.get("kind"))
    config = kind.clean_config(fields.mapping(item.get("config"), name="config"), language)
    config["prompt"] = localised(item.get("prompt"), language, name="prompt", max_length=500, required=False)
    title = localised(item.get("title") or translate(kind.label, language), language, name="title", max_length=120)
    return Activity(kind=kind.name, title=title, config=config, results_visible=kind.results_visible_by_default)


__all__ = ["KINDS", "ActivityKind", "AnswerContext", "clean_activity", "get_kind"]
