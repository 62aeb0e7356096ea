"""One function per activity kind: its results as tables, for the CSV files and the workbook.

`TABLES[kind](report, item)` gives the activity's tables, the first of which is its CSV file;
`ORGANISATION_TABLES[kind](report, item, organisation)` gives one organisation's part for its sheet,
or None when that organisation has too few people answering to be shown on its own.

The privacy rule is the report's and the screens': no participant ids, no timestamps, no rows in the
order people answered; an organisation below the threshold appears only pooled as "other organisations"
(texts) or inside the totals (numbers). Pledges are the exception, as on every screen: they are the
organisation's public commitment (see the commitments kind). Column headers are in the workshop's
language; numbers stay numbers.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import gettext as _

from ..domain.kinds import KINDS
from ..domain.model import Organisation
from .data import ActivityReport, Report


@dataclass
class Table:
    """A header row and rows of plain cells: str, int, float, bool or None."""

    columns: list[str]
    rows: list[list] = field(default_factory=list)
    title: str = ""


def kind_text(kind: str, key: str) -> str:
    """A kind's own translated text (e.g. a team phase's name)."""
    return _(KINDS[kind].ui_strings[key])


def org_name(report: Report, organisation_id) -> str:
    """An organisation's name, or the pooled group's for organisations below the threshold."""
    org = report.organisation(organisation_id)
    return org.name if org else _("Other organisations")


def shown(report: Report, item: ActivityReport) -> list[Organisation]:
    ids = set(item.data.get("organisations_shown", []))
    return [org for org in report.organisations if org.id in ids]


def sorted_rows(rows: list[list]) -> list[list]:
    """Rows in a stable order by their content, never in the order people answered."""
    return sorted(rows, key=lambda row: [("" if c is None else str(c)).casefold() for c in row])


def goal_numbers(report: Report) -> dict[int, int]:
    return {g.id: n for n, g in enumerate(report.goals, start=1)}


# ---- per kind: the activity's tables ----


def introductions(report: Report, item: ActivityReport) -> list[Table]:
    order = {org.id: i for i, org in enumerate(report.organisations)}
    rows = []
    for group in item.data["groups"]:
        for i in group["items"]:
            if not i.get("hidden"):
                rank = order.get(group["organisation_id"], len(order))
                rows.append((rank, [org_name(report, group["organisation_id"]), i["display_name"] or "", i["bring"], i["get"]]))
    body = [row for _rank, row in sorted(rows, key=lambda pair: (pair[0], [str(c).casefold() for c in pair[1]]))]
    return [Table([_("Organisation"), _("Name"), _("What I bring"), _("What I come to get")], body)]


def ambitions(report: Report, item: ActivityReport) -> list[Table]:
    rows = []
    for i in item.data["items"]:
        if i.get("hidden"):
            continue
        goals = report.goals_of_answer(i["id"])
        rows.append(
            [
                org_name(report, i["organisation_id"]),
                i["text"],
                i["value_driver"] or "",
                i["horizon"],
                i["merged"],
                "; ".join(g.text for g in goals),
            ]
        )
    columns = [
        _("Organisation"),
        _("Ambition"),
        _("Value driver"),
        _("Horizon (years)"),
        _("Merged duplicates"),
        _("Went into goal"),
    ]
    drivers = Table(
        [_("Value driver"), _("Ambitions")] + [org.name for org in shown(report, item)],
        [
            [d["name"], d["count"]] + [d["by_organisation"].get(str(org.id), 0) for org in shown(report, item)]
            for d in item.data["value_drivers"]
        ],
        title=_("Value drivers"),
    )
    return [Table(columns, sorted_rows(rows)), drivers]


def goals(report: Report, item: ActivityReport) -> list[Table]:
    rows = [[n, g.text, g.adopted, len(g.source_answer_ids or [])] for n, g in enumerate(report.goals, start=1)]
    return [Table([_("Number"), _("Goal"), _("Adopted"), _("Ambitions")], rows)]


def dot_voting(report: Report, item: ActivityReport) -> list[Table]:
    data = item.data
    orgs = shown(report, item)
    texts = {g["id"]: g for g in data["goals"]}
    equal = {r["goal_id"]: r for r in data["equal_voice"]}
    divergence = {r["goal_id"]: r["divergence"] for r in data["divergence"]}
    common = set(data["common_ground"])
    per_org = {int(org): {g["goal_id"]: g for g in cols["goals"]} for org, cols in data["by_organisation"].items()}
    numbers = goal_numbers(report)
    columns = [_("Number"), _("Goal"), _("Adopted"), _("Dots"), _("Rank"), _("Equal voice points"), _("Equal voice rank")]
    columns += [_("Difference in rank"), _("Common ground")] if data["comparable"] else []
    for org in orgs:
        columns += [_("%(organisation)s: dots", organisation=org.name), _("%(organisation)s: rank", organisation=org.name)]
    rows = []
    for r in data["ranking"]:
        goal = r["goal_id"]
        row = [numbers.get(goal), texts[goal]["text"], texts[goal]["adopted"], r["dots"], r["rank"]]
        row += [equal[goal]["points"], equal[goal]["rank"]]
        row += [divergence.get(goal, 0), goal in common] if data["comparable"] else []
        for org in orgs:
            cell = per_org[org.id].get(goal, {})
            row += [cell.get("dots", 0), cell.get("rank")]
        rows.append(row)
    return [Table(columns, rows)]


def scale(report: Report, item: ActivityReport) -> list[Table]:
    data = item.data
    values = list(range(data["min"], data["max"] + 1))
    columns = [_("Group"), _("People"), _("Median"), _("Lower quartile"), _("Upper quartile"), _("Lowest"), _("Highest")]
    columns += [str(v) for v in values]

    def row(label, summary):
        counts = {d["value"]: d["count"] for d in summary["distribution"]}
        stats = [summary[k] for k in ("count", "median", "q1", "q3", "min", "max")]
        return [label, *stats] + [counts.get(v, 0) for v in values]

    rows = [row(_("Everyone"), data["overall"])]
    rows += [row(org.name, data["by_organisation"][str(org.id)]) for org in shown(report, item)]
    rows += [row(_("In the room") if p == "room" else _("Remote"), r["data"]["overall"]) for p, r in item.split.items()]
    return [Table(columns, rows)]


def team_phase(report: Report, item: ActivityReport) -> list[Table]:
    orgs = shown(report, item)
    columns = [_("Phase"), _("Everyone")] + [org.name for org in orgs]
    rows = [
        [kind_text("team_phase", p["id"]), p["count"]] + [p["by_organisation"].get(str(org.id), 0) for org in orgs]
        for p in item.data["phases"]
    ]
    return [Table(columns, rows)]


def reflection(report: Report, item: ActivityReport) -> list[Table]:
    """Shared reflections only: a private one is never in any export."""
    rows = []
    for r in item.data["shared"]:
        if r.get("hidden"):
            continue
        anonymous = r["share"] == "anonymous"
        who = _("Anonymous") if anonymous else (r["display_name"] or "")
        where = "" if anonymous or r["organisation_id"] is None else org_name(report, r["organisation_id"])
        rows.append([_("Anonymous") if anonymous else _("With name"), who, where, r["text"]])
    return [Table([_("Shared"), _("Name"), _("Organisation"), _("Reflection")], sorted_rows(rows))]


def poll(report: Report, item: ActivityReport) -> list[Table]:
    orgs = shown(report, item)
    columns = [_("Option"), _("Votes"), _("Percent")]
    for org in orgs:
        columns += [_("%(organisation)s: votes", organisation=org.name), _("%(organisation)s: percent", organisation=org.name)]
    rows = []
    for o in item.data["options"]:
        row = [o["text"], o["count"], o["percent"]]
        for org in orgs:
            cell = o["by_organisation"][str(org.id)]
            row += [cell["count"], cell["percent"]]
        rows.append(row)
    return [Table(columns, rows)]


POSITIONS = ("consent", "concern", "objection")


def consent(report: Report, item: ActivityReport) -> list[Table]:
    orgs = shown(report, item)
    numbers = goal_numbers(report)
    labels = {p: kind_text("consent", "count_" + p) for p in POSITIONS}
    columns = [_("Number"), _("Goal"), _("Responses")] + [labels[p] for p in POSITIONS] + [_("Passes")]
    columns += [_("Reasons for concerns"), _("Reasons for objections")]
    for org in orgs:
        columns += [f"{org.name}: {labels[p]}" for p in POSITIONS]
    rows, reasons = [], []
    for g in item.data["goals"]:
        concerns = [r for r in g["concerns"] if not r.get("hidden")]
        objections = [r for r in g["objections"] if not r.get("hidden")]
        row = [numbers.get(g["goal_id"]), g["text"], g["responses"]] + [g["counts"][p] for p in POSITIONS]
        row += [g["passes"], "\n".join(r["reason"] for r in concerns), "\n".join(r["reason"] for r in objections)]
        for org in orgs:
            row += [g["by_organisation"][str(org.id)][p] for p in POSITIONS]
        rows.append(row)
        for position, found in (("objection", objections), ("concern", concerns)):
            reasons += [[g["text"], labels[position], org_name(report, r["organisation_id"]), r["reason"]] for r in found]
    reasons_table = Table([_("Goal"), _("Position"), _("Organisation"), _("Reason")], sorted_rows(reasons), title=_("Reasons"))
    return [Table(columns, rows), reasons_table]


def _measure(key: str, currency: str) -> str:
    return _("Hours") if key == "hours" else _("Budget (%(currency)s)", currency=currency)


def commitments(report: Report, item: ActivityReport) -> list[Table]:
    data = item.data
    measures = data["measures"]
    pledging = [row["organisation_id"] for row in data["organisations"]]
    columns = [_("Number"), _("Goal"), _("Adopted")] + [_measure(m, data["currency"]) for m in measures]
    for org in pledging:
        columns += [f"{org_name(report, org)}: {_measure(m, data['currency'])}" for m in measures]
    numbers = goal_numbers(report)
    rows = []
    for g in data["goals"]:
        cells = {e["organisation_id"]: e for e in g["by_organisation"]}
        row = [numbers.get(g["goal_id"]), g["text"], g["adopted"]] + [g[m] for m in measures]
        for org in pledging:
            row += [cells.get(org, {}).get(m, 0) for m in measures]
        rows.append(row)
    totals = [None, _("Total"), None] + [data["totals"][m] for m in measures]
    for org_row in data["organisations"]:
        totals += [org_row[m] for m in measures]
    return [Table(columns, rows + [totals])]


def generic(report: Report, item: ActivityReport) -> list[Table]:
    """A kind without tables of its own: how many answered."""
    return [Table([_("People"), _("Answers")], [[item.results["respondents"], item.results["answers"]]])]


TABLES: dict[str, Callable[[Report, ActivityReport], list[Table]]] = {
    "introductions": introductions,
    "ambitions": ambitions,
    "goals": goals,
    "dot_voting": dot_voting,
    "scale": scale,
    "team_phase": team_phase,
    "reflection": reflection,
    "poll": poll,
    "consent": consent,
    "commitments": commitments,
}


def tables(report: Report, item: ActivityReport) -> list[Table]:
    """An activity's tables; the first is its CSV file."""
    return TABLES.get(item.activity.kind, generic)(report, item)


