"""Leadership reflection: a personal answer, private unless its author chooses to share it."""

import secrets

from .. import fields
from ..i18n import N_
from .base import INTEGER, TEXTS, ActivityKind, Setting, at_least, localised_list, longest, require_mapping

PRIVATE, NAMED, ANONYMOUS = "private", "named", "anonymous"
SHARING = (PRIVATE, NAMED, ANONYMOUS)

# The article's questions on (personal) leadership, as prompts to think along.
DEFAULT_QUESTIONS = {
    "nl": [
        "Waar loop je tegenaan?",
        "Wat beangstigt je, of maakt je (over)moedig?",
        "Wanneer zet je al je kracht in, en wanneer houd je in om ruimte te maken voor anderen?",
        "Welke vraag wordt er niet gesteld?",
    ],
    "en": [
        "What do you run into?",
        "What frightens you, or makes you bold?",
        "When do you use all your strength, and when do you hold back to make room for others?",
        "Which question is not being asked?",
    ],
}


class Reflection(ActivityKind):
    """One reflection per participant, editable while open; only what is shared reaches any screen."""

    name = "reflection"
    label = N_("Reflection")
    many_answers = False
    # Personal answers: the facilitator reveals the shared ones when the room is ready for it.
    results_visible_by_default = False

    def needs_new_row(self, old, new):
        return old.get("share") != new.get("share")

    ui_strings = {
        "your_reflection": N_("Your reflection"),
        "think_along": N_("Questions to think along"),
        "sharing": N_("Who may read this?"),
        "private": N_("Keep private (default)"),
        "private_hint": N_("Only you can read it back."),
        "named": N_("Share with my name"),
        "named_hint": N_("The group sees it with your name."),
        "named_no_name": N_("The group sees it with your organisation; you gave no name."),
        "anonymous": N_("Share anonymously"),
        "anonymous_hint": N_("The group sees it without name or organisation."),
        "save": N_("Save"),
        "update": N_("Save changes"),
        "yours": N_("Your reflection"),
        "state_private": N_("Private: only you can read this."),
        "state_named": N_("Shared with your name."),
        "state_anonymous": N_("Shared anonymously."),
        "edit_while_open": N_("You can change it while the activity is open."),
        "private_count": N_("{n} private answers"),
        "private_count_one": N_("1 private answer"),
        "shared_count": N_("{n} shared"),
        "anonymous_author": N_("Anonymous"),
        "no_shared": N_("Nothing shared yet. Private answers stay private."),
        "anonymous_waiting": N_("{n} anonymous, shown once {k} people have answered"),
    }

    settings = (
        Setting(
            "questions",
            TEXTS,
            N_("One per line: questions to think along, shown on the phone."),
            translatable=True,
            max_items=6,
            max_length=200,
        ),
        Setting("max_length", INTEGER, N_("Characters per reflection."), min=20, max=4000),
    )

    def check_change(self, old, new, answers):
        at_least(
            new,
            "max_length",
            longest(answers, "text"),
            N_("An answer already has %(n)d characters: the maximum cannot be lower."),
        )

    def default_config(self, language):
        return {"questions": list(DEFAULT_QUESTIONS.get(language, DEFAULT_QUESTIONS["en"])), "max_length": 1000}

    def clean_config(self, config, language):
        base = self.default_config(language)
        return {
            "questions": localised_list(
                config.get("questions", base["questions"]), language, name="questions", max_items=6, max_length=200
            ),
            "max_length": fields.integer(
                config.get("max_length", base["max_length"]), minimum=20, maximum=4000, name="max_length"
            ),
        }

    def clean_answer(self, config, payload, ctx):
        payload = require_mapping(payload)
        cleaned = {
            "text": fields.text(payload.get("text"), max_length=config["max_length"], name="text"),
            "share": fields.choice(payload.get("share") or PRIVATE, SHARING, name="share"),
        }
        if cleaned["share"] == ANONYMOUS:
            # The facilitator hides an abusive anonymous answer by this random handle, never by its row id.
            cleaned["ref"] = "anon-" + secrets.token_urlsafe(12)
        return cleaned

    def own_view(self, answer):
        return {k: v for k, v in answer.payload.items() if k != "ref"}

    def public_id(self, answer):
        """Named answers by id; anonymous ones by their random handle; private ones never."""
        share = answer.payload.get("share", PRIVATE)
        return answer.id if share == NAMED else answer.payload.get("ref") if share == ANONYMOUS else None

    def aggregate(self, ctx):
        """Only shared answers, for the screen and the facilitator alike; private ones only as a count.

        {"shared": [{"text", "share", "display_name", "organisation_id"}], "shared_count", "private_count",
        "anonymous_waiting"}: anonymous answers appear once at least the privacy threshold of people
        answered (until then they are only counted in `anonymous_waiting`).
        Anonymous answers carry neither name nor organisation; a named one's organisation only when that
        organisation has enough answerers. The facilitator's items carry `id` and `hidden`, to moderate:
        a named answer's row id, an anonymous one's random handle (its row id is never shown).
        """
        shown = ctx.shown_organisations()
        # Anonymous among fewer people than the threshold is not anonymous: such answers wait.
        enough = len({a.participant_id for a in ctx.answers}) >= ctx.workshop.privacy_threshold
        shared = []
        waiting = 0
        for answer in ctx.answers if ctx.moderating else ctx.visible:
            share = answer.payload.get("share", PRIVATE)
            if share not in (NAMED, ANONYMOUS):
                continue
            if share == ANONYMOUS and not enough:
                waiting += 0 if answer.hidden else 1
                continue
            named = share == NAMED
            org = ctx.organisation_of(answer)
            item = {
                "text": answer.payload["text"],
                "share": share,
                "display_name": (ctx.display_name(answer) or None) if named else None,
                "organisation_id": org if named and org in shown else None,
            }
            if ctx.moderating:
                item["id"] = self.public_id(answer)
                item["hidden"] = answer.hidden
            shared.append(item)
        return {
            "shared": shared,
            "shared_count": sum(1 for a in ctx.visible if a.payload.get("share") in (NAMED, ANONYMOUS)),
            "private_count": sum(1 for a in ctx.visible if a.payload.get("share", PRIVATE) == PRIVATE),
            "anonymous_waiting": waiting,
        }


KIND = Reflection()
