"""The partnership's report and workbook: the whole thread in one printable document and one workbook.

Made from the partnership page's thread (`services.partnerships.thread`), so the page, the report and the
workbook say the same: each workshop's privacy threshold is applied there already (organisations with too
few people answering appear only pooled, or inside the totals); commitments and progress reports are
organisations' public accounts and are shown as they are. Tables reuse the single-workshop report's
`Table` and the workbook its `Sheet`.
"""

import io
from dataclasses import dataclass
from datetime import date
from functools import partial

from flask_babel import format_currency, format_decimal
from flask_babel import gettext as _
from openpyxl import Workbook

from ..services.partnerships import thread
from ..storage.database import Database
from .files import Sheet, sheet_name
from .tables import Table

SCORES = {"done": 1.0, "partly": 0.5, "not_yet": 0.0}
# The trend chart's drawing box (SVG user units); the page scales it to its width.
CHART_W, CHART_H, CHART_PAD = 600, 220, 36


@dataclass
class PartnershipReport:
    """The partnership, its workshops in time, the thread of every adopted goal and the recurring measures."""

    partnership: dict
    workshops: list[dict]
    threads: list[list[dict]]
    trends: list[dict]

    @property
    def organisations(self) -> list[dict]:
        return self.partnership["organisations"]

    def organisation(self, organisation_id) -> dict | None:
        """The partner organisation with this id, or None (pooled below a workshop's threshold)."""
        return next((o for o in self.organisations if str(o["id"]) == str(organisation_id)), None)

    def days(self) -> tuple[date, date] | None:
        dates = [date.fromisoformat(w["date"]) for w in self.workshops]
        return (min(dates), max(dates)) if dates else None


def load(db: Database, partnership_id: int) -> PartnershipReport:
    """One read of the partnership, as its page shows it."""
    return PartnershipReport(**thread(db, partnership_id))


# ---- Words shared by the page and the workbook ----


def status_text(status) -> str:
    """A goal version's place in the thread."""
    return {None: _("New here"), "carried": _("Carried on"), "changed": _("Changed"), "closed": _("Closed")}[status]


def delivery_text(status) -> str:
    """What an organisation reported on a commitment."""
    return {"done": _("Done"), "partly": _("Partly"), "not_yet": _("Not yet")}.get(status) or _("No report yet")


def org_name(report: PartnershipReport, organisation_id) -> str:
    org = report.organisation(organisation_id)
    return org["name"] if org else _("Other organisations")


def pledge_text(pledge: dict | None) -> str:
    """Hours and budget of a pledge or a delivery, e.g. "200 h · € 40.000", or a dash."""
    bits = []
    if amount(pledge, "hours") is not None:
        bits.append(_("{n} h").format(n=format_decimal(pledge["hours"])))
    if amount(pledge, "budget") is not None:
        bits.append(format_currency(pledge["budget"], "EUR", format="¤ #,##0", currency_digits=False))
    # Each amount stays on one line ("€ 40.000" never splits); the parts may wrap between them.
    return " · ".join(bit.replace(" ", "\u00a0") for bit in bits) or "–"


def amount(pledge: dict | None, key: str):
    return (pledge or {}).get(key)


# ---- Committed versus delivered, per goal and organisation ----


def deliveries(chain: list[dict]) -> list[dict]:
    """Per organisation, what it committed on this goal and what it reported delivering, in time.

    A progress review reports on the commitment the follow-up carried on; a commitment no later review
    reported on yet is listed with "no report yet".
    """
    rows = []
    for i, version in enumerate(chain):
        for entry in version["progress"]:
            rows.append(
                {
                    "organisation_id": entry["organisation_id"],
                    "committed": entry.get("committed"),
                    "committed_in": _committed_in(chain[:i], entry["organisation_id"]),
                    "delivered": entry.get("delivered"),
                    "status": entry.get("status"),
                    "note": entry.get("note") or "",
                    "reported_in": version["workshop_title"],
                    "date": version["date"],
                }
            )
    for i, version in enumerate(chain):
        for pledge in version["commitments"]:
            org = pledge["organisation_id"]
            if any(e["organisation_id"] == org for later in chain[i + 1 :] for e in later["progress"]):
                continue
            rows.append(
                {
                    "organisation_id": org,
                    "committed": {k: v for k, v in pledge.items() if k in ("hours", "budget")},
                    "committed_in": version["workshop_title"],
                    "delivered": None,
                    "status": None,
                    "note": "",
                    "reported_in": None,
                    "date": version["date"],
                }
            )
    return rows


def _committed_in(earlier: list[dict], organisation_id) -> str | None:
    """The latest earlier workshop where this organisation pledged on the goal."""
    for version in reversed(earlier):
        if any(p["organisation_id"] == organisation_id for p in version["commitments"]):
            return version["workshop_title"]
    return None