# ---- per kind: one organisation's part, for its sheet ----


def _is_shown(item: ActivityReport, org: Organisation) -> bool:
    return org.id in set(item.data.get("organisations_shown", []))


def org_introductions(report, item, org):
    group = next((g for g in item.data["groups"] if g["organisation_id"] == org.id), None)
    if group is None:
        return None
    rows = [[i["display_name"] or "", i["bring"], i["get"]] for i in group["items"] if not i.get("hidden")]
    return Table([_("Name"), _("What I bring"), _("What I come to get")], sorted_rows(rows))


def org_ambitions(report, item, org):
    if not _is_shown(item, org):
        return None
    rows = [
        [i["text"], i["value_driver"] or "", i["horizon"], "; ".join(g.text for g in report.goals_of_answer(i["id"]))]
        for i in item.data["items"]
        if i["organisation_id"] == org.id and not i.get("hidden")
    ]
    return Table([_("Ambition"), _("Value driver"), _("Horizon (years)"), _("Went into goal")], sorted_rows(rows))


def org_dot_voting(report, item, org):
    cols = item.data["by_organisation"].get(str(org.id))
    if cols is None:
        return None
    texts = {g["id"]: g["text"] for g in item.data["goals"]}
    rows = [[texts[g["goal_id"]], g["dots"], g["rank"]] for g in cols["goals"]]
    return Table([_("Goal"), _("Dots"), _("Rank")], rows)


