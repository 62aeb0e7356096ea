"""Partnerships over HTTP: the create form, the facilitator's partnership page, and its JSON API."""

from datetime import UTC, datetime

from flask import Blueprint, Response, g, jsonify, redirect, render_template, request, url_for
from flask_babel import force_locale, format_date, get_locale
from werkzeug.datastructures import WWWAuthenticate
from werkzeug.exceptions import Unauthorized

from .. import formats, services
from ..domain.errors import DomainError, InvalidInput, NotAllowed, NotFound
from ..domain.i18n import N_
from ..domain.model import PALETTE
from ..messages import error_message, translate_label
from ..report import partnership as report_data
from ..report.files import days_text
from ..services.partnerships import partnership_fingerprint
from . import db, publish
from .links import base_url, control_url, links
from .pages import COLOUR_NAMES, FORM_ORGANISATION_ROWS
from .report_access import ReportAccess
from .security import csrf

bp = Blueprint("partnerships", __name__)


def partnership_url(code: str, token: str) -> str:
    """The facilitator's secret link to the partnership page; the token travels in the fragment."""
    return f"{base_url()}/p/{code}#{token}"


def _bearer(code: str) -> int:
    """The partnership id when the request carries its token as a Bearer token; 401 otherwise (as the workshop API)."""
    header = request.headers.get("Authorization", "")
    token = header[len("Bearer ") :].strip() if header.startswith("Bearer ") else None
    try:
        return services.facilitator_partnership(db(), code, token)
    except NotAllowed as err:
        # No or a wrong token is missing authentication (401, with the scheme to use), not a refusal (403).
        raise Unauthorized(error_message(err), www_authenticate=WWWAuthenticate("bearer", {"realm": "samenspel"})) from None


def _body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InvalidInput(N_("Send a JSON object in the request body."))
    return data


def _form_data(form) -> dict:
    names, colours = form.getlist("org_name"), form.getlist("org_colour")
    colours = (colours + [""] * len(names))[: len(names)]
    return {
        "name": form.get("name", ""),
        "language": form.get("language", "nl"),
        # The form has more rows than most partnerships need: empty ones are not organisations.
        "organisations": [{"name": n, "colour": c or None} for n, c in zip(names, colours, strict=True) if n.strip()],
    }


@bp.route("/partnerships/new", methods=["GET", "POST"])
def new_partnership():
    """The facilitator's form for a partnership; on success its secret link is shown once."""
    context = {"palette": [(c, COLOUR_NAMES[c]) for c in PALETTE], "rows": FORM_ORGANISATION_ROWS, "form": request.form}
    if request.method == "GET":
        return render_template("partnership_new.html", **context)
    try:
        created = services.create_partnership(db(), _form_data(request.form))
    except DomainError as err:
        return render_template("partnership_new.html", error=error_message(err), **context), 400
    g.workshop_language = request.form.get("language")
    return render_template("partnership_created.html", link=partnership_url(created.code, created.token)), 201


@bp.get("/p/<code>")
def partnership_page(code):
    """The partnership page; its script proves the partnership token and reads the thread from the API.

    The page itself shows nothing of the partnership but its language: the name comes with the thread,
    after the token is checked.
    """
    summary = services.partnership_summary(db(), code)
    g.workshop_language = summary["language"]
    language = str(get_locale() or summary["language"])
    choices = {k: formats.label(v, "name", language) for k, v in formats.shipped().items()}
    return render_template("partnership.html", partnership=summary, formats=choices)


@bp.post("/api/partnerships")
@csrf.exempt  # JSON with a Bearer token, never ambient cookies: nothing to forge
def api_create_partnership():
    """Create a partnership; the answer holds its token, shown only here."""
    created = services.create_partnership(db(), _body())
    return jsonify(code=created.code, token=created.token, links={"page": partnership_url(created.code, created.token)}), 201


@bp.get("/api/partnerships/<code>")
def api_thread(code):
    """The partnership's workshops in time and the thread of its goals (facilitator)."""
    return jsonify(services.thread(db(), _bearer(code)))


@bp.post("/api/partnerships/<code>/workshops")
@csrf.exempt  # JSON with a Bearer token, never ambient cookies: nothing to forge
def api_create_workshop(code):
    """A workshop inside the partnership, from a shipped format or an agenda (facilitator)."""
    partnership_id = _bearer(code)
    data = _body()
    chosen = data.pop("format", None)
    if chosen not in (None, ""):
        if not isinstance(chosen, str):  # {} or [] are no format's name (and no key to look up)
            raise InvalidInput(N_("%(field)s must be text."), field="format")
        shipped = formats.shipped()
        if chosen not in shipped:
            raise NotFound(N_("This format does not exist."))
        data["agenda"] = shipped[chosen]["agenda"]
    created = services.create_workshop_in(db(), partnership_id, data, translate_label)
    token = request.headers["Authorization"][len("Bearer ") :].strip()
    made = links(created.code, created.control_token, created.screen_key)
    made["partnership_control"] = control_url(created.code, token)
    return jsonify(code=created.code, control_token=created.control_token, screen_key=created.screen_key, links=made), 201


