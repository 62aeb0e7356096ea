"""Translated strings for the browser scripts, handed over as JSON in each page."""

from flask_babel import gettext as _


def js_strings() -> dict:
    """Every text the scripts put on screen; `{name}` placeholders are filled in the browser."""
    from .partnerships import partnership_strings  # the partnership pages import the page helpers, which import us

    return (
        {
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
            "answered_of": _("{answered} of {joined} answered"),
            "joined_connected": _("{connected} connected · {joined} joined"),
            "in_room_remote": _("{room} in the room · {remote} remote"),
            "answers_count": _("{n} answers"),
            "respondents_count": _("{n} people answered"),
            "respondents_one": _("1 person answered"),
            "answers_one": _("1 answer"),
            "other_organisations": _("Other organisations"),
            "other_organisations_note": _("Taken together: fewer than {k} people each"),
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
            "export_format": _("Save the agenda as a format file"),
            "export_results": _("Download results (JSON)"),
            "quorum_label": _("Wait for every organisation"),
            "quorum_none": _("No, close when I want"),
            "quorum_one": _("At least one person each"),
            "quorum_share": _("Each, of those present: {n}%"),
            "quorum_waiting": _("Waiting for: {names}"),
            "quorum_met": _("Every organisation present has answered."),
            "closed_early": _("Closed before every organisation had answered (waiting for {names})."),
            "closed_early_screen": _("Closed before every organisation had answered."),
            "offline_count": _("{n} offline"),
            "offline_hint": _(
                "Offline: joined, not connected now and no answer in. An answer kept on a phone without a connection counts once it arrives."
            ),
            "screens_one": _("1 screen"),
            "results_table": _("Results table"),
            "reopen": _("Open again"),
            "confirm_reopen": _("Open “{title}” again? Phones can change their answers until you close it."),
            "confirm_delete": _("Delete “{title}” from the agenda?"),
            "confirm_delete_answer": _(
                "“{title}” has 1 answer. Delete it from the agenda? The answer stays in the results download."
            ),
            "confirm_delete_answers": _(
                "“{title}” has {n} answers. Delete it from the agenda? The answers stay in the results download."
            ),
            "more_for": _("More for: {title}"),
            "next_up": _("Next:"),
            "next_badge": _("Next"),
            "next_end": _("the end of the session (the screen shows the closing summary)"),
            "agenda_item": _("{n}. {title}"),
            "lobby_label": _("Lobby"),
            "ended_label": _("Session ended"),
            "editor.add_title": _("Add an activity"),
            "editor.edit_title": _("Edit activity"),
            "editor.edit": _("Edit"),
            "editor.duplicate": _("Duplicate"),
            "editor.delete": _("Delete"),
            "editor.save": _("Save"),
            "editor.cancel": _("Cancel"),
            "editor.kind": _("Activity type"),
            "editor.title": _("Title"),
            "editor.prompt": _("Question or instruction"),
            "editor.results": _("Results on the screen"),
            "editor.results_hint": _(
                "Live results sway people who answer later; a trust score or a vote is better revealed after everyone answered."
            ),
            "editor.results_live": _("Live, while people answer"),
            "editor.results_after_reveal": _("Only after I reveal them"),
            "editor.default_for_kind": _("(default)"),
            "editor.settings": _("Settings: {kind}"),
            "editor.no_settings": _("This type has no further settings."),
            "editor.ran_answers": _("This activity has {n} answers."),
            "editor.ran_answers_one": _("This activity has 1 answer."),
            "editor.results_running": _("While it runs, Reveal and Hide decide; this choice applies to a new round."),
            "editor.ran_rules": _(
                "You can reword its texts and widen its limits; changes that would make an answer invalid are refused."
            ),
            "editor.limit_chars": _("At most {n} characters"),
            "editor.limit_range": _("From {min} to {max}"),
            "editor.limit_items": _("{min} to {max}, one per line"),
            "editor.limit_items_max": _("At most {max}"),
            "editor.empty": _("No activities yet. Add one, or start from a format."),
            "editor.move_up": _("Move up"),
            "editor.move_down": _("Move down"),
            "editor.download": _("Save as format file"),
            "editor.confirm_replace": _("Replace the agenda you are editing with this format?"),
            "editor.bad_file": _("This is not a format file (JSON) from Samenspel."),
            "editor.answers": _("{n} answers"),
            "join_warning": _(
                "{n} people joined from one network address. That is normal on shared Wi-Fi; if they are not all in one room, someone may be joining more than once."
            ),
            "gone_deleted": _("This workshop has been deleted, with all its answers."),
            "gone_forgotten": _("Your answers are deleted and you have left this workshop."),
            "withheld": _("Fewer than {k} people in this group answered, so their answers are not shown separately."),
            "word_cloud": _("Word cloud of the ambitions"),
            "word_cloud_key": _("Framed: value drivers. The bigger the word, the more ambitions use it."),
            "screen_view": _("On the screen"),
            "view_cards": _("Cards per organisation"),
            "view_words": _("Word cloud"),
            "view_chart": _("This round"),
            "view_trend": _("Trend across workshops"),
            "copy": _("Copy"),
            "copied": _("Copied"),
            # The projector and what a remote participant sees of it.
            "too_few_room": _("Fewer than {k} people in the room answered: their answers are not shown apart."),
            "too_few_remote": _("Fewer than {k} remote people answered: their answers are not shown apart."),
            "show_divergence": _("Differences on the screen"),
            "show_results": _("Results on the screen"),
            "end": _("End the session"),
            "confirm_end": _("End the session? Phones say thank you and the screen shows the summary. You can resume later."),
            "ended_on_screen": _("The session has ended: the screen shows the closing summary."),
            "report": _("Report"),
            "export_workbook": _("Download Excel"),
        }
        | closing_strings()
        | kind_strings()
        | partnership_strings()
    )


