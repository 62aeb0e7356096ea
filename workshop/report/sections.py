"""One function per activity kind: what its section of the report shows, ready for its template.

Each takes the report and one activity's results and returns a plain dict that
`templates/report/kinds/<kind>.html` renders. The results are the facilitator's (`FACILITATOR`), so
they already respect the privacy threshold: an organisation below it has no column and its texts are
pooled. What moderation hid is left out here; `appendix` lists it. Kinds without a function of their
own get `generic`, which shows only the counts.
"""

from collections.abc import Callable

from .data import ActivityReport, Report

Section = Callable[[Report, ActivityReport], dict]


def share(value, top) -> float:
    """A bar's length in percent of the longest bar (0 when there is nothing to compare)."""
    return round(100 * value / top, 2) if top else 0.0


def bars(rows: list[dict], key: str) -> list[dict]:
    """Rows with a `width` in percent of the largest `key`."""
    top = max((row[key] for row in rows), default=0)
    return [{**row, "width": share(row[key], top)} for row in rows]


def shown(report: Report, item: ActivityReport, data: dict | None = None) -> list:
    """The organisations with a column of their own in this activity, in the workshop's order."""
    ids = set((data or item.data).get("organisations_shown", []))
    return [org for org in report.organisations if org.id in ids]


def introductions(report: Report, item: ActivityReport) -> dict:
    groups = []
    for group in item.data["groups"]:
        items = [i for i in group["items"] if not i.get("hidden")]
        if items:
            groups.append({"organisation": report.organisation(group["organisation_id"]), "items": items})
    return {"groups": groups}


def ambitions(report: Report, item: ActivityReport) -> dict:
    data = item.data
    visible = [i for i in data["items"] if not i.get("hidden")]
    groups = []
    for org in [*report.organisations, None]:
        key = org.id if org else None
        items = [{**i, "goals": report.goals_of_answer(i["id"])} for i in visible if i["organisation_id"] == key]
        if items:
            groups.append({"organisation": org, "items": items})
    drivers = bars(
        [{"name": d["name"], "count": d["count"], "by_organisation": d["by_organisation"]} for d in data["value_drivers"]],
        "count",
    )
    horizons = bars([{"years": int(h), "count": n} for h, n in data["horizons"].items()], "count")
    return {
        "groups": groups,
        "drivers": drivers,
        "horizons": horizons,
        "organisations": shown(report, item),
        "in_goals": sum(1 for i in visible if report.goals_of_answer(i["id"])),
        "count": len(visible),
    }


def goals(report: Report, item: ActivityReport) -> dict:
    """Every goal with the ambitions it came from; an ambition's organisation only where the ambitions screen named it."""
    sources = {}
    for other in report.activities:
        if other.activity.kind == "ambitions":
            for ambition in other.data["items"]:
                sources[ambition["id"]] = ambition
    rows = []
    for number, goal in enumerate(report.goals, start=1):
        found = [sources[i] for i in goal.source_answer_ids or [] if i in sources and not sources[i].get("hidden")]
        named = {a["organisation_id"] for a in found if a["organisation_id"] is not None}
        rows.append(
            {
                "number": number,
                "goal": goal,
                "ambitions": found,
                "organisations": [org for org in report.organisations if org.id in named],
            }
        )
    return {"goals": rows, "adopted": sum(1 for g in report.goals if g.adopted)}


