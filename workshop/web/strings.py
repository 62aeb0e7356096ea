"""Translated strings for the browser scripts, handed over as JSON in each page."""

from flask_babel import gettext as _


def js_strings() -> dict:
    """Every text the scripts put on screen; `{name}` placeholders are filled in the browser."""
    return {
        "connecting": _("Connecting…"),
        "reconnecting": _("Connection lost. Reconnecting… Your answers are kept and sent when you are back."),
        "connected": _("Connected"),
        "refused": _("This link does not work (any more). Ask the facilitator for a new one."),
        "send": _("Send"),
        "sending": _("Sending…"),
        "received": _("Received ✓"),
        "queued": _("Saved on this phone; it is sent when the connection is back."),
        "error": _("Something went wrong on our side. Try again."),
        "lobby_title": _("You're in!"),
        "lobby_text": _("Waiting for the facilitator to start. Keep this page open."),
        "closed_text": _("This activity is closed. Waiting for the facilitator…"),
        "your_answers": _("Your answers"),
        "remove": _("Remove"),
        "answers_left": _("You can add {n} more."),
        "limit_reached": _("You have given the maximum number of answers."),
        "characters_left": _("{n} characters left"),
        "value_driver": _("Value driver"),
        "horizon": _("Horizon"),
        "years": _("{n} years"),
        "year": _("1 year"),
        "pick": _("Pick one"),
        "your_ambition": _("Your ambition"),
        "open": _("Open"),
        "close": _("Close"),
        "reveal": _("Reveal results"),
        "hide": _("Hide results"),
        "next": _("Next"),
        "lobby": _("Back to lobby"),
        "state_draft": _("Not started"),
        "state_open": _("Open"),
        "state_closed": _("Closed"),
        "results_shown": _("Results on screen"),
        "results_hidden": _("Results hidden"),
        "now_on_screen": _("Now on the screen"),
        "lobby_on_screen": _("The lobby: join code and QR"),
        "answered_of": _("{answered} of {connected} answered"),
        "joined_connected": _("{connected} connected · {joined} joined"),
        "in_room_remote": _("{room} in the room · {remote} remote"),
        "answers_count": _("{n} answers"),
        "respondents_count": _("{n} people answered"),
        "respondents_one": _("1 person answered"),
        "answers_one": _("1 answer"),
        "other_organisations": _("Other organisations (fewer than {k} people answered)"),
        "no_answers": _("No answers yet."),
        "hidden_answer": _("hidden"),
        "join_at": _("Join at"),
        "with_code": _("with code"),
        "scan_to_join": _("Scan to join"),
        "results_coming": _("The results will appear when the facilitator reveals them."),
        "the_end": _("Thank you! This is the end of the agenda."),
        "screens": _("{n} screens"),
        "confirm_next": _("Close this activity and go to the next one?"),
        "confirm_lobby": _("Close the open activity and go back to the lobby?"),
        "added": _("Activity added to the agenda."),
        "top_driver": _("Chosen most: {name}"),
        "time_up": _("Time's up"),
        "time_left": _("Time left"),
        "timer": _("Timer"),
        "start_timer": _("Start timer"),
        "stop_timer": _("Stop timer"),
        "minutes": _("{n} min"),
        "move_up": _("Move up"),
        "move_down": _("Move down"),
        "new_round": _("New round"),
        "round": _("Round {n}"),
        "confirm_rerun": _("Add a new round of this activity? The answers of this round are kept."),
        "hide_answer": _("Hide"),
        "show_answer": _("Show"),
        "merge_selected": _("Merge selected into the first"),
        "merged_count": _("+{n} merged"),
        "select_to_merge": _("Select duplicates to merge"),
        "all_participants": _("Everyone"),
        "in_room_only": _("In the room"),
        "remote_only": _("Remote"),
        "export_format": _("Export agenda as format"),
        "export_results": _("Download results (JSON)"),
        "copy": _("Copy"),
        "copied": _("Copied"),
    } | kind_strings()


def kind_strings() -> dict:
    """Each kind's label as `activity_kind_<name>`, and its own texts as `<name>.<key>`."""
    from ..domain.kinds import KINDS

    found = {}
    for name, kind in KINDS.items():
        found[f"activity_kind_{name}"] = _(kind.label)
        for key, text in kind.ui_strings.items():
            found[f"{name}.{key}"] = _(text)
    return found
