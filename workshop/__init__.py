"""Samenspel: live co-creation workshops for partnerships of several organisations."""

from flask import Flask
from flask_socketio import SocketIO

from . import config as settings
from . import i18n, logs, retention, services
from .live.limits import EventLimiter, HandshakeGate, MessageGate, SafeJSON
from .storage.database import Database
from .web.security import wrap_wsgi

# Socket.IO limits that need no tuning per site (docs/security.md explains them).
EVENT_STRIKES = 30  # refused events in a row before a client that ignores its rate limit is cut off
HANDSHAKES_PENDING = 1000  # Engine.IO connections not yet authenticated, per process
HANDSHAKES_PER_ADDRESS = 100  # of which from one address
HANDSHAKE_SECONDS = 20  # after which an unauthenticated connection may be closed to make room


def create_app(config: dict | None = None) -> Flask:
    """Build the app: settings, storage, translations, pages, API and the live namespace."""
    root = settings.ROOT
    app = Flask(__name__, template_folder=str(root / "templates"), static_folder=str(root / "static"))
    app.config.update(settings.from_environment())
    app.config.update(config or {})
    app.config["ROOT"] = root
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    # Refused at the edge with a 413 before anything reads the body (docs/security.md).
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_REQUEST_BYTES"]
    app.config["MAX_FORM_PARTS"] = 1000
    app.json.sort_keys = False
    logs.init_app(app)

    db = Database(app.config["DATABASE_URL"])
    if app.config["MIGRATE_ON_START"]:
        db.upgrade()
    else:
        db.check_schema()
    if not app.config["MESSAGE_QUEUE"]:
        # One process serves the site, so connections left from its last run are stale.
        services.forget_connections(db)
    app.extensions["samenspel.db"] = db

    i18n.init_app(app)
    from .web import init_app as init_web

    init_web(app)

    from .live import rooms
    from .live.snapshots import PhoneSnapshots

    snapshots = PhoneSnapshots(db)
    if not app.config["MESSAGE_QUEUE"]:
        from .live.managers import Manager

        manager = Manager()
    else:
        from .live.queue import Queue, channel_for

        channel = app.config["MESSAGE_QUEUE_CHANNEL"] or channel_for(services.site_id(db))
        app.config["MESSAGE_QUEUE_CHANNEL"] = channel
        manager = Queue(
            app.config["MESSAGE_QUEUE"],
            channel,
            resync=lambda: broadcaster.resync(connections.workshops()),
            on_state=lambda room: snapshots.forget(rooms.workshop_of(room)),
        )
    socketio = SocketIO(
        app,
        async_mode=app.config["ASYNC_MODE"],
        client_manager=manager,
        # None lets only the page's own origin connect; a reverse proxy lists its public origin.
        cors_allowed_origins=app.config["ALLOWED_ORIGINS"] or None,
        # A bigger message closes the connection (Engine.IO's rule); no real client comes near it.
        max_http_buffer_size=app.config["MAX_MESSAGE_BYTES"],
        json=SafeJSON,
        logger=False,
        engineio_logger=False,
    )
    from .live.broadcaster import Broadcaster
    from .live.connections import LiveConnections
    from .live.namespace import LiveNamespace
    from .live.writer import AnswerWriter

    broadcaster = Broadcaster(
        socketio, db, app.config["RESULTS_PUSH_INTERVAL"], app.config["PRESENCE_PUSH_INTERVAL"], snapshots=snapshots
    )
    connections = LiveConnections(
        db,
        broadcaster.publish,
        app.config["RESULTS_PUSH_INTERVAL"],
        app.config["PRESENCE_LEASE"],
        spawn=socketio.start_background_task,
        sleep=socketio.sleep,
        lease_db=db if db.url.startswith("sqlite") else Database(db.url, connections=1),
    )
    app.extensions["samenspel.broadcaster"] = broadcaster
    app.extensions["samenspel.connections"] = connections
    writer = AnswerWriter(db, socketio.start_background_task, socketio.sleep, socketio.server.eio.create_event)
    limits = EventLimiter(
        burst=app.config["EVENT_BURST"] if app.config["RATE_LIMITS"] else 0,
        rate=app.config["EVENT_RATE"],
        strikes=EVENT_STRIKES,
        max_connections=app.config["MAX_CONNECTIONS_PER_PARTICIPANT"],
    )
    handshakes = HandshakeGate(max_total=HANDSHAKES_PENDING, max_per_address=HANDSHAKES_PER_ADDRESS, timeout=HANDSHAKE_SECONDS)
    handshakes.install(socketio.server.eio)
    # Twice the polite budget plus the strikes: a client that respects rate_limited acks never meets it.
    messages = MessageGate(capacity=(2 * limits.burst + EVENT_STRIKES) if limits.enabled else 0, rate=2 * limits.rate)
    messages.install(socketio.server.eio)
    socketio.on_namespace(LiveNamespace(db, broadcaster, writer, connections, snapshots, limits, handshakes))
    wrap_wsgi(app)
    # Background work belongs to a serving process only (start_serving), not to every app a test builds.
    app.extensions["samenspel.serving"] = lambda: (connections.start(), retention.start(app, socketio, db, broadcaster))
    return app


def start_serving(app: Flask) -> None:
    """What a serving process runs beside its requests: the presence lease and the retention sweep."""
    app.extensions["samenspel.serving"]()
