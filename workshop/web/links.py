"""Absolute links to a workshop's pages, from PUBLIC_URL or the request's host."""

from flask import current_app, request, url_for


def base_url() -> str:
    """The site's public address without a trailing slash."""
    return current_app.config["PUBLIC_URL"] or request.host_url.rstrip("/")


def join_url(code: str) -> str:
    """What the QR code and the join link point to."""
    return base_url() + url_for("pages.phone", code=code)


def control_url(code: str, token: str) -> str:
    """The facilitator's secret link; the token travels in the fragment, never to server logs."""
    return base_url() + url_for("pages.control", code=code) + "#" + token


def screen_url(code: str, key: str) -> str:
    """The projector's link; it gives no facilitator powers."""
    return base_url() + url_for("pages.screen", code=code) + "#" + key


def links(code: str, token: str, key: str) -> dict:
    """All three links of a new workshop."""
    return {"join": join_url(code), "control": control_url(code, token), "screen": screen_url(code, key)}
