"""Translates domain errors at the edge, for HTTP answers and Socket.IO acks alike."""

from flask_babel import force_locale, gettext

from .domain.errors import DomainError
from .domain.i18n import FIELD_LABELS


def error_message(err: DomainError) -> str:
    """The error's message in the current language, with its field names translated too."""
    params = dict(err.params)
    if "field" in params:
        params["field"] = gettext(FIELD_LABELS.get(params["field"], params["field"]))
    if not err.detail:
        return gettext("That did not work.")
    return gettext(err.detail, **params)


def translate_label(label: str, language: str) -> str:
    """A kind's label in the workshop's language, for activities created without a title."""
    with force_locale(language if language in ("nl", "en") else "nl"):
        return gettext(label)
