"""HTTP: pages, the JSON API, security headers and error answers."""

from pathlib import Path

from flask import current_app, g, has_request_context, jsonify, render_template, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge, TooManyRequests

from ..domain.errors import DomainError, UnknownWorkshop
from ..messages import error_details, error_message
from . import security


def db():
    """The app's database."""
    return current_app.extensions["samenspel.db"]


def publish(events) -> None:
    """Hand committed facts to the live layer, so HTTP changes reach screens too."""
    current_app.extensions["samenspel.broadcaster"].publish(events)


def wants_json() -> bool:
    """API callers get JSON errors; people get a page."""
    return request.path.startswith("/api/") or request.path == "/healthz"


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, its cookie marked Secure whenever the request came over HTTPS."""

    def get_cookie_secure(self, app) -> bool:
        return super().get_cookie_secure(app) or (has_request_context() and request.is_secure)


def cookie_options() -> dict:
    """What every cookie we set shares: HTTP only, same-site, Secure over HTTPS (also behind a proxy)."""
    return {"httponly": True, "samesite": "Lax", "secure": request.is_secure}


def init_app(app) -> None:
    """Register blueprints, guards, headers and error handlers."""
    from . import api, assets, pages, partnerships, report

    assets.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(report.bp)
    app.register_blueprint(partnerships.bp)
    app.session_interface = SessionInterface()
    # First of all before-request hooks: the CSRF check reads the form, so the size check comes before it.
    app.before_request(security.check_host)
    app.before_request(security.check_form_size)
    # A phone's join form may stay open for hours: the token lives as long as the browser session.
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    # Our Referrer-Policy sends no Referer, which Flask-WTF's HTTPS check would demand; the token suffices.
    app.config.setdefault("WTF_CSRF_SSL_STRICT", False)
    security.csrf.init_app(app)
    security.csrf.exempt(api.bp)  # the API takes JSON and Bearer tokens, never ambient cookies
    security.init_limits(app)

    @app.after_request
    def no_store_pages(response):
        # Pages carry CSRF tokens and personal state; never keep them in a shared cache.
        if response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        if g.get("frame_same_origin", False):
            # Only the projector's preview may be framed, and only by this site's own control view.
            response.headers["Content-Security-Policy"] = security.CSP.replace("frame-ancestors 'none'", "frame-ancestors 'self'")
            response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response

    @app.errorhandler(DomainError)
    def domain_error(err: DomainError):
        if isinstance(err, UnknownWorkshop):
            security.note_unknown_code()
        message = error_message(err)
        if wants_json():
            return jsonify(error={"code": err.code, "message": message, **error_details(err)}), err.status
        return render_template("error.html", message=message), err.status

    def failure(code: str, message: str, status: int, headers=()):
        if wants_json():
            return jsonify(error={"code": code, "message": message}), status, list(headers)
        return render_template("error.html", message=message, status=status), status, list(headers)

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        # Keep what the exception says in headers: Allow on a 405, WWW-Authenticate on a 401, Retry-After on a 429.
        headers = [(k, v) for k, v in err.get_headers() if k.lower() != "content-type"]
        if isinstance(err, CSRFError):
            return failure(
                "csrf",
                gettext("This form has expired or was sent from another site. Go back, reload the page and try again."),
                400,
            )
        if isinstance(err, RequestEntityTooLarge):
            return failure("too_large", gettext("This request is too large."), 413, headers)
        if isinstance(err, TooManyRequests):
            # Flask-Limiter adds Retry-After to this answer.
            return failure(
                "too_many_requests", gettext("Too many attempts from your network. Wait a minute and try again."), 429, headers
            )
        return failure(err.name.lower().replace(" ", "_"), err.description, err.code, headers)

    # Each kind may bring its own stylesheet, static/css/kinds/<name>.css.
    from ..domain.kinds import KINDS

    styles = Path(app.static_folder) / "css" / "kinds"
    kind_styles = [name for name in KINDS if (styles / f"{name}.css").exists()]

    def kind_assets() -> dict:
        """Script and stylesheet of every kind, for a live page to load a kind it did not start with."""
        from flask import url_for

        return {
            name: {
                "script": url_for("static", filename=f"js/kinds/{name}.js"),
                "style": url_for("static", filename=f"css/kinds/{name}.css") if name in kind_styles else None,
            }
            for name in KINDS
        }

    @app.context_processor
    def page_helpers():
        from flask_babel import get_locale

        return {
            "current_language": str(get_locale() or "nl"),
            "activity_kinds": {name: kind.label for name, kind in KINDS.items()},
            "kind_styles": kind_styles,
            "kind_assets": kind_assets,
        }
