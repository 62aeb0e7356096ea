"""The one place where Socket.IO room names are built."""


def participants(workshop_id: int) -> str:
    """Every phone of a workshop."""
    return f"w{workshop_id}:participants"


def facilitators(workshop_id: int) -> str:
    """Every control view of a workshop."""
    return f"w{workshop_id}:facilitators"


def screens(workshop_id: int) -> str:
    """Every projector or remote screen of a workshop."""
    return f"w{workshop_id}:screens"


def participant(participant_id: int) -> str:
    """The tabs and devices of one participant."""
    return f"p{participant_id}"
