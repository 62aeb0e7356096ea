"""The facilitator's report page and export files, opened with the control token or the report cookie it sets.

The control token never travels in a link. The report page's script sends it once from the browser's
storage as `Authorization: Bearer`; the answer sets a signed, HTTP-only cookie that only opens the
report and its files (path `/w/<code>/report`, SameSite=Strict, 12 hours), so the page can be reloaded
and printed like any other. The cookie is bound to the control token: a new token voids it.
"""

import re
import unicodedata
from datetime import UTC, datetime

from flask import Blueprint, Response, redirect, render_template, url_for
from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from .. import services
from ..domain.errors import NotAllowed, NotFound
from ..domain.i18n import N_
from ..domain.kinds import KINDS
from ..report import data, files, sections
from . import db
from .report_access import ReportAccess

bp = Blueprint("report", __name__)
ACCESS = ReportAccess(
    claim="code",
    cookie_prefix="samenspel_report_",
    path="/w/{code}/report",
    by_token=lambda code, token: services.facilitator_workshop(db(), code, token),
    fingerprint=lambda code: services.control_fingerprint(db(), code),
    refusal=N_("This link does not give control of the workshop."),
)


def cookie_name(code: str) -> str:
    """The report cookie of one workshop."""
    return ACCESS.cookie_name(code)


def facilitator(code: str) -> tuple[int, bool]:
    """(workshop id, whether the request brought the token itself), from the Bearer token or the report cookie."""
    return ACCESS.check(code)


def _workshop(code: str) -> dict:
    return services.public_workshop(db(), code)


def _download(body: bytes, filename: str, mimetype: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def slug(text: str) -> str:
    """A file-name part from a title: ASCII letters and digits joined by dashes."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40] or "activity"


def role_label(role: str) -> str:
    """A role as the join page shows it."""
    return _("Other") if role == "other" else role


def kind_text(kind: str, key: str) -> str:
    """One of a kind's own texts, translated."""
    return _(KINDS[kind].ui_strings[key])


@bp.app_template_filter("money")
def money(amount, currency: str = "EUR") -> str:
    """A whole amount of money in the page's language, e.g. "€ 12.500"."""
    from flask_babel import format_currency

    return format_currency(amount, currency, format="¤ #,##0", currency_digits=False)


@bp.get("/w/<code>/report")
def report(code):
    """The printable report (facilitator): every activity's results, in the workshop's language."""
    workshop = _workshop(code)
    if code != workshop["code"]:
        # The report cookie's path is the code in capitals.
        return redirect(url_for("report.report", code=workshop["code"]))
    with force_locale(workshop["language"]):
        try:
            workshop_id, fresh = facilitator(code)
        except NotAllowed:
            response = Response(render_template("report_access.html", workshop=workshop), status=403)
            response.headers["Cache-Control"] = "no-store"
            return response
        found = data.load(db(), workshop_id)
        first, last = found.days()
        page = render_template(
            "report.html",
            workshop=workshop,
            report=found,
            sections=[
                {"item": item, "view": sections.section(found, item), "takes_answers": KINDS[item.activity.kind].takes_answers}
                if item.activity.kind in KINDS
                else {"item": item, "view": {}, "takes_answers": True}
                for item in found.activities
            ],
            appendix=sections.appendix(found),
            taking_part=found.taking_part(),
            people=len(found.participants),
            dates=files.days_text(first, last),
            made=format_date(datetime.now(UTC).date(), "long"),
            role_label=role_label,
            kind_text=kind_text,
        )
    return ACCESS.private(Response(page), code, fresh)


@bp.get("/w/<code>/report/results.xlsx")
def workbook(code):
    """The Excel workbook (facilitator): an overview, a sheet per activity and one per organisation."""
    workshop = _workshop(code)
    code = workshop["code"]
    workshop_id, fresh = facilitator(code)
    with force_locale(workshop["language"]):
        body = files.workbook_bytes(data.load(db(), workshop_id))
    mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return ACCESS.private(_download(body, f"samenspel-{code}.xlsx", mimetype), code, fresh)


@bp.get("/w/<code>/report/activity-<int:activity_id>.csv")
def activity_csv(code, activity_id):
    """One activity's results as a CSV file (facilitator)."""
    workshop = _workshop(code)
    code = workshop["code"]
    workshop_id, fresh = facilitator(code)
    with force_locale(workshop["language"]):
        found = data.load(db(), workshop_id)
        body = files.activity_csv(found, activity_id)
    if body is None:
        raise NotFound(N_("This activity does not exist."))
    item = found.activity(activity_id)
    number = found.activities.index(item) + 1
    response = _download(body, f"samenspel-{code}-{number:02d}-{slug(item.activity.title)}.csv", "text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8; header=present"
    return ACCESS.private(response, code, fresh)
