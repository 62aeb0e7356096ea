"""Pages for people: landing, create, join, phone, control and screen. Thin: services decide."""

import io

import segno
from flask import Blueprint, Response, abort, current_app, g, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale, gettext

from .. import formats, services
from ..domain.codes import normalise_join_code
from ..domain.errors import DomainError, NotFound
from ..domain.model import PALETTE
from ..i18n import LANGUAGE_COOKIE, LANGUAGES
from ..live.namespace import cookie_name
from ..messages import error_message, translate_label
from . import db, publish
from .links import join_url, links

bp = Blueprint("pages", __name__)
COLOUR_NAMES = {
    "#0072B2": "blue",
    "#E69F00": "orange",
    "#009E73": "green",
    "#CC79A7": "purple",
    "#56B4E9": "sky",
    "#D55E00": "vermillion",
    "#F0E442": "yellow",
    "#000000": "black",
}
FORM_ORGANISATION_ROWS = 8


@bp.get("/")
def landing():
    """Join with a code, or start a new workshop."""
    return render_template("landing.html")


@bp.get("/join")
def join_by_code():
    """The landing page's code field lands here."""
    code = normalise_join_code(request.args.get("code", ""))
    try:
        services.public_workshop(db(), code)
    except DomainError as err:
        return render_template("landing.html", error=error_message(err), code=request.args.get("code", "")), 404
    return redirect(url_for("pages.phone", code=code))


def _workshop_form_data(form) -> dict:
    names, colours = form.getlist("org_name"), form.getlist("org_colour")
    data = {
        "title": form.get("title", ""),
        "language": form.get("language", "nl"),
        "roles": form.get("roles", ""),
        "settings": {"privacy_threshold": form.get("privacy_threshold", "3")},
        "organisations": [
            {"name": n, "colour": c or None} for n, c in zip(names, (colours + [""] * len(names))[: len(names)], strict=True)
        ],
        "agenda": [],
    }
    chosen = form.get("format", "")
    upload = request.files.get("format_file")
    if upload and upload.filename:
        data["agenda"] = formats.parse(upload.read(formats.MAX_FORMAT_BYTES + 1))["agenda"]
    elif chosen:
        shipped = formats.shipped()
        if chosen not in shipped:
            raise NotFound(gettext("This format does not exist."))
        data["agenda"] = shipped[chosen]["agenda"]
    return data


@bp.route("/new", methods=["GET", "POST"])
def new_workshop():
    """The facilitator's form; on success the secret links are shown once."""
    language = str(get_locale() or "nl")
    context = {
        "palette": [(c, COLOUR_NAMES[c]) for c in PALETTE],
        "formats": {k: formats.label(v, "name", language) for k, v in formats.shipped().items()},
        "rows": FORM_ORGANISATION_ROWS,
        "form": request.form,
    }
    if request.method == "GET":
        return render_template("new.html", **context)
    try:
        created = services.create_workshop(db(), _workshop_form_data(request.form), translate_label)
    except DomainError as err:
        return render_template("new.html", error=error_message(err), **context), 400
    g.workshop_language = request.form.get("language")
    return render_template(
        "created.html",
        code=created.code,
        links=links(created.code, created.control_token, created.screen_key),
    ), 201


def _workshop_page(code: str) -> dict:
    """Load the workshop for a page and speak its language."""
    workshop = services.public_workshop(db(), code)
    g.workshop_language = workshop["language"]
    return workshop


@bp.get("/w/<code>")
def phone(code):
    """The participant's page: the join form, or the live view once joined on this device."""
    workshop = _workshop_page(code)
    if code != workshop["code"]:
        return redirect(url_for("pages.phone", code=workshop["code"]))
    token = request.cookies.get(cookie_name(workshop["code"]))
    if token:
        try:
            services.participant_by_token(db(), token)
            return render_template("phone.html", workshop=workshop)
        except DomainError:
            pass
    return render_template("join.html", workshop=workshop, form={})


@bp.post("/w/<code>/join")
def join(code):
    """Handle the join form: remember the participant on this device with a cookie."""
    workshop = _workshop_page(code)
    try:
        joined, events = services.join(db(), code, request.form.to_dict())
    except DomainError as err:
        return render_template("join.html", workshop=workshop, form=request.form, error=error_message(err)), 400
    publish(events)
    response = redirect(url_for("pages.phone", code=joined.workshop_code), code=303)
    response.set_cookie(
        cookie_name(joined.workshop_code),
        joined.token,
        max_age=60 * 60 * 24 * 30,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure,
    )
    return response


@bp.get("/w/<code>/my-answers.json")
def my_answers(code):
    """A participant downloads everything they answered, private reflections included."""
    workshop = _workshop_page(code)
    _, participant_id = services.participant_by_token(db(), request.cookies.get(cookie_name(workshop["code"])))
    payload = {"workshop": workshop["title"], "answers": services.own_answers_export(db(), participant_id)}
    response = jsonify(payload)
    response.headers["Content-Disposition"] = f'attachment; filename="samenspel-{workshop["code"]}-my-answers.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/w/<code>/leave")
def leave(code):
    """Forget the participant on this device, to join again as somebody else."""
    workshop = _workshop_page(code)
    response = redirect(url_for("pages.phone", code=workshop["code"]), code=303)
    response.delete_cookie(cookie_name(workshop["code"]))
    return response


@bp.get("/w/<code>/control")
def control(code):
    """The facilitator's view; its script proves the control token over the socket."""
    workshop = _workshop_page(code)
    return render_template("control.html", workshop=workshop, join_url=join_url(workshop["code"]))


@bp.get("/w/<code>/screen")
def screen(code):
    """The projector's view; read-only."""
    workshop = _workshop_page(code)
    return render_template("screen.html", workshop=workshop, join_url=join_url(workshop["code"]))


@bp.get("/w/<code>/qr.svg")
def qr(code):
    """A QR code of the join link, large and high-contrast for the projector."""
    workshop = services.public_workshop(db(), code)
    buffer = io.BytesIO()
    segno.make(join_url(workshop["code"]), error="m").save(buffer, kind="svg", scale=10, border=2, dark="#000", light="#fff")
    return Response(buffer.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "public, max-age=3600"})


@bp.get("/lang/<language>")
def switch_language(language):
    """Remember the language a person picked; back to where they were."""
    if language not in LANGUAGES:
        abort(404)
    target = request.args.get("next", "/")
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    response = redirect(target)
    response.set_cookie(LANGUAGE_COOKIE, language, max_age=60 * 60 * 24 * 365, samesite="Lax")
    return response


@bp.get("/healthz")
def healthz():
    """200 when the app and its database work."""
    try:
        services.health(db())
    except Exception as err:  # the point is to report any failure, not to raise it
        current_app.logger.warning("health check failed: %s", err)
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