def dot_voting(report: Report, item: ActivityReport) -> dict:
    data = item.data
    texts = {g["id"]: g["text"] for g in data["goals"]}
    adopted = {g["id"] for g in data["goals"] if g["adopted"]}
    number = {g.id: n for n, g in enumerate(report.goals, start=1)}
    orgs = shown(report, item)

    def goal(goal_id):
        return {"id": goal_id, "text": texts.get(goal_id, ""), "adopted": goal_id in adopted, "number": number.get(goal_id)}

    plain = bars([{**goal(r["goal_id"]), "dots": r["dots"], "rank": r["rank"]} for r in data["ranking"]], "dots")
    equal = bars([{**goal(r["goal_id"]), "points": r["points"], "rank": r["rank"]} for r in data["equal_voice"]], "points")
    per_org = {int(org): {g["goal_id"]: g for g in cols["goals"]} for org, cols in data["by_organisation"].items()}
    table = [
        {**goal(r["goal_id"]), "cells": [per_org.get(org.id, {}).get(r["goal_id"]) for org in orgs]} for r in data["ranking"]
    ]
    ranks = len(data["goals"]) or 1
    divergence = [
        {
            **goal(row["goal_id"]),
            "divergence": row["divergence"],
            "spread": row["spread"],
            # Where each organisation ranks the goal, as a dot on a line from rank 1 to the last rank.
            "marks": [
                {"organisation": org, "rank": row["ranks"][str(org.id)], "x": _rank_x(row["ranks"][str(org.id)], ranks)}
                for org in orgs
                if str(org.id) in row["ranks"]
            ],
        }
        for row in data["divergence"]
    ]
    return {
        "plain": plain,
        "equal": equal,
        "organisations": orgs,
        "voters": {int(org): cols["voters"] for org, cols in data["by_organisation"].items()},
        "table": table,
        "divergence": divergence,
        "ranks": ranks,
        "comparable": data["comparable"],
        "common_ground": [goal(g) for g in data["common_ground"]],
        "top_k": data["top_k"],
        "dots": data["dots"],
        "split": _split_rows(item, lambda d: bars([{**goal(r["goal_id"]), "dots": r["dots"]} for r in d["ranking"]], "dots")),
    }


def _rank_x(rank: int, ranks: int) -> float:
    """Rank 1 at the left (8), the last rank at the right (392) of a 400-wide line."""
    return 8 + (384 * (rank - 1) / (ranks - 1) if ranks > 1 else 0)


def scale(report: Report, item: ActivityReport) -> dict:
    data = item.data
    lowest, highest = data["min"], data["max"]
    steps = highest - lowest or 1

    def x(value):
        return None if value is None else round(100 * (value - lowest) / steps, 2)

    def lane(summary, organisation=None):
        return {
            "organisation": organisation,
            "summary": summary,
            "median_x": x(summary["median"]),
            "q1_x": x(summary["q1"]),
            "q3_x": x(summary["q3"]),
            "min_x": x(summary["min"]),
            "max_x": x(summary["max"]),
        }

    overall = data["overall"]
    labelled = set(_ticks(lowest, highest))
    lanes = [lane(overall)] + [lane(data["by_organisation"][str(org.id)], org) for org in shown(report, item)]
    return {
        "min": lowest,
        "max": highest,
        "left": data["left"],
        "right": data["right"],
        "overall": overall,
        # Every value gets a bar; with more than about eleven values only some get a label.
        "distribution": [{**d, "label": d["value"] in labelled} for d in bars(overall["distribution"], "count")],
        "lanes": lanes,
        "split": _split_rows(item, lambda d: [lane(d["overall"])]),
    }


def _ticks(lowest: int, highest: int) -> list[int]:
    """At most about eleven tick values from the lowest to the highest."""
    step = max(1, round((highest - lowest) / 10))
    values = list(range(lowest, highest + 1, step))
    return values if values[-1] == highest else [*values, highest]


def team_phase(report: Report, item: ActivityReport) -> dict:
    data = item.data
    orgs = shown(report, item)
    phases = bars(
        [{"id": p["id"], "count": p["count"], "by_organisation": p["by_organisation"]} for p in data["phases"]], "count"
    )
    return {
        "phases": phases,
        "organisations": orgs,
        "most_chosen": data["most_chosen"],
        "split": _split_rows(item, lambda d: bars([{"id": p["id"], "count": p["count"]} for p in d["phases"]], "count")),
    }


def reflection(report: Report, item: ActivityReport) -> dict:
    """Shared reflections only; private ones exist here as a count and nowhere else."""
    data = item.data
    shared = [{**r, "organisation": report.organisation(r["organisation_id"])} for r in data["shared"] if not r.get("hidden")]
    return {"shared": shared, "private_count": data["private_count"]}


def poll(report: Report, item: ActivityReport) -> dict:
    data = item.data
    orgs = shown(report, item)
    options = bars(
        [
            {"text": o["text"], "count": o["count"], "percent": o["percent"], "by_organisation": o["by_organisation"]}
            for o in data["options"]
        ],
        "count",
    )
    return {
        "options": options,
        "organisations": orgs,
        "respondents": data["respondents"],
        "respondents_by_organisation": data["respondents_by_organisation"],
        "multiple": data["multiple"],
        "split": _split_rows(
            item,
            lambda d: bars([{"text": o["text"], "count": o["count"], "percent": o["percent"]} for o in d["options"]], "count"),
        ),
    }


