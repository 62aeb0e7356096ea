"""Errors named after workshop ideas; transports turn them into 4xx answers or error acks."""


class DomainError(Exception):
    """A rule of the workshop was broken; `code` is stable, `params` fill the message."""

    code = "invalid"
    status = 400

    def __init__(self, detail: str = "", **params):
        super().__init__(detail or self.code)
        self.detail = detail
        self.params = params


class InvalidInput(DomainError):
    """A field is missing, too long, or not one of the allowed values."""

    code = "invalid_input"


class NotFound(DomainError):
    """The workshop, activity, organisation or answer does not exist."""

    code = "not_found"
    status = 404


class UnknownWorkshop(NotFound):
    """No workshop has this join code (a typo, or somebody guessing)."""


class NotAllowed(DomainError):
    """The caller lacks the power for this action (e.g. not the facilitator)."""

    code = "forbidden"
    status = 403


class ActivityNotOpen(DomainError):
    """Answers are only taken while an activity is open."""

    code = "activity_not_open"
    status = 409


class InvalidTransition(DomainError):
    """The activity cannot move from its current state by this action."""

    code = "invalid_transition"
    status = 409


class LimitReached(DomainError):
    """A participant has used up what the activity allows (answers, dots)."""

    code = "limit_reached"
    status = 409


class Conflict(DomainError):
    """Somebody else changed the same thing at the same moment, again and again."""

    code = "conflict"
    status = 409
