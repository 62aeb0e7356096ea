"""Changing the agenda, also while the workshop runs: edit, duplicate, delete, reorder, rerun, timers."""

from copy import deepcopy
from datetime import datetime, timedelta

from . import fields
from .errors import InvalidInput, InvalidTransition
from .i18n import N_
from .kinds import clean_activity, get_kind, starts_live, untranslated
from .model import DRAFT, OPEN, Activity, Answer, Workshop

MAX_TIMER_SECONDS = 60 * 60


def reorder(agenda: list[Activity], ordered_ids) -> None:
    """Put the activities in the given order; the ids must be exactly the agenda's."""
    if (
        not isinstance(ordered_ids, list)
        or len(ordered_ids) != len(agenda)
        or not all(fields.is_identifier(i) for i in ordered_ids)
        or sorted(ordered_ids) != sorted(a.id for a in agenda)
    ):
        raise InvalidInput(N_("Give every activity of the agenda exactly once."))
    by_id = {a.id: a for a in agenda}
    for position, activity_id in enumerate(ordered_ids):
        by_id[activity_id].position = position


def edit(workshop: Workshop, activity: Activity, item, answers: list[Answer], translate=untranslated) -> None:
    """Change an activity from the agenda editor.

    Before anybody answered, anything may change but an activity's type once it has run. After that
    only what keeps every answer valid and meaning what it meant: texts may be reworded, limits
    widened, options added; each kind's `check_change` refuses the rest with a message naming the field.
    """
    new = clean_activity(item, workshop.language, translate, workshop.bilingual)
    if new.kind != activity.kind:
        if activity.state != DRAFT:
            raise InvalidTransition(N_("This activity has run: its type cannot change."), field="kind")
        activity.kind = new.kind
    elif answers:
        kind = get_kind(activity.kind)
        settings = {k: v for k, v in new.config.items() if k not in ("prompt", "results", "translations")}
        kind.check_change(activity.config, settings, answers)
    activity.title = new.title
    activity.config = new.config
    if activity.state == DRAFT:
        # Once it runs, Reveal and Hide decide; the choice still applies to a new round.
        activity.results_visible = new.results_visible


def duplicate(activity: Activity, agenda: list[Activity]) -> Activity:
    """A copy of an activity right after it, not yet run, without its answers."""
    return _copy_after(activity, agenda)


def _copy_after(activity: Activity, agenda: list[Activity], **changes) -> Activity:
    """A fresh copy of an activity placed right after it (the ones after move down), with `changes`."""
    for other in agenda:
        if other.position > activity.position:
            other.position += 1
    return Activity(
        kind=activity.kind,
        title=activity.title,
        config=deepcopy(activity.config),
        # As the facilitator chose for the activity, not as it was left (revealed or hidden).
        results_visible=starts_live(activity),
        position=activity.position + 1,
        **changes,
    )


def remove(workshop: Workshop, activity: Activity, agenda: list[Activity], answers: int, confirmed) -> bool:
    """Take an activity off the agenda; True when it must be kept (hidden) because it has answers.

    Answers are never thrown away with their activity: it leaves the agenda and every screen, and stays
    in the exports, marked as removed. Deleting one with answers needs the facilitator's confirmation.
    """
    if activity.state == OPEN:
        raise InvalidTransition(N_("Close this activity before you delete it."))
    if answers and confirmed is not True:
        message = (
            N_("This activity has an answer. Confirm to delete it; the answer stays in the export.")
            if answers == 1
            else N_("This activity has %(n)d answers. Confirm to delete it; the answers stay in the export.")
        )
        raise InvalidTransition(message, field="confirm", n=answers)
    if workshop.current_activity_id == activity.id:
        workshop.current_activity_id = None
    if workshop.last_activity_id == activity.id:
        # Next goes on from where this one stood: from the activity before it.
        before = [a for a in agenda if a.position < activity.position]
        workshop.last_activity_id = max(before, key=lambda a: a.position).id if before else None
    return answers > 0


def rerun(activity: Activity, agenda: list[Activity]) -> Activity:
    """A new round of an activity right after it; the earlier round and its answers stay."""
    if activity.state == DRAFT:
        raise InvalidTransition(N_("Only an activity that has run can get a new round."))
    return _copy_after(
        activity,
        agenda,
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
