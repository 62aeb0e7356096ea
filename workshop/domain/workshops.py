"""Rules for creating a workshop and for joining one."""

import re
from datetime import datetime, timedelta

from . import fields
from .errors import InvalidInput, NotFound
from .i18n import N_
from .kinds import clean_activity, offers, other_language, untranslated
from .model import (
    DEFAULT_PRIVACY_THRESHOLD,
    DEFAULT_RETENTION_DAYS,
    DEFAULT_ROLES,
    IN_ROOM,
    LANGUAGES,
    MAX_PRIVACY_THRESHOLD,
    MAX_RETENTION_DAYS,
    MIN_PRIVACY_THRESHOLD,
    PALETTE,
    PRESENCES,
    Activity,
    Organisation,
    Participant,
    Workshop,
)

MAX_ORGANISATIONS = 12
MAX_ACTIVITIES = 60
MAX_TITLE = 120
MAX_ORGANISATION_NAME = 80
MAX_ROLES = 12
MAX_ROLE = 40
MAX_DISPLAY_NAME = 40
COLOUR_PATTERN = "^#[0-9A-Fa-f]{6}$"
COLOUR = re.compile(COLOUR_PATTERN)
SCREEN_THEMES = ("dark", "light")


def _or_default(value, default):
    """An optional field left out or null takes its default; any other value is checked as it is."""
    return default if value is None else value


def clean_organisations(items) -> list[Organisation]:
    """Organisations with unique names; a missing colour gets the next palette colour."""
    if not isinstance(items, list):
        raise InvalidInput(N_("%(field)s must be a list."), field="organisations")
    if len(items) > MAX_ORGANISATIONS:
        raise InvalidInput(N_("%(field)s can have at most %(max)d items."), field="organisations", max=MAX_ORGANISATIONS)
    organisations: list[Organisation] = []
    seen: set[str] = set()
    for item in items:
        if isinstance(item, str):
            item = {"name": item}
        item = fields.mapping(item, name="organisations")
        name = fields.text(item.get("name"), max_length=MAX_ORGANISATION_NAME, name="organisation")
        if name.casefold() in seen:
            raise InvalidInput(N_("Organisation %(name)s appears twice."), name=name)
        seen.add(name.casefold())
        colour = _or_default(item.get("colour"), PALETTE[len(organisations) % len(PALETTE)])
        if not isinstance(colour, str) or not COLOUR.fullmatch(colour):
            raise InvalidInput(N_("%(field)s must be a colour such as #0072B2."), field="colour")
        organisations.append(Organisation(name=name, colour=colour.upper(), position=len(organisations)))
    if not organisations:
        raise InvalidInput(N_("Add at least one organisation."))
    return organisations


def retention(value) -> int:
    """Days a workshop is kept: one day up to two years."""
    return fields.integer(value, minimum=1, maximum=MAX_RETENTION_DAYS, name="retention_days")


def expiry(created_at: datetime, days: int) -> datetime:
    """When a workshop created at `created_at` and kept `days` days is deleted."""
    return created_at + timedelta(days=days)


def clean_workshop(
    data: dict, translate=untranslated, retention_days: int = DEFAULT_RETENTION_DAYS
) -> tuple[Workshop, list[Organisation], list[Activity]]:
    """Check a request to create a workshop and return what to store (`translate`: see clean_activity)."""
    data = fields.mapping(data, name="workshop")
    title = fields.text(data.get("title"), max_length=MAX_TITLE, name="title")
    language = fields.choice(_or_default(data.get("language"), "nl"), LANGUAGES, name="language")
    roles = data.get("roles")
    if roles is not None and not isinstance(roles, list):
        raise InvalidInput(N_("%(field)s must be a list."), field="roles")
    roles = fields.text_list(roles, max_items=MAX_ROLES, max_length=MAX_ROLE, name="roles") if roles else list(DEFAULT_ROLES)
    settings = fields.mapping(data.get("settings"), name="settings")
    threshold = fields.integer(
        settings.get("privacy_threshold", DEFAULT_PRIVACY_THRESHOLD),
        minimum=MIN_PRIVACY_THRESHOLD,
        maximum=MAX_PRIVACY_THRESHOLD,
        name="privacy_threshold",
    )
    keep = retention(settings.get("retention_days", retention_days))
    organisations = clean_organisations(data.get("organisations"))
    agenda = _or_default(data.get("agenda"), [])
    if not isinstance(agenda, list):
        raise InvalidInput(N_("%(field)s must be a list."), field="agenda")
    if len(agenda) > MAX_ACTIVITIES:
        raise InvalidInput(N_("%(field)s can have at most %(max)d items."), field="agenda", max=MAX_ACTIVITIES)
    bilingual = settings.get("bilingual")
    if bilingual is None:
        # A format written in both languages makes a bilingual workshop unless the request says otherwise.
        bilingual = any(offers(item, other_language(language)) for item in agenda)
    elif not isinstance(bilingual, bool):
        raise InvalidInput(N_("%(field)s must be true or false."), field="bilingual")
    activities = []
    for position, item in enumerate(agenda):
        try:
            activities.append(clean_activity(item, language, translate, bilingual))
        except InvalidInput as err:
            # Which agenda item, so the editor can show the error beside its field.
            err.params.setdefault("item", position)
            raise
        activities[-1].position = position
    workshop = Workshop(
        title=title,
        language=language,
        roles=roles,
        settings={"privacy_threshold": threshold, "bilingual": bilingual, "retention_days": keep},
    )
    return workshop, organisations, activities


