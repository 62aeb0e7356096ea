"""Pages for people: landing, create, join, phone, control and screen. Thin: services decide."""

import io
import json
from datetime import datetime

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_date, get_locale, gettext

from .. import formats, health, services
from ..cookies import participant_cookie
from ..domain.codes import normalise_join_code
from ..domain.errors import DomainError, InvalidInput, NotFound
from ..domain.i18n import N_
from ..domain.kinds import KINDS
from ..domain.model import PALETTE
from ..i18n import LANGUAGE_COOKIE, LANGUAGES
from ..messages import error_details, error_message, translate_label
from . import cookie_options, db, publish
from .links import join_address, join_url, links
from .security import client_address, note_unknown_code, safe_next, source_key
from .strings import editor_schema

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
        note_unknown_code()
        return render_template("landing.html", error=error_message(err), code=request.args.get("code", "")), 404
    return redirect(url_for("pages.phone", code=code))


def _roles(text: str) -> list[str]:
    """Roles one per line; "Other" as the form shows it in either language is the role `other`."""
    others = {translate_label("Other", language).casefold() for language in LANGUAGES}
    return ["other" if line.strip().casefold() in others else line for line in text.splitlines()]


def _editor_agenda(raw: str) -> list:
    """The agenda the editor on /new sends as JSON; its items are checked when the workshop is made."""
    if len(raw) > formats.MAX_FORMAT_BYTES:
        raise InvalidInput(N_("This format file is too large."))
    try:
        agenda = json.loads(raw)
    except ValueError:
        raise InvalidInput(N_("%(field)s must be a list."), field="agenda") from None
    if not isinstance(agenda, list):
        raise InvalidInput(N_("%(field)s must be a list."), field="agenda")
    return agenda


