"""Rules for creating a workshop and for joining one."""

import re

from . import fields
from .errors import InvalidInput, NotFound
from .i18n import N_
from .kinds import clean_activity, untranslated
from .model import (
    DEFAULT_PRIVACY_THRESHOLD,
    DEFAULT_ROLES,
    LANGUAGES,
    PALETTE,
    PRESENCES,
    Activity,
    Organisation,
    Participant,
    Workshop,
)

MAX_ORGANISATIONS = 12
MAX_ACTIVITIES = 60
COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def clean_organisations(items) -> list[Organisation]:
    """Organisations with unique names; a missing colour gets the next palette colour."""
    if not isinstance(items, list):
        raise InvalidInput(N_("%(field)s must be a list."), field="organisations")
    organisations: list[Organisation] = []
    for item in items:
        if isinstance(item, str):
            item = {"name": item}
        item = fields.mapping(item, name="organisations")
        name = fields.text(item.get("name"), max_length=80, required=False, name="organisation")
        if not name:
            continue
        if name.casefold() in {o.name.casefold() for o in organisations}:
            raise InvalidInput(N_("Organisation %(name)s appears twice."), name=name)
        colour = item.get("colour") or PALETTE[len(organisations) % len(PALETTE)]
        if not isinstance(colour, str) or not COLOUR.match(colour):
            raise InvalidInput(N_("%(field)s must be a colour such as #0072B2."), field="colour")
        organisations.append(Organisation(name=name, colour=colour.upper(), position=len(organisations)))
    if not organisations:
        raise InvalidInput(N_("Add at least one organisation."))
    if len(organisations) > MAX_ORGANISATIONS:
        raise InvalidInput(N_("%(field)s can have at most %(max)d items."), field="organisations", max=MAX_ORGANISATIONS)
    return organisations


def clean_workshop(data: dict, translate=untranslated) -> tuple[Workshop, list[Organisation], list[Activity]]:
    """Check a request to create a workshop and return what to store (`translate`: see clean_activity)."""
    data = fields.mapping(data, name="workshop")
    title = fields.text(data.get("title"), max_length=120, name="title")
    language = fields.choice(data.get("language") or "nl", LANGUAGES, name="language")
    roles = data.get("roles")
    roles = list(DEFAULT_ROLES) if roles in (None, "", []) else fields.text_list(roles, max_items=12, max_length=40, name="roles")
    settings = fields.mapping(data.get("settings"), name="settings")
    threshold = fields.integer(
        settings.get("privacy_threshold", DEFAULT_PRIVACY_THRESHOLD), minimum=1, maximum=50, name="privacy_threshold"
    )
    organisations = clean_organisations(data.get("organisations"))
    agenda = data.get("agenda") or []
    if not isinstance(agenda, list):
        raise InvalidInput(N_("%(field)s must be a list."), field="agenda")
    if len(agenda) > MAX_ACTIVITIES:
        raise InvalidInput(N_("%(field)s can have at most %(max)d items."), field="agenda", max=MAX_ACTIVITIES)
    activities = [clean_activity(item, language, translate) for item in agenda]
    for position, activity in enumerate(activities):
        activity.position = position
    workshop = Workshop(title=title, language=language, roles=roles, settings={"privacy_threshold": threshold})
    return workshop, organisations, activities


SCREEN_THEMES = ("dark", "light")


def update_settings(workshop: Workshop, data) -> None:
    """Change the workshop's settings while it runs: privacy threshold, projector theme."""
    data = fields.mapping(data, name="settings")
    settings = dict(workshop.settings)
    if "privacy_threshold" in data:
        settings["privacy_threshold"] = fields.integer(data["privacy_threshold"], minimum=1, maximum=50, name="privacy_threshold")
    if "screen_theme" in data:
        settings["screen_theme"] = fields.choice(data["screen_theme"], SCREEN_THEMES, name="screen_theme")
    workshop.settings = settings


def clean_participant(data: dict, workshop: Workshop, organisations: list[Organisation]) -> Participant:
    """Check a join request: a known organisation, one of the workshop's roles, a presence."""
    data = fields.mapping(data, name="participant")
    try:
        organisation_id = int(data.get("organisation_id"))
    except (TypeError, ValueError):
        raise InvalidInput(N_("Pick your organisation.")) from None
    if organisation_id not in {o.id for o in organisations}:
        raise NotFound(N_("Pick your organisation."))
    role = data.get("role")
    if role not in workshop.roles:
        raise InvalidInput(N_("Pick your role."))
    presence = fields.choice(data.get("presence") or "room", PRESENCES, name="presence")
    name = fields.text(data.get("display_name"), max_length=40, required=False, name="display_name")
    return Participant(organisation_id=organisation_id, role=role, presence=presence, display_name=name)