SCREEN_THEMES = ("dark", "light")
# Whose answers the projector shows: everyone, only the room, only remote people, or room and remote side by side.
SCREEN_PRESENCES = ("everyone", "room", "remote", "split")
# Views of an activity's results other than its usual one, by kind.
SCREEN_VIEWS = {"dot_voting": ("divergence",)}

# What the projector shows for some kinds, workshop-wide: ambitions as cards or a word cloud; a recurring
# scale this round or its trend across the partnership.
VIEW_SETTINGS = {"ambitions_view": ("cards", "words"), "scale_view": ("chart", "trend")}


def update_settings(workshop: Workshop, data, current: Activity | None = None) -> None:
    """Change the workshop's settings while it runs: privacy threshold, projector theme and what it shows, retention.

    `screen_view` ("results" or a kind's other view, e.g. "divergence") holds for the current activity
    only, so the next activity opens with its usual results.
    """
    data = fields.mapping(data, name="settings")
    settings = dict(workshop.settings)
    if "privacy_threshold" in data:
        settings["privacy_threshold"] = fields.integer(
            data["privacy_threshold"], minimum=MIN_PRIVACY_THRESHOLD, maximum=MAX_PRIVACY_THRESHOLD, name="privacy_threshold"
        )
    if "screen_theme" in data:
        settings["screen_theme"] = fields.choice(data["screen_theme"], SCREEN_THEMES, name="screen_theme")
    if "screen_presence" in data:
        settings["screen_presence"] = fields.choice(data["screen_presence"], SCREEN_PRESENCES, name="screen_presence")
    if "screen_view" in data:
        view = data["screen_view"]
        if view in (None, "results"):
            settings.pop("screen_view", None)
        else:
            if current is None or view not in SCREEN_VIEWS.get(current.kind, ()):
                raise InvalidInput(N_("The current activity has no such view for the screen."))
            settings["screen_view"] = {"activity_id": current.id, "view": view}
    if "retention_days" in data:
        settings["retention_days"] = retention(data["retention_days"])
    for key, views in VIEW_SETTINGS.items():
        if key in data:
            settings[key] = fields.choice(data[key], views, name="screen_view")
    workshop.settings = settings


def clean_participant(data: dict, workshop: Workshop, organisations: list[Organisation]) -> Participant:
    """Check a join request: a known organisation, one of the workshop's roles, a presence."""
    data = fields.mapping(data, name="participant")
    try:
        organisation_id = fields.identifier(data.get("organisation_id"), name="organisation_id")
    except InvalidInput:
        raise InvalidInput(N_("Pick your organisation.")) from None
    if organisation_id not in {o.id for o in organisations}:
        raise NotFound(N_("Pick your organisation."))
    role = data.get("role")
    if role not in workshop.roles:
        # Like an unknown organisation: not one of this workshop's own list (404 on the API).
        raise NotFound(N_("Pick your role."))
    presence = fields.choice(_or_default(data.get("presence"), IN_ROOM), PRESENCES, name="presence")
    name = fields.text(data.get("display_name"), max_length=MAX_DISPLAY_NAME, required=False, name="display_name")
    return Participant(organisation_id=organisation_id, role=role, presence=presence, display_name=name)
