"""Shape checks for what clients send, and the one helper that builds acks."""

from ..domain.errors import InvalidInput
from ..domain.i18n import N_


def require(data, *keys) -> dict:
    """The payload is an object and has the keys the event needs."""
    if not isinstance(data, dict):
        raise InvalidInput(N_("%(field)s must be an object."), field="answer")
    for key in keys:
        if key not in data:
            raise InvalidInput(N_("%(field)s is required."), field=key)
    return data


def ok(**fields) -> dict:
    """A successful ack."""
    return {"ok": True, **fields}


def error(code: str, message: str, **where) -> dict:
    """A failed ack, the same shape for every event; `where` says which field (and item, language) it is about."""
    return {"ok": False, "error": {"code": code, "message": message, **where}}