def org_scale(report, item, org):
    summary = item.data["by_organisation"].get(str(org.id))
    if summary is None:
        return None
    keys = ("count", "median", "q1", "q3", "min", "max")
    columns = [_("People"), _("Median"), _("Lower quartile"), _("Upper quartile"), _("Lowest"), _("Highest")]
    return Table(columns, [[summary[k] for k in keys]])


def org_team_phase(report, item, org):
    if not _is_shown(item, org):
        return None
    rows = [[kind_text("team_phase", p["id"]), p["by_organisation"].get(str(org.id), 0)] for p in item.data["phases"]]
    return Table([_("Phase"), _("People")], rows)


def org_reflection(report, item, org):
    rows = [
        [r["display_name"] or "", r["text"]]
        for r in item.data["shared"]
        if r["share"] == "named" and r["organisation_id"] == org.id and not r.get("hidden")
    ]
    return Table([_("Name"), _("Reflection")], sorted_rows(rows)) if _is_organisation_counted(report, item, org) else None


def _is_organisation_counted(report, item, org) -> bool:
    """Reflections name an organisation only when it has enough people answering (as on the screen)."""
    people = {
        a.participant_id for a in item.answers if not a.hidden and report.participants[a.participant_id].organisation_id == org.id
    }
    return len(people) >= report.threshold