def closing_strings() -> dict:
    """Texts of the session's end on the phone and the projector (static/js/closing.js)."""
    return {
        "closing.thanks": _("Thank you!"),
        "closing.ended": _("The session has ended. Thank you for taking part."),
        "closing.goals": _("Our shared goals"),
        "closing.no_goals": _("No goals were adopted."),
        "closing.took_part": _("Who took part"),
        "closing.total": _("{n} people from {k} organisations"),
        "closing.pledged": _("Pledged"),
        "closing.hours": _("{n} hours"),
        "closing.consent_passes": _("Consent: nobody objects ({n} in favour)"),
        "closing.consent_blocked": _("Not yet: {n} objections"),
        "closing.consent_blocked_one": _("Not yet: 1 objection"),
        "closing.page": _("{n} of {total}"),
        "closing.my_ambitions": _("Your ambitions and where they went"),
        "closing.went_into": _("Went into:"),
        "closing.not_in_goal": _("Not in a goal (yet)."),
        "closing.take_home": _("Take your own answers home, private reflections included."),
        "closing.download": _("Download my answers"),
    }


def editor_schema() -> dict:
    """What the agenda editor offers per kind: labels, hints, defaults and the limits the server enforces."""
    from dataclasses import asdict

    from ..domain.i18n import FIELD_LABELS
    from ..domain.kinds import KINDS, PROMPT_LENGTH, TITLE_LENGTH, default_results
    from ..domain.model import LANGUAGES

    def setting(s) -> dict:
        view = asdict(s) | {"label": _(FIELD_LABELS.get(s.name, s.name)), "hint": _(s.hint) if s.hint else ""}
        view["options"] = list(s.options)
        return view

    def defaults(kind) -> dict:
        per_language = {lang: kind.default_config(lang) for lang in LANGUAGES}
        return {
            s.name: {lang: c.get(s.name) for lang, c in per_language.items()}
            if s.translatable
            else per_language["nl"].get(s.name)
            for s in kind.settings
        }

    return {
        "kinds": {
            name: {
                "label": _(kind.label),
                "results": default_results(kind),
                "settings": [setting(s) for s in kind.settings],
                "defaults": defaults(kind),
            }
            for name, kind in KINDS.items()
        },
        "limits": {"title": TITLE_LENGTH, "prompt": PROMPT_LENGTH},
        "languages": {"nl": "Nederlands", "en": "English"},
    }


def kind_strings() -> dict:
    """Each kind's label as `activity_kind_<name>`, and its own texts as `<name>.<key>`."""
    from ..domain.kinds import KINDS

    found = {}
    for name, kind in KINDS.items():
        found[f"activity_kind_{name}"] = _(kind.label)
        for key, text in kind.ui_strings.items():
            found[f"{name}.{key}"] = _(text)
    return found
