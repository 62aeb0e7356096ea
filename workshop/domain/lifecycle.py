"""How the facilitator moves through the agenda: open, close, reveal, hide, next, lobby, end."""

from datetime import UTC, datetime

from . import quorum
from .errors import InvalidInput, InvalidTransition
from .i18n import N_
from .model import CLOSED, DRAFT, OPEN, Activity, Workshop

ACTIONS = ("open", "close", "reveal", "hide", "next", "lobby", "end")
# These act on one activity and need its id; "next", "lobby" and "end" act on the whole agenda.
ACTIVITY_ACTIONS = ("open", "close", "reveal", "hide")


def _stop(activity: Activity, waiting=(), confirm: bool = False) -> None:
    """Close an open activity; a round with a quorum not met closes only when confirmed (and records it)."""
    quorum.check_close(activity, list(waiting), confirm)
    activity.state = CLOSED
    activity.timer_ends_at = None


def _move_on(workshop: Workshop, to: int | None) -> None:
    """Make `to` current (None: the lobby), remembering the activity left, where Next goes on from."""
    if workshop.current_activity_id is not None and workshop.current_activity_id != to:
        workshop.last_activity_id = workshop.current_activity_id
    workshop.current_activity_id = to


def open_activity(workshop: Workshop, activity: Activity, agenda: list[Activity], waiting=(), confirm=False) -> None:
    """Open an activity for answers and make it what phones and screens show; one open at a time.

    Reopening a closed activity is allowed (phones can change their answers again); the control view
    asks the facilitator first. Opening anything resumes an ended session.
    """
    for other in agenda:
        if other.id != activity.id and other.state == OPEN:
            _stop(other, waiting, confirm)
    activity.state = OPEN
    activity.closed_early = None
    _move_on(workshop, activity.id)
    workshop.ended_at = None


def close_activity(workshop: Workshop, activity: Activity, waiting=(), confirm=False) -> None:
    """Stop taking answers; the activity stays on the screens."""
    if activity.state != OPEN:
        raise InvalidTransition(N_("Only an open activity can be closed."))
    _stop(activity, waiting, confirm)


def set_results_visible(activity: Activity, visible: bool) -> None:
    """Reveal or hide the results on the projector."""
    if activity.state == DRAFT and visible:
        raise InvalidTransition(N_("Open the activity before revealing its results."))
    activity.results_visible = visible


def show_lobby(workshop: Workshop, agenda: list[Activity], waiting=(), confirm=False) -> None:
    """Back to the lobby: close what is open and show the join code."""
    for activity in agenda:
        if activity.state == OPEN:
            _stop(activity, waiting, confirm)
    _move_on(workshop, None)
    workshop.ended_at = None


def end_session(workshop: Workshop, agenda: list[Activity], now: datetime, waiting=(), confirm=False) -> None:
    """The session's end: close what is open; screens show the closing summary, phones thank people.

    Ending is not final: opening any activity or going back to the lobby resumes the session.
    """
    show_lobby(workshop, agenda, waiting, confirm)
    workshop.ended_at = now


def upcoming(workshop: Workshop, agenda: list[Activity]) -> Activity | None:
    """What Next opens: the first activity not yet run after the current one (from the lobby: after the
    activity last moved on from), in agenda order.

    Next never reopens: an activity that ran (closed, results revealed or not) is skipped, so going back
    to reopen an earlier one and pressing Next carries on where the agenda was, not with a finished vote.
    """
    ordered = sorted(agenda, key=lambda a: a.position)
    here = workshop.current_activity_id or workshop.last_activity_id
    start = next((a.position for a in ordered if a.id == here), None)
    return next((a for a in ordered if a.state == DRAFT and (start is None or a.position > start)), None)


def next_activity(workshop: Workshop, agenda: list[Activity], waiting=(), confirm=False) -> Activity | None:
    """Close the current activity and open the upcoming one; None (the lobby) after the last."""
    following = upcoming(workshop, agenda)
    show_lobby(workshop, agenda, waiting, confirm)
    if following is None:
        return None
    open_activity(workshop, following, agenda)
    return following


def apply(
    action: str,
    workshop: Workshop,
    activity: Activity | None,
    agenda: list[Activity],
    waiting=(),
    confirm=False,
    now: datetime | None = None,
) -> None:
    """Carry out one facilitator action.

    `waiting`: the organisations the open activity's quorum still waits for; closing it then needs `confirm`.
    `now` is when the session ends, for "end" and "next" after the last item.
    """
    if action not in ACTIONS:
        raise InvalidInput(N_("Unknown action."))
    # Ending again keeps the moment it first ended.
    ended_at = workshop.ended_at or now or datetime.now(UTC).replace(tzinfo=None)
    if action == "next":
        if next_activity(workshop, agenda, waiting, confirm) is None:
            # "Next" after the last item ends the session.
            end_session(workshop, agenda, ended_at, waiting, confirm)
        return
    if action == "end":
        end_session(workshop, agenda, ended_at, waiting, confirm)
        return
    if action == "lobby":
        show_lobby(workshop, agenda, waiting, confirm)
        return
    if activity is None:  # one of ACTIVITY_ACTIONS
        raise InvalidInput(N_("Pick an activity."))
    if action == "open":
        open_activity(workshop, activity, agenda, waiting, confirm)
    elif action == "close":
        close_activity(workshop, activity, waiting, confirm)
    else:
        set_results_visible(activity, action == "reveal")
