"""The in-process sweep that deletes workshops whose retention period has ended (docs/security.md)."""

import logging

from . import services
from .storage.tables import utcnow

log = logging.getLogger(__name__)


def start(app, socketio, db, broadcaster) -> None:
    """Every RETENTION_SWEEP_SECONDS (first right away), delete expired workshops and tell their clients."""
    interval = app.config["RETENTION_SWEEP_SECONDS"]
    if not interval or app.testing:
        return

    def sweep():
        while True:
            try:
                events = services.delete_expired_workshops(db, utcnow())
                if events:
                    log.info("deleted %d workshops whose retention period ended", len(events))
                broadcaster.publish(events)
            except Exception:  # a database hiccup must not end the sweep; the next round tries again
                log.exception("retention sweep failed")
            socketio.sleep(interval)

    socketio.start_background_task(sweep)
