"""Absolute links to a workshop's pages, from PUBLIC_URL or the request's host."""

import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import current_app, request, url_for

LOOPBACK = ("localhost", "127.0.0.1", "::1")
ALL_INTERFACES = ("0.0.0.0", "::", "")


def base_url() -> str:
    """The site's public address without a trailing slash."""
    return current_app.config["PUBLIC_URL"] or request.host_url.rstrip("/")


def lan_address() -> str | None:
    """This machine's address on its network, which phones on the same Wi-Fi can reach; None when offline."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            # Connecting a UDP socket sends nothing; the system only picks the interface it would use.
            probe.connect(("192.0.2.1", 9))
            address = probe.getsockname()[0]
    except OSError:
        return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


@dataclass(frozen=True)
class JoinAddress:
    """Where phones join, and whether that address works beyond this laptop.

    `reach` is "public" (PUBLIC_URL or a real host name), "lan" (the laptop's network address,
    because the page was opened as localhost on a server listening on all interfaces) or "laptop"
    (localhost on a server that listens on this laptop only: phones cannot join).
    """

    base: str
    reach: str


def join_address() -> JoinAddress:
    """The base of join links and QR codes: never a laptop-only address when a reachable one exists."""
    if current_app.config["PUBLIC_URL"]:
        return JoinAddress(current_app.config["PUBLIC_URL"], "public")
    parts = urlsplit(request.host_url)
    if parts.hostname not in LOOPBACK:
        return JoinAddress(request.host_url.rstrip("/"), "public")
    lan = lan_address() if current_app.config["HOST"] in ALL_INTERFACES else None
    if lan is None:
        return JoinAddress(request.host_url.rstrip("/"), "laptop")
    port = f":{parts.port}" if parts.port else ""
    return JoinAddress(f"{parts.scheme}://{lan}{port}", "lan")


def join_url(code: str) -> str:
    """What the QR code and the join link point to."""
    return join_address().base + url_for("pages.phone", code=code)


def control_url(code: str, token: str) -> str:
    """The facilitator's secret link; the token travels in the fragment, never to server logs."""
    return base_url() + url_for("pages.control", code=code) + "#" + token


def screen_url(code: str, key: str) -> str:
    """The projector's link; it gives no facilitator powers."""
    return base_url() + url_for("pages.screen", code=code) + "#" + key


def links(code: str, token: str, key: str) -> dict:
    """All three links of a new workshop."""
    return {"join": join_url(code), "control": control_url(code, token), "screen": screen_url(code, key)}