@bp.post("/api/partnerships/<code>/attach")
@csrf.exempt  # JSON with a Bearer token, never ambient cookies: nothing to forge
def api_attach(code):
    """Attach an existing workshop: {code, control_token} (its control link's secret) (facilitator)."""
    partnership_id = _bearer(code)
    data = _body()
    token = data.get("control_token")
    if isinstance(token, str) and "#" in token:
        token = token.split("#", 1)[1]
    try:
        workshop_code, events = services.attach_workshop(db(), partnership_id, data.get("code"), token, translate_label)
    except NotAllowed as err:
        # A wrong workshop token is a bad request here: the partnership's own token was right.
        raise InvalidInput(err.detail, **err.params) from None
    publish(events)
    return jsonify(code=workshop_code)


@bp.post("/api/partnerships/<code>/workshops/<workshop_code>/import")
@csrf.exempt  # JSON with a Bearer token, never ambient cookies: nothing to forge
def api_import(code, workshop_code):
    """Carry on the goals and commitments of earlier workshops, and the directors' outcome (facilitator)."""
    publish(services.import_thread(db(), _bearer(code), workshop_code, translate_label))
    return jsonify(ok=True)


# ---- The partnership report and workbook: opened like the workshop report (token once, then a cookie) ----


def _partnership_fingerprint(code: str) -> tuple[int, str]:
    partnership_id, _code, fingerprint = partnership_fingerprint(db(), code)
    return partnership_id, fingerprint


REPORT_ACCESS = ReportAccess(
    claim="partnership",
    cookie_prefix="samenspel_partnership_report_",
    path="/p/{code}/report",
    by_token=lambda code, token: services.facilitator_partnership(db(), code, token),
    fingerprint=_partnership_fingerprint,
    refusal=N_("This link does not open the partnership."),
)


@bp.get("/p/<code>/report")
def partnership_report(code):
    """The printable partnership report (facilitator): workshops in time, the thread of every goal, trends."""
    summary = services.partnership_summary(db(), code)
    if code != summary["code"]:
        return redirect(url_for("partnerships.partnership_report", code=summary["code"]))
    g.workshop_language = summary["language"]
    with force_locale(summary["language"]):
        try:
            partnership_id, fresh = REPORT_ACCESS.check(code)
        except NotAllowed:
            response = Response(render_template("partnership_report_access.html", partnership=summary), status=403)
            response.headers["Cache-Control"] = "no-store"
            return response
        found = report_data.load(db(), partnership_id)
        days = found.days()
        page = render_template(
            "partnership_report.html",
            report=found,
            partnership=found.partnership,
            goals=report_data.goal_views(found),
            trends=report_data.trend_views(found),
            dates=days_text(*days) if days else "",
            made=format_date(datetime.now(UTC).date(), "long"),
            pledge=report_data.pledge_text,
        )
    return REPORT_ACCESS.private(Response(page), code, fresh)


@bp.get("/p/<code>/report/partnership.xlsx")
def partnership_workbook(code):
    """The partnership's Excel workbook (facilitator): workshops, goals thread, committed and delivered, trends."""
    summary = services.partnership_summary(db(), code)
    code = summary["code"]
    partnership_id, fresh = REPORT_ACCESS.check(code)
    with force_locale(summary["language"]):
        body = report_data.workbook_bytes(report_data.load(db(), partnership_id))
    response = Response(body, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response.headers["Content-Disposition"] = f'attachment; filename="samenspel-partnership-{code}.xlsx"'
    return REPORT_ACCESS.private(response, code, fresh)


def partnership_strings() -> dict:
    """Texts of the partnership page's script, as "partnership.<key>"."""
    from flask_babel import gettext as _

    strings = {
        "pooled": _("Several organisations"),
        "hours": _("{n} h"),
        "no_workshops": _("No workshops yet. Create the first one below, for example the directors' session."),
        "import": _("Import from earlier workshops"),
        "directors": _("Directors' session"),
        "workshop_counts": _("Code {code} · people: {people} · adopted goals: {goals} · carried on: {carried}"),
        "control": _("Control"),
        "screen": _("Screen"),
        "status_new": _("New here"),
        "status_carried": _("Carried on"),
        "status_changed": _("Changed"),
        "status_closed": _("Closed"),
        "adopted": _("Adopted"),
        "was": _("Was: {text}"),
        "sources": _("Came from these ambitions"),
        "votes": _("How organisations voted"),
        "org_rank": _("rank {rank} ({dots} dots)"),
        "vote_line": _("Rank {rank} with {dots} dots; with equal voice {points} points, rank {equal}"),
        "consent": _("Consent"),
        "consent_counts": _("{consent} consent · {concern} concerns · {objection} objections"),
        "passes": _("Passes"),
        "blocked": _("Blocked"),
        "no_responses": _("No responses"),
        "closed_early": _("Closed before every organisation had answered."),
        "carried_commitments": _("Committed earlier"),
        "commitments": _("What each organisation committed"),
        "progress": _("What has happened since"),
        "committed": _("committed {what}"),
        "delivered": _("delivered {what}"),
        "no_threads": _("No adopted goals yet. They appear here once a workshop adopts them."),
        "attach_link": _("Paste the workshop's whole control link (…/w/CODE/control#…)."),
    }
    return {f"partnership.{key}": text for key, text in strings.items()}