def _workshop_form_data(form) -> dict:
    names, colours = form.getlist("org_name"), form.getlist("org_colour")
    data = {
        "title": form.get("title", ""),
        "language": form.get("language", "nl"),
        "roles": _roles(form.get("roles", "")),
        "settings": {"privacy_threshold": form.get("privacy_threshold", "3")},
        "organisations": [
            # The form has more rows than most workshops need: empty ones are not organisations.
            {"name": n, "colour": c or None}
            for n, c in zip(names, (colours + [""] * len(names))[: len(names)], strict=True)
            if n.strip()
        ],
        "agenda": [],
    }
    if form.get("retention_days"):
        data["settings"]["retention_days"] = form["retention_days"]
    if "agenda_json" in form:
        # The agenda editor (scripts on): its agenda, in one or both languages as the checkbox says.
        data["agenda"] = _editor_agenda(form["agenda_json"])
        data["settings"]["bilingual"] = form.get("bilingual") == "1"
        return data
    if form.get("bilingual") == "1":
        data["settings"]["bilingual"] = True
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
    shipped = formats.shipped()
    context = {
        "palette": [(c, COLOUR_NAMES[c]) for c in PALETTE],
        "formats": {k: formats.label(v, "name", language) for k, v in shipped.items()},
        "rows": FORM_ORGANISATION_ROWS,
        "form": request.form,
        "editor": {"schema": editor_schema(), "formats": {k: v["agenda"] for k, v in shipped.items()}, "agenda": None},
        "retention_days": current_app.config["RETENTION_DAYS"],
    }
    if request.method == "GET":
        return render_template("new.html", **context)
    try:
        created = services.create_workshop(
            db(), _workshop_form_data(request.form), translate_label, current_app.config["RETENTION_DAYS"]
        )
    except DomainError as err:
        # Nothing typed is lost: the editor gets its agenda back, and the error goes beside its field.
        try:
            context["editor"]["agenda"] = _editor_agenda(request.form.get("agenda_json", "null"))
        except DomainError:
            pass
        context["editor"]["error"] = {"message": error_message(err), **error_details(err)}
        return render_template("new.html", error=error_message(err), **context), 400
    g.workshop_language = request.form.get("language")
    return render_template(
        "created.html",
        code=created.code,
        links=links(created.code, created.control_token, created.screen_key),
        reach=join_address(),
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
    token = request.cookies.get(participant_cookie(workshop["code"]))
    if token:
        try:
            services.participant_by_token(db(), token, code=workshop["code"])
            # Only the agenda's kinds: one added later is fetched when it opens.
            return render_template("phone.html", workshop=workshop, kinds=services.agenda_kinds(db(), workshop["code"]))
        except DomainError:
            pass
    return _join_page(workshop, {})


def _join_page(workshop: dict, form, error: str | None = None) -> str:
    """The join form, with what we store and until when."""
    return render_template("join.html", workshop=workshop, form=form, error=error, expires=_date(workshop["expires_at"]))


def _date(moment: str | None) -> str:
    """An ISO timestamp from a payload as a date in the page's language."""
    return format_date(datetime.fromisoformat(moment.rstrip("Z")), "long") if moment else ""


@bp.post("/w/<code>/join")
def join(code):
    """Handle the join form: remember the participant on this device with a cookie."""
    workshop = _workshop_page(code)
    try:
        joined, events = services.join(db(), code, request.form.to_dict(), source_key(client_address()))
    except DomainError as err:
        return _join_page(workshop, request.form, error_message(err)), 400
    publish(events)
    response = redirect(url_for("pages.phone", code=joined.workshop_code), code=303)
    response.set_cookie(participant_cookie(joined.workshop_code), joined.token, max_age=60 * 60 * 24 * 30, **cookie_options())
    return response


@bp.get("/w/<code>/my-answers.json")
def my_answers(code):
    """A participant downloads everything they answered, private reflections included."""
    workshop = _workshop_page(code)
    participant_id = _me(workshop)
    payload = {"workshop": workshop["title"], "answers": services.own_answers_export(db(), participant_id)}
    response = jsonify(payload)
    response.headers["Content-Disposition"] = f'attachment; filename="samenspel-{workshop["code"]}-my-answers.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _me(workshop: dict) -> int:
    """The participant this device joined as, in this workshop."""
    cookie = request.cookies.get(participant_cookie(workshop["code"]))
    return services.participant_by_token(db(), cookie, code=workshop["code"])[1]


@bp.get("/w/<code>/forget")
def forget_confirm(code):
    """Ask before deleting: what goes, and that it cannot be undone."""
    workshop = _workshop_page(code)
    _me(workshop)
    return render_template("forget.html", workshop=workshop)


@bp.post("/w/<code>/forget")
def forget(code):
    """Delete this participant's answers and leave for good; this device forgets them too."""
    workshop = _workshop_page(code)
    publish(services.forget_participant(db(), _me(workshop)))
    response = make_response(render_template("forgotten.html", workshop=workshop))
    response.delete_cookie(participant_cookie(workshop["code"]))
    return response


@bp.post("/w/<code>/leave")
def leave(code):
    """Forget the participant on this device, to join again as somebody else."""
    workshop = _workshop_page(code)
    response = redirect(url_for("pages.phone", code=workshop["code"]), code=303)
    response.delete_cookie(participant_cookie(workshop["code"]))
    return response


@bp.get("/w/<code>/control")
def control(code):
    """The facilitator's view; its script proves the control token over the socket."""
    workshop = _workshop_page(code)
    return render_template(
        "control.html",
        workshop=workshop,
        join_url=join_url(workshop["code"]),
        reach=join_address(),
        editor=editor_schema(),
        expires=_date(workshop["expires_at"]),
        kinds=list(KINDS),
    )


@bp.get("/w/<code>/screen")
def screen(code):
    """The projector's view; read-only. `?preview=1`: the control view's live preview, framed by that page."""
    workshop = _workshop_page(code)
    if request.args.get("preview"):
        g.frame_same_origin = True
    kinds = services.agenda_kinds(db(), workshop["code"])
    return render_template("screen.html", workshop=workshop, join_url=join_url(workshop["code"]), kinds=kinds)


@bp.get("/w/<code>/qr.svg")
def qr(code):
    """A QR code of the join link, large and high-contrast for the projector."""
    workshop = services.public_workshop(db(), code)
    buffer = io.BytesIO()
    segno.make(join_url(workshop["code"]), error="m").save(buffer, kind="svg", scale=10, border=2, dark="#000", light="#fff")
    # Shared caches may keep it only when the link comes from PUBLIC_URL, not from the request's Host.
    cache = "public, max-age=3600" if current_app.config["PUBLIC_URL"] else "private, max-age=3600"
    return Response(buffer.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": cache, "Vary": "Host"})


@bp.get("/lang/<language>")
def switch_language(language):
    """Remember the language a person picked; back to where they were."""
    if language not in LANGUAGES:
        abort(404)
    response = redirect(safe_next(request.args.get("next")))
    response.set_cookie(LANGUAGE_COOKIE, language, max_age=60 * 60 * 24 * 365, **cookie_options())
    return response


@bp.get("/healthz")
def healthz():
    """200 when the database and, when one is set, the message queue answer; 503 otherwise."""
    healthy, checks = health.report(db(), current_app.config["MESSAGE_QUEUE"])
    return jsonify(status="ok" if healthy else "error", **checks), 200 if healthy else 503