def equal_voice(rows: list[dict]) -> int | None:
    """Progress with equal voice: the mean over reporting organisations that committed (done 1, partly ½)."""
    scores = [SCORES[r["status"]] for r in rows if r["status"] in SCORES and r["committed"]]
    return round(100 * sum(scores) / len(scores)) if scores else None


# ---- The page ----


def goal_views(report: PartnershipReport) -> list[dict]:
    """Every thread as the report page shows it: numbered, its versions oldest first, then what was delivered."""
    views = []
    for number, chain in enumerate(report.threads, start=1):
        versions = []
        for i, v in enumerate(chain):
            previous = chain[i - 1] if i else None
            versions.append(
                {
                    **v,
                    "status_text": status_text(v["status"]),
                    "changed_from": previous["text"] if previous and previous["text"] != v["text"] else None,
                    "show_text": previous is None or previous["text"] != v["text"],
                    "sources": [{**s, "organisation": report.organisation(s["organisation_id"])} for s in v["sources"]],
                    "votes": [_vote(report, vote) for vote in v["votes"]],
                    "consent": [_consent(report, c) for c in v["consent"]],
                    "commitments": [{**p, "organisation": report.organisation(p["organisation_id"])} for p in v["commitments"]],
                    "imported_commitments": [
                        {**p, "organisation": report.organisation(p["organisation_id"])}
                        for p in (v["imported_commitments"] if not v["progress"] else [])
                    ],
                    "progress": [
                        {
                            **e,
                            "organisation": report.organisation(e["organisation_id"]),
                            "status_text": delivery_text(e.get("status")),
                        }
                        for e in v["progress"]
                    ],
                }
            )
        rows = deliveries(chain)
        views.append(
            {
                "number": number,
                "text": chain[-1]["text"],
                "status": chain[-1]["status"],
                "first": chain[0],
                "versions": versions,
                "deliveries": [
                    {**r, "organisation": report.organisation(r["organisation_id"]), "status_text": delivery_text(r["status"])}
                    for r in rows
                ],
                "equal_voice": equal_voice(rows),
            }
        )
    return views


def _vote(report, vote: dict) -> dict:
    rows = [
        {"organisation": report.organisation(org), **counts}
        for org, counts in vote["by_organisation"].items()
        if report.organisation(org)
    ]
    return {**vote, "organisations": rows}


def _consent(report, consent: dict) -> dict:
    rows = [
        {"organisation": report.organisation(org), **counts}
        for org, counts in consent["by_organisation"].items()
        if report.organisation(org)
    ]
    return {**consent, "organisations": rows}


def _chart_point(i: int, value, count: int, lowest, span) -> tuple[float, float]:
    """Where the i-th of `count` workshops' median goes in the trend chart (one workshop: in the middle)."""
    inner_w, inner_h = CHART_W - 2 * CHART_PAD, CHART_H - 2 * CHART_PAD
    x = CHART_PAD + (i * inner_w / (count - 1) if count > 1 else inner_w / 2)
    y = CHART_H - CHART_PAD - (value - lowest) / span * inner_h
    return round(x, 1), round(y, 1)


def _line(summaries: list[dict | None], xy) -> dict:
    """One line of the trend chart: the medians it has (a workshop below the threshold leaves a gap)."""
    found = [xy(i, s["median"]) for i, s in enumerate(summaries) if s and s.get("median") is not None]
    return {"points": " ".join(f"{x},{y}" for x, y in found), "dots": found}


def trend_views(report: PartnershipReport) -> list[dict]:
    """Every recurring measure: a table (workshop by organisation) and a line chart drawn as SVG coordinates."""
    views = []
    for trend in report.trends:
        points = trend["points"]
        if not points:
            continue
        orgs = [o for o in report.organisations if any(str(o["id"]) in p["by_organisation"] for p in points)]
        lowest, highest = points[0]["min"], points[0]["max"]

        xy = partial(_chart_point, count=len(points), lowest=lowest, span=(highest - lowest) or 1)
        lines = [{"organisation": None, "colour": "#14213d", **_line([p["overall"] for p in points], xy)}]
        for org in orgs:
            lines.append(
                {
                    "organisation": org,
                    "colour": org["colour"],
                    **_line([p["by_organisation"].get(str(org["id"])) for p in points], xy),
                }
            )
        rows = [
            {
                **p,
                "cells": [p["by_organisation"].get(str(o["id"])) for o in orgs],
            }
            for p in points
        ]
        views.append(
            {
                "title": trend["title"],
                "measure": trend["measure"],
                "min": lowest,
                "max": highest,
                "organisations": orgs,
                "rows": rows,
                "lines": lines,
                "ticks": [{"label": f"{p['date']} · {p['title']}", "x": xy(i, lowest)[0]} for i, p in enumerate(points)],
                "axis": [{"value": v, "y": xy(0, v)[1]} for v in (lowest, highest)],
                "width": CHART_W,
                "height": CHART_H,
                "pad": CHART_PAD,
            }
        )
    return views


# ---- The workbook's tables ----


