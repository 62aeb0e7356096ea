"""HTTP: pages, the JSON API, security headers and error answers."""

from pathlib import Path

from flask import current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from ..domain.errors import DomainError
from ..messages import error_message

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


def db():
    """The app's database."""
    return current_app.extensions["samenspel.db"]


def publish(events) -> None:
    """Hand committed facts to the live layer, so HTTP changes reach screens too."""
    current_app.extensions["samenspel.broadcaster"].publish(events)


def wants_json() -> bool:
    """API callers get JSON errors; people get a page."""
    return request.path.startswith("/api/") or request.path == "/healthz"


def init_app(app) -> None:
    """Register blueprints, headers and error handlers."""
    from . import api, pages

    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)

    @app.after_request
    def security_headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.errorhandler(DomainError)
    def domain_error(err: DomainError):
        message = error_message(err)
        if wants_json():
            return jsonify(error={"code": err.code, "message": message}), err.status
        return render_template("error.html", message=message), err.status

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        if wants_json():
            return jsonify(error={"code": err.name.lower().replace(" ", "_"), "message": err.description}), err.code
        return render_template("error.html", message=err.description, status=err.code), err.code

    # Each kind may bring its own stylesheet, static/css/kinds/<name>.css.
    from ..domain.kinds import KINDS

    styles = Path(app.static_folder) / "css" / "kinds"
    kind_styles = [name for name in KINDS if (styles / f"{name}.css").exists()]

    @app.context_processor
    def page_helpers():
        from flask_babel import get_locale

        from ..domain.kinds import KINDS
        from .strings import js_strings

        return {
            "js_strings": js_strings,
            "current_language": str(get_locale() or "nl"),
            "activity_kinds": {name: kind.label for name, kind in KINDS.items()},
            "kind_styles": kind_styles,
        }
