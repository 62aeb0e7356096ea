"""The web layer's guards: rate limits, CSRF tokens, trusted proxies and hosts, headers, safe redirects.

docs/security.md lists each protection with its numbers, its test and what it does not cover.
"""

import hashlib
import hmac
import ipaddress
import socket
from urllib.parse import urlsplit

from flask import abort, current_app, g, request
from flask_babel import gettext
from flask_limiter import ApplicationLimit, Limiter
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
HSTS = "max-age=31536000"
csrf = CSRFProtect()


def client_address() -> str:
    """The client's address: the socket's peer, or what TRUSTED_PROXIES proxies in front of us say."""
    return request.remote_addr or "unknown"


def source_key(address: str) -> str:
    """A keyed hash of an address: it counts joins from one address without storing the address."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, b"join-source:" + address.encode(), hashlib.sha256).hexdigest()[:32]


# -- rate limits (Flask-Limiter) ---------------------------------------------------------------


def note_unknown_code() -> None:
    """This request asked for a workshop code that does not exist; it counts as a wrong guess."""
    g.unknown_code = True


def _wrong_code(response) -> bool:
    return bool(g.get("unknown_code"))


def _no_code() -> bool:
    # Only requests that name a workshop can guess a code; everything else skips the check.
    return not (request.view_args or {}).get("code") and request.endpoint != "pages.join_by_code"


def _join_key() -> str:
    return f"{client_address()}|{(request.view_args or {}).get('code', '').upper()}"


def _joined(response) -> bool:
    return response.status_code in (201, 303)


def init_limits(app) -> Limiter:
    """Throttles for wrong join codes (per address and for everyone), joins and creating workshops."""
    config = app.config
    config["RATELIMIT_ENABLED"] = config["RATE_LIMITS"]
    # Several processes share counts through Redis; one process on a laptop keeps them in memory.
    config["RATELIMIT_STORAGE_URI"] = config["MESSAGE_QUEUE"] or "memory://"
    # While Redis is away, each process counts in memory and requests go on (a limit lookup that
    # fails must not turn every request naming a workshop into a 500); Redis is used again once back.
    config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    config.setdefault("RATELIMIT_HEADERS_ENABLED", True)
    limiter = Limiter(
        key_func=client_address,
        strategy="moving-window",
        key_prefix="samenspel",
        application_limits=[
            ApplicationLimit(
                lambda: current_app.config["WRONG_CODE_RATE_LIMIT"],
                scope="wrong-code",
                exempt_when=_no_code,
                deduct_when=_wrong_code,
            ),
            ApplicationLimit(
                lambda: current_app.config["WRONG_CODE_GLOBAL_RATE_LIMIT"],
                key_function=lambda: "everyone",
                scope="wrong-code-everyone",
                exempt_when=_no_code,
                deduct_when=_wrong_code,
            ),
        ],
    )
    limiter.init_app(app)
    # Route limits wrap this app's view functions (the limiter is per app, so tests' apps never share counts).
    views = app.view_functions
    join_limit = limiter.shared_limit(
        lambda: current_app.config["JOIN_RATE_LIMIT"], scope="join", key_func=_join_key, deduct_when=_joined
    )
    create_limit = limiter.shared_limit(lambda: current_app.config["CREATE_RATE_LIMIT"], scope="create", deduct_when=_joined)
    for endpoint, limit in (
        ("pages.join", join_limit),
        ("api.join", join_limit),
        ("pages.new_workshop", create_limit),
        ("api.create_workshop", create_limit),
    ):
        views[endpoint] = limit(views[endpoint])
    app.extensions["samenspel.limiter"] = limiter
    return limiter


# -- trusted hosts and proxies -----------------------------------------------------------------


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _own_names() -> set[str]:
    name = socket.gethostname().lower()
    return {"localhost", name, f"{name}.local", socket.getfqdn().lower()}


def trusted_hosts(config) -> set[str] | None:
    """Host names links may be built from; None means any IP address or this machine's own names."""
    listed = set(config["ALLOWED_HOSTS"])
    public = urlsplit(config["PUBLIC_URL"]).hostname if config["PUBLIC_URL"] else None
    if public:
        listed.add(public.lower())
    if not listed:
        return None
    return listed | {"localhost", "127.0.0.1", "::1"}  # health checks from the machine itself


def host_is_trusted(host: str, config) -> bool:
    """True when a request's Host may appear in links (join link, QR code, control link)."""
    name = (urlsplit(f"//{host}").hostname or "").lower()
    allowed = trusted_hosts(config)
    if allowed is None:
        # A laptop without PUBLIC_URL: phones reach it by IP address, the laptop by its own name.
        return _is_ip(name) or name in _own_names()
    return name in allowed


# A urlencoded form is parsed in one go (Werkzeug applies no part limit to it); ours are a few fields.
MAX_URLENCODED_BYTES = 64 * 1024


def check_form_size() -> None:
    """Refuse a urlencoded body with thousands of fields before anything parses it."""
    if request.mimetype == "application/x-www-form-urlencoded" and (request.content_length or 0) > MAX_URLENCODED_BYTES:
        abort(413)


def check_host() -> None:
    """Refuse requests for a host we do not serve: a forged Host never reaches a link or a cache."""
    if not host_is_trusted(request.host, current_app.config):
        abort(400, gettext("This address is not served here."))


class SecurityHeaders:
    """WSGI middleware: the pages' security headers on every answer, Socket.IO's polling ones too."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        secure = environ.get("wsgi.url_scheme") == "https"

        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            headers = list(headers) + [(k, v) for k, v in HEADERS.items() if k.lower() not in present]
            if secure and "strict-transport-security" not in present:
                headers.append(("Strict-Transport-Security", HSTS))
            return start_response(status, headers, exc_info)

        return self.app(environ, start)


def wrap_wsgi(app) -> None:
    """Headers on everything (Socket.IO included), and behind TRUSTED_PROXIES proxies their client address."""
    app.wsgi_app = SecurityHeaders(app.wsgi_app)
    hops = app.config["TRUSTED_PROXIES"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)


# -- redirects ---------------------------------------------------------------------------------


def safe_next(target: str | None) -> str:
    """A path on this site to go back to; anything that a browser could read as another site is "/"."""
    if not target or len(target) > 2000 or not target.startswith("/"):
        return "/"
    # Browsers drop tabs and newlines and read "\" as "/", so "/\t/evil" and "/\evil" mean "//evil".
    if any(ch in target for ch in "\\") or any(ord(ch) < 0x21 or ord(ch) == 0x7F for ch in target):
        return "/"
    parts = urlsplit(target)
    if target.startswith("//") or parts.scheme or parts.netloc:
        return "/"
    return target
