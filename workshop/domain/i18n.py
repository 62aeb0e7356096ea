"""Marks domain messages for extraction; transports translate them at the edge."""


def N_(message: str) -> str:
    """Return the message unchanged; pybabel extracts it for the catalogues."""
    return message


# Field names that appear in messages, translated by the transport with the message.
FIELD_LABELS = {
    "title": N_("Title"),
    "prompt": N_("Question"),
    "language": N_("Language"),
    "roles": N_("Roles"),
    "organisation": N_("Organisation"),
    "organisations": N_("Organisations"),
    "colour": N_("Colour"),
    "agenda": N_("Agenda"),
    "settings": N_("Settings"),
    "privacy_threshold": N_("Smallest group shown"),
    "presence": N_("Where you are"),
    "display_name": N_("Name"),
    "text": N_("Text"),
    "kind": N_("Activity type"),
    "value_driver": N_("Value driver"),
    "horizon": N_("Horizon"),
    "max_length": N_("Maximum length"),
    "max_per_participant": N_("Answers per participant"),
    "value_drivers": N_("Value drivers"),
    "horizons": N_("Horizons"),
    "answer": N_("Answer"),
    "config": N_("Settings"),
    "client_id": N_("Submission id"),
    "seconds": N_("Seconds"),
    "goal": N_("Goal"),
    "screen_theme": N_("Screen theme"),
    "goals": N_("Goals"),
    "answer_ids": N_("Ambitions"),
    "adopted": N_("Adopted"),
}
