"""This process's open connections: known in memory at once, stored in batches, held by a lease."""

import logging
import threading
import uuid

from .. import services
from ..services import Connection
from .coalesce import Coalescer

log = logging.getLogger(__name__)
RETRY_SECONDS = 1.0


class LiveConnections:
    """Connects and disconnects cost no database work of their own: a writer stores them together.

    The rows let every process count presence; the lease (renewed every third of `lease` seconds)
    lets the others drop this process's rows when it dies without saying so.
    """

    def __init__(self, db, publish, interval: float, lease: float, spawn, sleep, lease_db=None):
        self.db = db
        # Renewing must not queue behind a burst's statements for a pooled connection: past the lease,
        # the other processes would drop this one's rows while it is alive.
        self.lease_db = lease_db or db
        self.publish = publish
        self.lease = lease
        self.spawn = spawn
        self.sleep = sleep
        self.server_id = uuid.uuid4().hex
        self.local: dict[str, Connection] = {}
        self.opened: dict[str, Connection] = {}
        self.closed: dict[str, Connection] = {}
        self.register = False
        self.lock = threading.Lock()
        self.writer = Coalescer(self._write, interval, spawn=spawn, sleep=sleep)

    def open(self, connection: Connection) -> None:
        """A connection was accepted; it is counted from the writer's next batch on."""
        with self.lock:
            self.local[connection.sid] = connection
            self.opened[connection.sid] = connection
        self.writer.request("write")

    def close(self, sid: str) -> None:
        """A connection closed; one never written needs no database work at all."""
        with self.lock:
            connection = self.local.pop(sid, None)
            if connection is None or self.opened.pop(sid, None) is not None:
                return
            self.closed[sid] = connection
        self.writer.request("write")

    def workshops(self) -> set[int]:
        """Workshops that have a connection in this process."""
        with self.lock:
            return {c.workshop_id for c in self.local.values()}

    def start(self) -> None:
        """Take the lease and keep renewing it (a serving process calls this once)."""
        with self.lock:
            local = list(self.local.values())
            self.opened.clear()
            self.closed.clear()
        self.publish(services.register_server(self.db, self.server_id, local))
        self.spawn(self._keep_lease)

    def _write(self, _key) -> None:
        with self.lock:
            register, opened, closed = self.register, list(self.opened.values()), list(self.closed.values())
            local = list(self.local.values()) if register else []
            self.register = False
            self.opened.clear()
            self.closed.clear()
        try:
            if register:
                events = services.register_server(self.db, self.server_id, local)
            else:
                events = services.record_connections(self.db, self.server_id, opened, closed)
        except Exception:
            log.exception("storing %d opened and %d closed connections failed; retrying", len(opened), len(closed))
            with self.lock:
                self.register = self.register or register
                for connection in opened:
                    if connection.sid in self.local:
                        self.opened.setdefault(connection.sid, connection)
                for connection in closed:
                    self.closed.setdefault(connection.sid, connection)
            self.spawn(self._retry)
            return
        self.publish(events)

    def _retry(self) -> None:
        self.sleep(RETRY_SECONDS)
        self.writer.request("write")

    def _keep_lease(self) -> None:
        while True:
            self.sleep(self.lease / 3)
            try:
                if not services.renew_lease(self.lease_db, self.server_id):
                    # Stalled past the lease, so another process dropped our rows: store them all again.
                    log.warning("presence lease of server %s had expired; registering again", self.server_id)
                    with self.lock:
                        self.register = True
                    self.writer.request("write")
                self.publish(services.drop_expired(self.lease_db, self.lease))
            except Exception:  # the database may be away for a moment; the next round tries again
                log.exception("renewing the presence lease failed")
