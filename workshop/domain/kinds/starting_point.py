"""Starting point: what the partnership's directors agreed, shown at the start of the team kick-off (tip 1).

Filled when a workshop of a partnership imports from its earlier workshops: the outcome of the latest
directors' session (its adopted goals as the shared ambition, the mandate, what is not negotiable, and the
value drivers each organisation brings). Phones and the projector show it; nobody answers. The outcome was
taken with the privacy threshold of the directors' session: a text names its organisation only when that
organisation had enough people answering there.
"""

from .. import fields
from ..errors import InvalidInput
from ..i18n import N_
from .base import ActivityKind

MAX_ITEMS, MAX_TEXT = 20, 1000


def _texts(items, name: str) -> list[dict]:
    """[{"text", "organisation_id" | None}] as stored in the snapshot."""
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        raise InvalidInput(N_("%(field)s can have at most %(max)d items."), field=name, max=MAX_ITEMS)
    cleaned = []
    for item in items:
        item = {"text": item} if isinstance(item, str) else fields.mapping(item, name=name)
        org = item.get("organisation_id")
        cleaned.append(
            {
                "text": fields.text(item.get("text"), max_length=MAX_TEXT, name=name),
                "organisation_id": org if fields.is_identifier(org) else None,
            }
        )
    return cleaned


class StartingPoint(ActivityKind):
    """The directors' outcome as a snapshot in the activity's settings; phones and screens only watch."""

    name = "starting_point"
    label = N_("Starting point")
    # The title it gets on the agenda (the label is the kind's name on the control view and phones).
    title = N_("What your directors agreed")
    takes_answers = False
    ui_strings = {
        "intro": N_("This is where we start: what the directors of our organisations agreed."),
        "from": N_("From: {title}, {date}"),
        "ambitions": N_("The shared ambition"),
        "mandate": N_("The mandate for the team"),
        "non_negotiables": N_("Not negotiable"),
        "value_drivers": N_("What drives each organisation"),
        "empty": N_("The directors' session has no outcome yet."),
        "pooled": N_("Several organisations"),
    }

    def default_config(self, language):
        return {"source": "", "date": "", "ambitions": [], "mandate": [], "non_negotiables": [], "value_drivers": []}

    def clean_config(self, config, language):
        drivers = config.get("value_drivers", [])
        if not isinstance(drivers, list) or len(drivers) > MAX_ITEMS:
            raise InvalidInput(N_("%(field)s can have at most %(max)d items."), field="value_drivers", max=MAX_ITEMS)
        return {
            "source": fields.text(config.get("source"), max_length=200, required=False, name="title"),
            "date": fields.text(config.get("date"), max_length=20, required=False, name="title"),
            "ambitions": _texts(config.get("ambitions", []), "goals"),
            "mandate": _texts(config.get("mandate", []), "answer"),
            "non_negotiables": _texts(config.get("non_negotiables", []), "answer"),
            "value_drivers": [
                {
                    "organisation_id": d.get("organisation_id") if fields.is_identifier(d.get("organisation_id")) else None,
                    "drivers": fields.text_list(
                        d.get("drivers", []), max_items=6, max_length=60, min_items=0, name="value_drivers"
                    ),
                }
                for d in (fields.mapping(d, name="value_drivers") for d in drivers)
            ],
        }

    def clean_answer(self, config, payload, ctx):
        raise InvalidInput(N_("This activity does not take answers from phones."))

    def aggregate(self, ctx):
        """The snapshot as it is; it holds no answers of this workshop."""
        config = ctx.activity.config
        return {key: config.get(key, value) for key, value in self.default_config(ctx.workshop.language).items()}


KIND = StartingPoint()
