"""The registry of activity kinds and the check of an agenda item."""
from .. import fields
from ..errors import InvalidInput
from ..i18n import N_
from ..model import Activity
from .ambitions import Ambitions
from .base import ActivityKind, localised

KINDS: dict[str, ActivityKind] = {kind.name: kind for kind in (Ambitions(),)}


def get_kind(name: str) -> ActivityKind:
    """The kind registered under `name`."""
    try:
        return KINDS[name]
    except (KeyError, TypeError):
        raise InvalidInput(N_("%(field)s is not one of the options."), field="kind") from None


def clean_activity(item, language: str) -> Activity:
    """Check one agenda item: {kind, title, prompt, config}; texts may be given per language."""
    item = fields.mapping(item, name="agenda")
    kind = get_kind(item.get("kind"))
    config = kind.clean_config(fields.mapping(item.get("config"), name="config"), language)
    config["prompt"] = localised(item.get("prompt"), language, name="prompt", max_length=500, required=False)
    title = localised(item.get("title") or kind.label, language, name="title", max_length=120)
    return Activity(kind=kind.name, title=title, config=config, results_visible=kind.results_visible_by_default)
