"""Samenspel: live co-creation workshops for partnerships of several organisations."""

import logging

from flask import Flask
from flask_socketio import SocketIO

from . import config as settings
from . import i18n, services
from .storage.database import Database


def create_app(config: dict | None = None) -> Flask:
    """Build the app: settings, storage, translations, pages, API and the live namespace."""
    root = settings.ROOT
    app = Flask(__name__, template_folder=str(root / "templates"), static_folder=str(root / "static"))
    app.config.update(settings.from_environment())
    app.config.update(config or {})
    app.config["ROOT"] = root
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.json.sort_keys = False
    logging.basicConfig(level=app.config["LOG_LEVEL"], format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("alembic", "geventwebsocket.handler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

    db = Database(app.config["DATABASE_URL"])
    db.upgrade()
    if not app.config["MESSAGE_QUEUE"]:
        # One process serves the site, so connections left from its last run are stale.
        services.forget_connections(db)
    app.extensions["samenspel.db"] = db

    i18n.init_app(app)
    from .web import init_app as init_web

    init_web(app)

    queue = None
    if app.config["MESSAGE_QUEUE"]:
        from .live.queue import Queue, channel_for

        channel = app.config["MESSAGE_QUEUE_CHANNEL"] or channel_for(services.site_id(db))
        app.config["MESSAGE_QUEUE_CHANNEL"] = channel
        queue = Queue(app.config["MESSAGE_QUEUE"], channel, resync=lambda: broadcaster.resync(connections.workshops()))
    socketio = SocketIO(
        app,
        async_mode=app.config["ASYNC_MODE"],
        client_manager=queue,
        # None lets only the page's own origin connect; a reverse proxy lists its public origin.
        cors_allowed_origins=app.config["ALLOWED_ORIGINS"] or None,
        logger=False,
        engineio_logger=False,
    )
    from .live.broadcaster import Broadcaster
    from .live.connections import LiveConnections
    from .live.namespace import LiveNamespace
    from .live.writer import AnswerWriter

    broadcaster = Broadcaster(socketio, db, app.config["RESULTS_PUSH_INTERVAL"], app.config["PRESENCE_PUSH_INTERVAL"])
    connections = LiveConnections(
        db,
        broadcaster.publish,
        app.config["RESULTS_PUSH_INTERVAL"],
        app.config["PRESENCE_LEASE"],
        spawn=socketio.start_background_task,
        sleep=socketio.sleep,
    )
    app.extensions["samenspel.broadcaster"] = broadcaster
    app.extensions["samenspel.connections"] = connections
    writer = AnswerWriter(db, socketio.start_background_task, socketio.sleep, socketio.server.eio.create_event)
    socketio.on_namespace(LiveNamespace(db, broadcaster, writer, connections))
    return app
