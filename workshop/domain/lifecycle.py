"""How the facilitator moves through the agenda: open, close, reveal, hide, next."""

from .errors import InvalidInput, InvalidTransition
from .i18n import N_
from .model import CLOSED, DRAFT, OPEN, Activity, Workshop

ACTIONS = ("open", "close", "reveal", "hide", "next", "lobby")


def open_activity(workshop: Workshop, activity: Activity, agenda: list[Activity]) -> None:
    """Open an activity for answers and make it what phones and screens show; one open at a time."""
    for other in agenda:
        if other.id != activity.id and other.state == OPEN:
            other.state = CLOSED
    activity.state = OPEN
    workshop.current_activity_id = activity.id


def close_activity(workshop: Workshop, activity: Activity) -> None:
    """Stop taking answers; the activity stays on the screens."""
    if activity.state != OPEN:
        raise InvalidTransition(N_("Only an open activity can be closed."))
    activity.state = CLOSED
    activity.timer_ends_at = None


def set_results_visible(activity: Activity, visible: bool) -> None:
    """Reveal or hide the results on the projector."""
    if activity.state == DRAFT and visible:
        raise InvalidTransition(N_("Open the activity before revealing its results."))
    activity.results_visible = visible


def show_lobby(workshop: Workshop, agenda: list[Activity]) -> None:
    """Back to the lobby: close what is open and show the join code."""
    for activity in agenda:
        if activity.state == OPEN:
            activity.state = CLOSED
            activity.timer_ends_at = None
    workshop.current_activity_id = None


def next_activity(workshop: Workshop, agenda: list[Activity]) -> Activity | None:
    """Close the current activity and open the next one in the agenda; None at the end."""
    ordered = sorted(agenda, key=lambda a: a.position)
    current = next((a for a in ordered if a.id == workshop.current_activity_id), None)
    if current is None:
        # From the lobby, go on with the first activity not yet run.
        following = [a for a in ordered if a.state == DRAFT]
    else:
        following = [a for a in ordered if a.position > current.position]
    show_lobby(workshop, agenda)
    if not following:
        return None
    open_activity(workshop, following[0], agenda)
    return following[0]


def apply(action: str, workshop: Workshop, activity: Activity | None, agenda: list[Activity]) -> None:
    """Carry out one facilitator action."""
    if action not in ACTIONS:
        raise InvalidInput(N_("Unknown action."))
    if action == "next":
        next_activity(workshop, agenda)
        return
    if action == "lobby":
        show_lobby(workshop, agenda)
        return
    if activity is None:
        raise InvalidInput(N_("Pick an activity."))
    if action == "open":
        open_activity(workshop, activity, agenda)
    elif action == "close":
        close_activity(workshop, activity)
    else:
        set_results_visible(activity, action == "reveal")