def org_poll(report, item, org):
    if not _is_shown(item, org):
        return None
    rows = [
        [o["text"], o["by_organisation"][str(org.id)]["count"], o["by_organisation"][str(org.id)]["percent"]]
        for o in item.data["options"]
    ]
    return Table([_("Option"), _("Votes"), _("Percent")], rows)


def org_consent(report, item, org):
    if not _is_shown(item, org):
        return None
    labels = [kind_text("consent", "count_" + p) for p in POSITIONS]
    rows = []
    for g in item.data["goals"]:
        mine = [r["reason"] for r in g["concerns"] + g["objections"] if r["organisation_id"] == org.id and not r.get("hidden")]
        rows.append([g["text"]] + [g["by_organisation"][str(org.id)][p] for p in POSITIONS] + ["\n".join(mine)])
    return Table([_("Goal"), *labels, _("Reasons")], rows)


def org_commitments(report, item, org):
    """Pledges are shown for every organisation that pledged, whatever the threshold."""
    data = item.data
    if not any(row["organisation_id"] == org.id for row in data["organisations"]):
        return Table([_("Goal")], [])
    rows = []
    for g in data["goals"]:
        cell = next((e for e in g["by_organisation"] if e["organisation_id"] == org.id), None)
        if cell:
            rows.append([g["text"]] + [cell[m] for m in data["measures"]])
    return Table([_("Goal")] + [_measure(m, data["currency"]) for m in data["measures"]], rows)


ORGANISATION_TABLES = {
    "introductions": org_introductions,
    "ambitions": org_ambitions,
    "dot_voting": org_dot_voting,
    "scale": org_scale,
    "team_phase": org_team_phase,
    "reflection": org_reflection,
    "poll": org_poll,
    "consent": org_consent,
    "commitments": org_commitments,
}


def organisation_table(report: Report, item: ActivityReport, org: Organisation) -> Table | None:
    """One organisation's part of an activity, or None when it is not shown on its own.

    Only for kinds in ORGANISATION_TABLES; goals belong to the partnership, not to one organisation.
    """
    return ORGANISATION_TABLES[item.activity.kind](report, item, org)
