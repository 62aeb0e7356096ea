"""Names of the cookies the pages set and the live layer reads, in one place."""


def participant_cookie(code: str) -> str:
    """The cookie in which a phone keeps its participant token for one workshop."""
    return f"samenspel_{code}"
