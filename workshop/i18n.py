"""Flask-Babel set-up: workshop pages speak the workshop's language unless the user picked one."""

from flask import g, request
from flask_babel import Babel

LANGUAGES = ("nl", "en")
LANGUAGE_COOKIE = "samenspel_lang"
babel = Babel()


def chosen_language() -> str | None:
    """The language a person picked with the switch on a page, if any."""
    picked = request.args.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    return picked if picked in LANGUAGES else None


def select_locale() -> str:
    """The user's pick, else the workshop's language, else the browser's, else the default."""
    from flask import current_app

    return (
        chosen_language()
        or getattr(g, "workshop_language", None)
        or request.accept_languages.best_match(LANGUAGES)
        or current_app.config["DEFAULT_LANGUAGE"]
    )


def init_app(app) -> None:
    """Attach Babel with the translations folder at the project root."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(app.config["ROOT"] / "translations"))
    babel.init_app(app, locale_selector=select_locale)