def consent(report: Report, item: ActivityReport) -> dict:
    data = item.data
    orgs = shown(report, item)
    rows = []
    for row in data["goals"]:
        total = row["responses"] or 1
        rows.append(
            {
                **row,
                "parts": [
                    {"position": p, "count": row["counts"][p], "width": share(row["counts"][p], total)}
                    for p in ("consent", "concern", "objection")
                ],
                "concerns": [_reason(report, r) for r in row["concerns"] if not r.get("hidden")],
                "objections": [_reason(report, r) for r in row["objections"] if not r.get("hidden")],
            }
        )
    return {"goals": rows, "organisations": orgs, "respondents": data["respondents"], "all_pass": data["all_pass"]}


def _reason(report: Report, reason: dict) -> dict:
    return {"reason": reason["reason"], "organisation": report.organisation(reason["organisation_id"])}


def commitments(report: Report, item: ActivityReport) -> dict:
    """Pledges per goal and organisation (shown whatever the threshold: see the commitments kind)."""
    data = item.data
    measures = data["measures"]
    pledging = [report.organisation(row["organisation_id"]) for row in data["organisations"]]
    top = {m: max((row[m] for row in data["goals"]), default=0) for m in measures}
    rows = []
    for row in data["goals"]:
        cells = {entry["organisation_id"]: entry for entry in row["by_organisation"]}
        # A stacked bar per measure: each organisation's part of the largest goal's total.
        stacks = {}
        for m in measures:
            offset, parts = 0.0, []
            for org in pledging:
                amount = cells.get(org.id, {}).get(m, 0)
                if amount:
                    width = share(amount, top[m])
                    parts.append({"organisation": org, "x": offset, "width": width, "amount": amount})
                    offset += width
            stacks[m] = parts
        rows.append({**row, "cells": [cells.get(org.id) for org in pledging], "stacks": stacks})
    return {
        "measures": measures,
        "currency": data["currency"],
        "period": data["period"],
        "organisations": pledging,
        "goals": rows,
        "per_organisation": [
            {**row, "organisation": report.organisation(row["organisation_id"])} for row in data["organisations"]
        ],
        "totals": data["totals"],
    }


def generic(report: Report, item: ActivityReport) -> dict:
    """A kind without a report section of its own: the counts only (its data stays in the JSON export)."""
    return {}


def _split_rows(item: ActivityReport, rows) -> list[dict]:
    """The same chart for the people in the room and for the remote ones, when both groups are large enough."""
    return [
        {"presence": presence, "respondents": results["respondents"], "rows": rows(results["data"])}
        for presence, results in item.split.items()
    ]


SECTIONS: dict[str, Section] = {
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


def section(report: Report, item: ActivityReport) -> dict:
    """The view of one activity's section: its kind's function, or `generic`."""
    return SECTIONS.get(item.activity.kind, generic)(report, item)


def appendix(report: Report) -> list[dict]:
    """Per activity, what moderation hid: texts where the kind has them (still pooled below the threshold), else a count."""
    found = []
    for item in report.activities:
        if not item.hidden:
            continue
        data, kind = item.data, item.activity.kind
        entries: list[dict] = []
        if kind == "ambitions":
            entries = [
                {
                    "text": i["text"],
                    "organisation": report.organisation(i["organisation_id"]),
                    "merged_into": i.get("merged_into"),
                }
                for i in data["items"]
                if i.get("hidden")
            ]
        elif kind == "introductions":
            entries = [
                {"text": f"{i['bring']} · {i['get']}", "organisation": report.organisation(g["organisation_id"])}
                for g in data["groups"]
                for i in g["items"]
                if i.get("hidden")
            ]
        elif kind == "reflection":
            entries = [
                {"text": r["text"], "organisation": report.organisation(r["organisation_id"])}
                for r in data["shared"]
                if r.get("hidden")
            ]
        elif kind == "consent":
            entries = [
                {"text": r["reason"], "organisation": report.organisation(r["organisation_id"]), "goal": row["text"]}
                for row in data["goals"]
                for r in row["concerns"] + row["objections"]
                if r.get("hidden")
            ]
        found.append({"activity": item.activity, "hidden": len(item.hidden), "entries": entries})
    return found
