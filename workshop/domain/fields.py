"""Small checks shared by every rule that reads user input; each bounds its input before looking at it."""

import re

from .errors import InvalidInput
from .i18n import N_

# Whitespace is collapsed after the length check, so a text may arrive this much longer than it is kept.
SLACK = 2


def storable(value: str, *, name: str) -> str:
    """Text every database stores: no NUL (PostgreSQL refuses it) and no lone surrogates (not UTF-8)."""
    if "\x00" in value:
        raise InvalidInput(N_("%(field)s contains characters that are not allowed."), field=name)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(N_("%(field)s contains characters that are not allowed."), field=name) from None
    return value


def text(value, *, max_length: int, required: bool = True, name: str = "text") -> str:
    """A stripped string of at most `max_length` characters."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(N_("%(field)s must be text."), field=name)
    if len(value) > SLACK * max_length + 100:
        # Refused before any work on it: a huge text costs nothing but this check.
        raise InvalidInput(N_("%(field)s can be at most %(max)d characters."), field=name, max=max_length)
    storable(value, name=name)
    value = " ".join(value.split()) if "\n" not in value else value.strip()
    if required and not value:
        raise InvalidInput(N_("%(field)s is required."), field=name)
    if len(value) > max_length:
        raise InvalidInput(N_("%(field)s can be at most %(max)d characters."), field=name, max=max_length)
    return value


DIGITS = re.compile(r"-?[0-9]+", re.ASCII)


def integer(value, *, minimum: int, maximum: int, name: str) -> int:
    """A whole number within bounds; numeric strings from forms are accepted."""
    if isinstance(value, bool):
        raise InvalidInput(N_("%(field)s must be a whole number."), field=name)
    if isinstance(value, str) and len(value) <= 20 and DIGITS.fullmatch(value.strip()):
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


def raw_items(values, *, max_items: int, name: str) -> list:
    """A list as a client sent it, refused when longer than `max_items` with room for blanks and repeats."""
    if not isinstance(values, (list, tuple)):
        raise InvalidInput(N_("%(field)s must be a list."), field=name)
    # Counted as sent, before anything is looked at (and before duplicates and blanks are dropped).
    if len(values) > max_items:
        raise InvalidInput(N_("%(field)s can have at most %(max)d items."), field=name, max=max_items)
    return list(values)


def text_list(values, *, max_items: int, max_length: int, min_items: int = 1, name: str) -> list[str]:
    """A list of distinct short texts (e.g. roles, poles, options); linear in its length, which is bounded."""
    if isinstance(values, str):
        if len(values) > max_items * (max_length + 2):
            raise InvalidInput(N_("%(field)s can have at most %(max)d items."), field=name, max=max_items)
        values = values.splitlines()
    values = raw_items(values, max_items=max_items, name=name)
    cleaned: list[str] = []
    seen: set[str] = set()
    for item in values:
        item = text(item, max_length=max_length, required=False, name=name)
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            cleaned.append(item)
            if len(cleaned) > max_items:
                raise InvalidInput(N_("%(field)s can have at most %(max)d items."), field=name, max=max_items)
    if len(cleaned) < min_items:
        raise InvalidInput(N_("%(field)s needs at least %(min)d items."), field=name, min=min_items)
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


def identifier(value, *, name: str) -> int:
    """A row id from JSON (a number) or a form (digits only: no sign, blanks, fraction or exponent)."""
    if isinstance(value, str) and 0 < len(value) <= 16 and value.isascii() and value.isdigit():
        value = int(value)
    if isinstance(value, float) and value.is_integer() and 0 < value <= MAX_ID:
        value = int(value)  # JSON does not tell 7.0 from 7 (nor does the JSON Schema of the API)
    if not is_identifier(value):
        raise InvalidInput(N_("%(field)s is not one of the options."), field=name)
    return value


def identifiers(values, *, max_items: int, name: str) -> list[int]:
    """A list of row ids, bounded in length before any is looked at."""
    if not isinstance(values, list) or len(values) > max_items or not all(is_identifier(v) for v in values):
        raise InvalidInput(N_("%(field)s must be a list."), field=name)
    return values
