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


def participants_reading(workshop_id: int, language: str) -> str:
    """The phones of a bilingual workshop that read the activity texts in `language`."""
    return f"w{workshop_id}:participants:{language}"


def screens_reading(workshop_id: int, language: str) -> str:
    """The screens of a bilingual workshop that show the activity texts in `language`."""
    return f"w{workshop_id}:screens:{language}"


def participant(participant_id: int) -> str:
    """The tabs and devices of one participant."""
    return f"p{participant_id}"


def organisation(workshop_id: int, organisation_id: int) -> str:
    """The phones of one organisation, for what counts on its behalf (e.g. its pledges)."""
    return f"w{workshop_id}:o{organisation_id}"


def workshop_of(room: str | None) -> int | None:
    """The workshop a workshop room belongs to (None for other rooms)."""
    head, _, rest = (room or "").partition(":")
    return int(head[1:]) if rest and head[:1] == "w" and head[1:].isdigit() else None
