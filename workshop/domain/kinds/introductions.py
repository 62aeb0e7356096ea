"""Introductions (tip 3, team formation): what I bring and what I come to get."""

from .. import fields
from ..i18n import N_
from .base import INTEGER, ActivityKind, Setting, at_least, longest, require_mapping


class Introductions(ActivityKind):
    """One introduction per participant; the screen shows them in a column per organisation."""

    name = "introductions"
    label = N_("Introductions")
    many_answers = False
    ui_strings = {
        "bring": N_("What I bring"),
        "get": N_("What I come to get"),
        "bring_hint": N_("Your knowledge, experience, network, way of working…"),
        "get_hint": N_("What you hope to learn, find or achieve together…"),
        "update": N_("Update my introduction"),
        "yours": N_("Your introduction"),
        "can_change": N_("You can change your answer until the facilitator closes this activity."),
    }

    settings = (Setting("max_length", INTEGER, N_("Characters per answer."), min=20, max=1000),)

    def check_change(self, old, new, answers):
        at_least(
            new,
            "max_length",
            longest(answers, "bring", "get"),
            N_("An answer already has %(n)d characters: the maximum cannot be lower."),
        )

    def default_config(self, language):
        return {"max_length": 280}

    def clean_config(self, config, language):
        return {
            "max_length": fields.integer(config.get("max_length", 280), minimum=20, maximum=1000, name="max_length"),
        }

    def clean_answer(self, config, payload, ctx):
        payload = require_mapping(payload)
        return {
            "bring": fields.text(payload.get("bring"), max_length=config["max_length"], name="bring"),
            "get": fields.text(payload.get("get"), max_length=config["max_length"], name="get"),
        }

    def aggregate(self, ctx):
        """Introductions per organisation, in the workshop's order; small organisations pooled without names.

        {"groups": [{"organisation_id": id or None, "items": [{"id", "bring", "get", "display_name"}]}],
         "organisations_shown": [ids]}; the facilitator's items also carry `hidden`.
        """
        shown = ctx.shown_organisations()
        groups: dict = {}
        for answer in ctx.answers if ctx.moderating else ctx.visible:
            org = ctx.organisation_of(answer)
            pooled = org not in shown
            item = {
                "id": answer.id,
                "bring": answer.payload["bring"],
                "get": answer.payload["get"],
                # Introductions are personal, but in a pooled small group a name would say who it is.
                "display_name": None if pooled else (ctx.display_name(answer) or None),
            }
            if ctx.moderating:
                item["hidden"] = answer.hidden
            groups.setdefault(None if pooled else org, []).append(item)
        order = [o.id for o in ctx.organisations if o.id in groups] + ([None] if None in groups else [])
        return {
            "groups": [{"organisation_id": org, "items": groups[org]} for org in order],
            "organisations_shown": sorted(shown),
        }


KIND = Introductions()