def workshops_table(report: PartnershipReport) -> Table:
    columns = [_("Date"), _("Workshop"), _("Code"), _("Directors' session"), _("People"), _("Activities")]
    columns += [_("Adopted goals"), _("Carried on")]
    rows = [
        [w["date"], w["title"], w["code"], w["directors"], w["participants"], w["activities"], w["goals"], w["carried"]]
        for w in report.workshops
    ]
    return Table(columns, rows, title=_("Workshops in time"))


def thread_tables(report: PartnershipReport) -> list[Table]:
    """The goals thread: every version, where each came from, how organisations voted and consented."""
    versions, sources, votes, consent = [], [], [], []
    for number, chain in enumerate(report.threads, start=1):
        for v in chain:
            where = [number, v["date"], v["workshop_title"]]
            versions.append([*where, status_text(v["status"]), v["adopted"], v["text"]])
            sources += [[*where, org_name(report, s["organisation_id"]), s["text"]] for s in v["sources"]]
            for vote in v["votes"]:
                votes.append([*where, vote["activity"], _("All organisations"), vote["dots"], vote["rank"]])
                votes += [
                    [*where, vote["activity"], org_name(report, org), c["dots"], c["rank"]]
                    for org, c in vote["by_organisation"].items()
                ]
            for c in v["consent"]:
                counts = c["counts"]
                row = [c["activity"], _("All organisations"), counts["consent"], counts["concern"], counts["objection"]]
                consent.append([*where, *row, c["passes"], c["closed_early"]])
                consent += [
                    [*where, c["activity"], org_name(report, org), n["consent"], n["concern"], n["objection"], None, None]
                    for org, n in c["by_organisation"].items()
                ]
    where = [_("Goal"), _("Date"), _("Workshop")]
    return [
        Table([*where, _("Status"), _("Adopted"), _("Goal")], versions, title=_("Goal versions")),
        Table([*where, _("Organisation"), _("Ambition")], sources, title=_("Came from these ambitions")),
        Table([*where, _("Activity"), _("Organisation"), _("Dots"), _("Rank")], votes, title=_("How organisations voted")),
        Table(
            [*where, _("Activity"), _("Organisation"), _("Consent"), _("Concerns"), _("Objections"), _("Passes")]
            + [_("Closed before every organisation had answered.")],
            consent,
            title=_("Consent"),
        ),
    ]


def deliveries_table(report: PartnershipReport) -> Table:
    columns = [_("Goal"), _("Goal text"), _("Organisation"), _("Committed in"), _("Hours committed"), _("Budget committed")]
    columns += [_("Reported in"), _("Delivered?"), _("Hours spent"), _("Budget spent"), _("Note")]
    rows = []
    for number, chain in enumerate(report.threads, start=1):
        for r in deliveries(chain):
            rows.append(
                [
                    number,
                    chain[-1]["text"],
                    org_name(report, r["organisation_id"]),
                    r["committed_in"],
                    amount(r["committed"], "hours"),
                    amount(r["committed"], "budget"),
                    r["reported_in"],
                    delivery_text(r["status"]),
                    amount(r["delivered"], "hours"),
                    amount(r["delivered"], "budget"),
                    r["note"],
                ]
            )
    return Table(columns, rows, title=_("Committed and delivered"))


def trends_table(report: PartnershipReport) -> Table:
    columns = [_("Measure"), _("Date"), _("Workshop"), _("Organisation"), _("Median"), _("People"), _("Smallest group shown")]
    rows = []
    for trend in report.trends:
        for p in trend["points"]:
            where = [trend["title"], p["date"], p["title"]]
            rows.append([*where, _("All organisations"), p["overall"]["median"], p["overall"]["count"], p["privacy_threshold"]])
            rows += [
                [*where, org_name(report, org), s["median"], s["count"], p["privacy_threshold"]]
                for org, s in p["by_organisation"].items()
            ]
    return Table(columns, rows, title=_("Trends across the workshops"))


def workbook_bytes(report: PartnershipReport) -> bytes:
    """The workbook: workshops, the goals thread, committed versus delivered, trends."""
    book = Workbook()
    used: set[str] = set()
    first = Sheet(book.active)
    first.ws.title = sheet_name(_("Workshops"), used)
    first.title(report.partnership["name"], 16)
    first.write([_("Code"), report.partnership["code"]])
    first.write([_("Organisations"), ", ".join(o["name"] for o in report.organisations)])
    first.write([_("Organisations with fewer people answering than a workshop's smallest group shown are pooled there.")])
    first.skip()
    first.table(workshops_table(report))
    first.finish()
    for title, tables in (
        (_("Goals thread"), thread_tables(report)),
        (_("Committed and delivered"), [deliveries_table(report)]),
        (_("Trends"), [trends_table(report)]),
    ):
        sheet = Sheet(book.create_sheet(sheet_name(title, used)))
        for table in tables:
            sheet.table(table)
        sheet.finish()
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
