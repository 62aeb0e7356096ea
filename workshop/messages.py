"""Translates domain errors at the edge, for HTTP answers and Socket.IO acks alike."""

from babel.lists import format_list
from flask_babel import force_locale, get_locale, gettext

from .domain.errors import DomainError
from .domain.i18n import FIELD_LABELS, LANGUAGE_NAMES


def error_message(err: DomainError) -> str:
    """The error's message in the current language, with its field names translated too.

    An error about a text in one language names it ("Title (English)"); one about an agenda item
    of a new workshop says which ("Activity 3: ...").
    """
    params = dict(err.params)
    if "field" in params:
        params["field"] = gettext(FIELD_LABELS.get(params["field"], params["field"]))
        language = LANGUAGE_NAMES.get(params.get("language"))
        if language:
            params["field"] = gettext("%(field)s (%(language)s)", field=params["field"], language=gettext(language))
    if "fields" in params:
        params["fields"] = field_list(params["fields"])
    if not err.detail:
        return gettext("That did not work.")
    message = gettext(err.detail, **params)
    if isinstance(params.get("item"), int):
        message = gettext("Activity %(n)d: %(message)s", n=params["item"] + 1, message=message)
    return message


def error_details(err: DomainError) -> dict:
    """Where the error is, for a form to show it beside its field: field, agenda item, language."""
    return {key: err.params[key] for key in ("field", "item", "language") if key in err.params}


def field_list(names) -> str:
    """Several field names as one phrase: "text, value driver and horizon" (lower case, in the current language)."""
    labels = [gettext(FIELD_LABELS.get(name, name)) for name in names]
    labels = [label[:1].lower() + label[1:] if not label[1:2].isupper() else label for label in labels]
    return format_list(labels, locale=str(get_locale() or "nl"))


def translate_label(label: str, language: str) -> str:
    """A kind's label in the workshop's language, for activities created without a title."""
    with force_locale(language if language in ("nl", "en") else "nl"):
        return gettext(label)
