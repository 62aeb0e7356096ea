"""The Redis message queue between server processes: published in order, logged, resynced after a gap."""

import collections
import logging
import threading
import time

import redis
import socketio

from .managers import IndexedRooms

log = logging.getLogger(__name__)

# Asks every process to resend its clients what the database holds, because pushes were lost.
RESYNC = b"samenspel:resync"
# Pushes wait here while Redis is away; beyond this many, the oldest go and a resync follows.
OUTBOX_LIMIT = 10_000
BATCH = 500
RETRY_MAX_SECONDS = 4


def channel_for(site_id: str) -> str:
    """The default channel: one per site, because Redis pub/sub ignores the database number."""
    return f"samenspel-{site_id}"


class Queue(IndexedRooms, socketio.RedisManager):
    """python-socketio's Redis manager, made to lose nothing that a resync cannot restore.

    Emitting never waits for Redis: messages go into an outbox that one task publishes in order,
    in pipelined batches over one connection (redis-py's pool capped at 100 connections and failed
    publishes with "Too many connections" under a burst). Pub/sub forgets what it cannot deliver, so
    after a gap (the subscription dropped, or the outbox overflowed) `resync` runs in the processes
    that may have missed pushes, to send their own clients the state from stored rows.
    """

    def __init__(self, url: str, channel: str, resync=None, on_state=None):
        super().__init__(url, channel=channel)
        self.resync = resync or (lambda: None)
        self.on_state = on_state or (lambda room: None)
        self.outbox: collections.deque = collections.deque()
        self.pending = threading.Event()
        self.dropped = 0  # messages dropped from a full outbox so far
        self.announced = 0  # of those, how many a published resync already covers
        self.draining = False

    def _handle_emit(self, message):
        """Deliver to this process's clients; a state push from another process is announced first."""
        if message.get("event") == "state" and message.get("host_id") != self.host_id:
            self.on_state(message.get("room"))
        super()._handle_emit(message)

    def _publish(self, data):
        """Queue a message for the publishing task; returns at once."""
        if len(self.outbox) >= OUTBOX_LIMIT:
            self.outbox.popleft()
            if self.dropped == self.announced:
                log.error("Redis is not taking messages and %d wait; dropping the oldest, resync follows", OUTBOX_LIMIT)
            self.dropped += 1
        self.outbox.append(self.json.dumps(data))
        self.pending.set()
        if not self.draining:  # started on first use: python-socketio initialises on the first connect only
            self.draining = True
            self.server.start_background_task(self._drain)

    def _drain(self):
        """Publish the outbox in order; on failure keep it and retry, so nothing is skipped."""
        client, wait = None, 0.25
        while True:
            self.pending.wait()
            self.pending.clear()
            while self.outbox or self.dropped > self.announced:
                batch = [self.outbox[i] for i in range(min(BATCH, len(self.outbox)))]
                dropped = self.dropped
                try:
                    client = client or redis.Redis.from_url(self.redis_url, socket_connect_timeout=5, socket_timeout=10)
                    pipeline = client.pipeline(transaction=False)
                    for message in batch:
                        pipeline.publish(self.channel, message)
                    if dropped > self.announced:
                        pipeline.publish(self.channel, RESYNC)
                    pipeline.execute()
                except Exception as exc:  # Redis away: keep the batch, try again shortly
                    log.warning("publishing %d messages to Redis failed (%s: %s); retrying", len(batch), type(exc).__name__, exc)
                    client = None
                    time.sleep(wait)
                    wait = min(wait * 2, RETRY_MAX_SECONDS)
                    continue
                wait, self.announced = 0.25, dropped
                # Messages dropped from the front meanwhile were part of this batch.
                for _ in range(len(batch) - (self.dropped - dropped)):
                    if self.outbox:
                        self.outbox.popleft()

    def _redis_listen_with_retries(self):
        """Messages from the channel; after a gap in the subscription, the resync hook runs once."""
        wait, gap = 1, False
        while True:
            try:
                client = redis.Redis.from_url(self.redis_url, socket_connect_timeout=5, socket_keepalive=True)
                pubsub = client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(self.channel)
                if gap:
                    log.warning("subscribed to Redis again; resending this process's clients what is stored")
                    self.server.start_background_task(self.resync)
                wait, gap = 1, False
                for message in pubsub.listen():
                    if message.get("data") == RESYNC:
                        self.server.start_background_task(self.resync)
                        continue
                    yield message
            except Exception as exc:
                log.warning("lost the Redis subscription (%s: %s); retrying in %d s", type(exc).__name__, exc, wait)
                gap = True
                time.sleep(wait)
                wait = min(wait * 2, RETRY_MAX_SECONDS)
