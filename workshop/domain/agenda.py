"""Changing the agenda while the workshop runs: reorder, rerun as a new round, timers."""

from copy import deepcopy
from datetime import datetime, timedelta

from . import fields
from .errors import InvalidInput, InvalidTransition
from .i18n import N_
from .model import DRAFT, OPEN, Activity

MAX_TIMER_SECONDS = 60 * 60


def reorder(agenda: list[Activity], ordered_ids) -> None:
    """Put the activities in the given order; the ids must be exactly the agenda's."""
    if not isinstance(ordered_ids, list) or sorted(map(str, ordered_ids)) != sorted(str(a.id) for a in agenda):
        raise InvalidInput(N_("Give every activity of the agenda exactly once."))
    by_id = {a.id: a for a in agenda}
    for position, activity_id in enumerate(ordered_ids):
        by_id[activity_id].position = position


def rerun(activity: Activity, agenda: list[Activity]) -> Activity:
    """A new round of an activity right after it; the earlier round and its answers stay."""
    if activity.state == DRAFT:
        raise InvalidTransition(N_("Only an activity that has run can get a new round."))
    for other in agenda:
        if other.position > activity.position:
            other.position += 1
    return Activity(
        kind=activity.kind,
        title=activity.title,
        config=deepcopy(activity.config),
        results_visible=activity.results_visible,
        position=activity.position + 1,
        round=max(a.round for a in agenda if a.kind == activity.kind and a.title == activity.title) + 1,
        previous_round_id=activity.id,
    )


def start_timer(activity: Activity, seconds, now: datetime) -> None:
    """A countdown every phone and screen shows; only for an open activity."""
    if activity.state != OPEN:
        raise InvalidTransition(N_("Open the activity before starting a timer."))
    seconds = fields.integer(seconds, minimum=5, maximum=MAX_TIMER_SECONDS, name="seconds")
    activity.timer_ends_at = now + timedelta(seconds=seconds)


def stop_timer(activity: Activity) -> None:
    """Stop the countdown."""
    activity.timer_ends_at = None
