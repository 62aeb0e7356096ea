"""Small checks shared by every rule that reads user input."""

from .errors import InvalidInput
from .i18n import N_


def text(value, *, max_length: int, required: bool = True, name: str = "text") -> str:
    """A stripped string of at most `max_length` characters."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(N_("%(field)s must be text."), field=name)
    value = " ".join(value.split()) if "\n" not in value else value.strip()
    if required and not value:
        raise InvalidInput(N_("%(field)s is required."), field=name)
    if len(value) > max_length:
        raise InvalidInput(N_("%(field)s can be at most %(max)d characters."), field=name, max=max_length)
    return value


def integer(value, *, minimum: int, maximum: int, name: str) -> int:
    """A whole number within bounds; numeric strings from forms are accepted."""
    if isinstance(value, bool):
        raise InvalidInput(N_("%(field)s must be a whole number."), field=name)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        raise InvalidInput(N_("%(field)s must be a whole number."), field=name)
    if not minimum <= value <= maximum:
        raise InvalidInput(N_("%(field)s must be between %(min)d and %(max)d."), field=name, min=minimum, max=maximum)
    return value


def choice(value, options, *, name: str):
    """One of the allowed options."""
    if value not in options:
        raise InvalidInput(N_("%(field)s is not one of the options."), field=name)
    return value


def text_list(values, *, max_items: int, max_length: int, min_items: int = 1, name: str) -> list[str]:
    """A list of distinct short texts (e.g. roles, poles, options)."""
    if isinstance(values, str):
        values = values.splitlines()
    if not isinstance(values, (list, tuple)):
        raise InvalidInput(N_("%(field)s must be a list."), field=name)
    cleaned: list[str] = []
    for item in values:
        item = text(item, max_length=max_length, required=False, name=name)
        if item and item.casefold() not in {c.casefold() for c in cleaned}:
            cleaned.append(item)
    if len(cleaned) < min_items:
        raise InvalidInput(N_("%(field)s needs at least %(min)d items."), field=name, min=min_items)
    if len(cleaned) > max_items:
        raise InvalidInput(N_("%(field)s can have at most %(max)d items."), field=name, max=max_items)
    return cleaned


def mapping(value, *, name: str) -> dict:
    """A JSON object."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InvalidInput(N_("%(field)s must be an object."), field=name)
    return value


MAX_ID = 2**53  # beyond what JSON clients count exactly, and beyond any row we will store


def is_identifier(value) -> bool:
    """A row id as a client may send it: a positive whole number (never a bool or a huge number)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID
