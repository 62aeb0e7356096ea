"""What one client may cost this process: events per second, connections per participant, idle handshakes.

Flask-Limiter guards the HTTP routes; Socket.IO events never pass through Flask's request cycle, so
they are counted here, in memory, per process (a client's connection lives in one process).
"""

import json
import logging
import threading
import time
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

# A message nested deeper than the JSON parser goes is read as this event, which no handler has:
# its sender gets an error ack instead of an internal error.
UNREADABLE = "\x00unreadable"


class SafeJSON:
    """The json module for Socket.IO packets, except that a too-deeply nested message does not raise."""

    @staticmethod
    def dumps(*args, **kwargs):
        return json.dumps(*args, **kwargs)

    @staticmethod
    def loads(*args, **kwargs):
        try:
            return json.loads(*args, **kwargs)
        except RecursionError:
            return [UNREADABLE]


class TokenBucket:
    """`capacity` events at once, refilled at `rate` per second."""

    __slots__ = ("capacity", "rate", "tokens", "stamp")

    def __init__(self, capacity: float, rate: float, now: float):
        self.capacity, self.rate, self.tokens, self.stamp = capacity, rate, capacity, now

    def take(self, now: float) -> bool:
        """Spend one token if there is one."""
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False

    def wait(self) -> float:
        """Seconds until the next token."""
        return max(0.0, (1 - self.tokens) / self.rate) if self.rate else 60.0


@dataclass
class Verdict:
    """What to do with one event: run it, refuse it (try again after `retry_after`), or cut the client off."""

    allowed: bool
    retry_after: float = 0.0
    cut_off: bool = False


ALLOW = Verdict(True)
# Events still queued from a connection that was closed (e.g. cut off mid-flood) do not run.
CLOSED = Verdict(False, retry_after=60.0)


@dataclass
class _Connection:
    bucket: TokenBucket
    participant_id: int | None
    refused: int = 0


@dataclass
class _Participant:
    bucket: TokenBucket
    sids: set = field(default_factory=set)


class EventLimiter:
    """Token buckets per connection and per participant (all their tabs together), and a strike count.

    A client that goes over its budget gets error acks with `retry_after`; one that ignores them and
    sends `strikes` more refused events in a row is disconnected.
    """

    def __init__(self, burst: int, rate: float, strikes: int, max_connections: int, clock=time.monotonic):
        self.burst, self.rate, self.strikes, self.max_connections = burst, rate, strikes, max_connections
        self.clock = clock
        self.enabled = burst > 0
        self._connections: dict[str, _Connection] = {}
        self._participants: dict[int, _Participant] = {}
        self._lock = threading.Lock()  # only contended under the threading async mode

    def admits(self, participant_id: int | None) -> bool:
        """True while the participant has fewer live connections here than allowed."""
        if participant_id is None or not self.max_connections:
            return True
        with self._lock:
            found = self._participants.get(participant_id)
            return found is None or len(found.sids) < self.max_connections

    def register(self, sid: str, participant_id: int | None) -> None:
        """A connection passed its connect handler."""
        now = self.clock()
        with self._lock:
            self._connections[sid] = _Connection(TokenBucket(self.burst, self.rate, now), participant_id)
            if participant_id is not None:
                person = self._participants.get(participant_id)
                if person is None:
                    # All of a participant's tabs and devices share twice one connection's budget.
                    person = self._participants[participant_id] = _Participant(TokenBucket(2 * self.burst, 2 * self.rate, now))
                person.sids.add(sid)

    def forget(self, sid: str) -> None:
        """The connection closed."""
        with self._lock:
            gone = self._connections.pop(sid, None)
            if gone is None or gone.participant_id is None:
                return
            person = self._participants.get(gone.participant_id)
            if person is not None:
                person.sids.discard(sid)
                if not person.sids:
                    del self._participants[gone.participant_id]

    def check(self, sid: str) -> Verdict:
        """Spend one event of the connection's (and its participant's) budget."""
        now = self.clock()
        with self._lock:
            conn = self._connections.get(sid)
            if conn is None:
                return CLOSED  # events only reach us after a connect registered the sid
            if not self.enabled:
                return ALLOW
            person = self._participants.get(conn.participant_id) if conn.participant_id is not None else None
            if conn.bucket.take(now):
                if person is None or person.bucket.take(now):
                    conn.refused = 0
                    return ALLOW
                conn.bucket.tokens += 1  # refused by the participant's budget: the connection's is not spent
                wait = person.bucket.wait()
            else:
                wait = conn.bucket.wait()
            conn.refused += 1
            return Verdict(False, retry_after=round(max(wait, 0.1), 1), cut_off=conn.refused > self.strikes)


class HandshakeGate:
    """Caps Engine.IO connections that have not (yet) authenticated with a Socket.IO connect.

    Such a connection costs a socket and a task but proves nothing; one that stays unauthenticated for
    `timeout` seconds is closed when room is needed, and beyond `max_total` (or `max_per_address` from
    one address) new handshakes are refused.
    """

    def __init__(self, max_total: int, max_per_address: int, timeout: float, clock=time.monotonic):
        self.max_total, self.max_per_address, self.timeout, self.clock = max_total, max_per_address, timeout, clock
        self._pending: dict[str, tuple[str, float]] = {}
        self._lock = threading.Lock()

    def install(self, eio) -> None:
        """Wrap the Engine.IO server's connect and disconnect handlers."""
        connected, disconnected = eio.handlers["connect"], eio.handlers["disconnect"]

        def on_connect(eio_sid, environ, *args):
            if not self.admit(eio_sid, environ.get("REMOTE_ADDR", ""), eio.disconnect):
                return False
            return connected(eio_sid, environ, *args)

        def on_disconnect(eio_sid, *args):
            self.done(eio_sid)
            return disconnected(eio_sid, *args)

        eio.on("connect", on_connect)
        eio.on("disconnect", on_disconnect)

    def admit(self, eio_sid: str, address: str, close) -> bool:
        """Let a handshake in if there is room, closing idle unauthenticated ones first when needed."""
        now = self.clock()
        with self._lock:
            from_address = sum(1 for a, _ in self._pending.values() if a == address)
            if len(self._pending) >= self.max_total or from_address >= self.max_per_address:
                stale = [sid for sid, (_, since) in self._pending.items() if now - since > self.timeout]
                for sid in stale:
                    del self._pending[sid]
            else:
                stale = []
            from_address = sum(1 for a, _ in self._pending.values() if a == address)
            admitted = len(self._pending) < self.max_total and from_address < self.max_per_address
            if admitted:
                self._pending[eio_sid] = (address, now)
        for sid in stale:
            close(sid)
        return admitted

    def done(self, eio_sid: str) -> None:
        """The connection authenticated, or closed."""
        with self._lock:
            self._pending.pop(eio_sid, None)

    def pending(self) -> int:
        """How many handshakes wait for their Socket.IO connect."""
        with self._lock:
            return len(self._pending)


class MessageGate:
    """A hard cap per Engine.IO connection, counted as each message is read, before it is decoded.

    The EventLimiter answers an over-eager client politely, but only once its events are dispatched;
    a client that sends thousands of messages at once would have them all queued first. This gate
    reads messages in the connection's own reader (Engine.IO's async_handlers off: nothing is queued
    ahead of the check) and closes a connection that goes past `capacity` messages plus `rate` per
    second, well above what the EventLimiter lets through, so only a client that ignores it meets this.
    """

    def __init__(self, capacity: int, rate: float, clock=time.monotonic):
        self.capacity, self.rate, self.clock = capacity, rate, clock
        self._buckets: dict[str, TokenBucket] = {}
        self._lock = threading.Lock()

    def install(self, eio) -> None:
        """Read messages in line, through this gate; forget a connection when it closes."""
        received, disconnected = eio.handlers["message"], eio.handlers["disconnect"]
        eio.async_handlers = False  # Socket.IO still runs each event handler in its own task

        def on_message(eio_sid, data, *args):
            if not self.admit(eio_sid):
                log.warning("closing %s: it sent more messages than any client may", eio_sid)
                eio.disconnect(eio_sid)
                return None
            return received(eio_sid, data, *args)

        def on_disconnect(eio_sid, *args):
            with self._lock:
                self._buckets.pop(eio_sid, None)
            return disconnected(eio_sid, *args)

        eio.on("message", on_message)
        eio.on("disconnect", on_disconnect)

    def admit(self, eio_sid: str) -> bool:
        """Count one message; False once the connection is past its cap."""
        if self.capacity <= 0:
            return True
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(eio_sid)
            if bucket is None:
                bucket = self._buckets[eio_sid] = TokenBucket(self.capacity, self.rate, now)
            return bucket.take(now)
