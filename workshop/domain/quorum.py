"""Per-organisation quorum: a vote or consent round waits until every organisation present has answered.

Large organisations can fill a room; the quorum makes sure a round does not close before the smaller ones
had their say. A rule is {"mode": "one"} (at least one person of every organisation present answered) or
{"mode": "share", "share": 50} (at least that percentage of those present). An organisation with nobody
connected is not waited for. Closing earlier is possible, but only when the facilitator confirms, and it
is recorded on the activity (`closed_early`) so the results say so.
"""

import math

from . import fields
from .errors import DomainError
from .i18n import N_

ONE, SHARE = "one", "share"
MODES = (ONE, SHARE)


class QuorumNotMet(DomainError):
    """Closing now would leave organisations that are present without an answer."""

    code = "quorum_not_met"
    status = 409


def clean_rule(value) -> dict | None:
    """A quorum rule from the facilitator: None (no quorum), {"mode": "one"} or {"mode": "share", "share": 1-100}."""
    if value in (None, "", False, "none") or (isinstance(value, dict) and value.get("mode") in (None, "", "none")):
        return None
    if isinstance(value, str):
        value = {"mode": value}
    value = fields.mapping(value, name="quorum")
    mode = fields.choice(value.get("mode"), MODES, name="quorum")
    if mode == ONE:
        return {"mode": ONE}
    return {"mode": SHARE, "share": fields.integer(value.get("share", 50), minimum=1, maximum=100, name="quorum_share")}


def needed(rule: dict, connected: int) -> int:
    """How many of an organisation's connected people must have answered."""
    if connected <= 0:
        return 0
    if rule["mode"] == ONE:
        return 1
    return max(1, math.ceil(rule["share"] * connected / 100))


def waiting_for(rule: dict | None, balance: list[dict]) -> list[int]:
    """Organisations (ids, in order) that are present and have not met the rule yet; [] without a rule.

    `balance` rows are the participation balance: {"organisation_id", "connected", "answered", "answered_connected"}.
    """
    if not rule:
        return []
    waiting = []
    for row in balance:
        need = needed(rule, row["connected"])
        answered = row["answered"] if rule["mode"] == ONE else row["answered_connected"]
        if need and answered < need:
            waiting.append(row["organisation_id"])
    return waiting


def check_close(activity, waiting: list[int], confirm: bool) -> None:
    """Let a round close: refuse while organisations are waited for unless confirmed, and record it then."""
    if not waiting:
        activity.closed_early = None
        return
    if not confirm:
        raise QuorumNotMet(N_("Not every organisation has answered yet. Close anyway?"))
    activity.closed_early = {"waiting_for": list(waiting), "rule": dict(activity.config.get("quorum") or {})}


def status(activity, balance: list[dict]) -> dict:
    """What the results say about the quorum: the rule, whom the room waits for, and an earlier close."""
    rule = (activity.config or {}).get("quorum")
    waiting = waiting_for(rule, balance) if activity.state == "open" else []
    return {"rule": rule, "waiting_for": waiting, "met": not waiting, "closed_early": activity.closed_early}
