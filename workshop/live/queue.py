"""The Redis message queue between server processes: bounded, logged, and followed by a resync after a gap."""

import logging
import time

import redis
import socketio

log = logging.getLogger(__name__)

# Asks every other process to resend its screens what the database holds: a push of ours was lost.
RESYNC = b"samenspel:resync"
# Publishers share this many Redis connections and wait for a free one rather than fail: with
# redis-py's own pool, a burst of a thousand answers ran into its cap of 100 and lost pushes.
PUBLISH_CONNECTIONS = 20
PUBLISH_WAIT_SECONDS = 10
PUBLISH_ATTEMPTS = 3
RESUBSCRIBE_MAX_SECONDS = 4


def channel_for(site_id: str) -> str:
    """The default channel: its own per site, since Redis pub/sub ignores the database number."""
    return f"samenspel-{site_id}"


class Queue(socketio.RedisManager):
    """python-socketio's Redis manager with a blocking publish pool and a hook for missed messages.

    Pub/sub forgets what it could not deliver: while a process is not subscribed (Redis restarted,
    the connection dropped) or a publish failed, pushes are lost. `resync` is then called in the
    processes that may have missed some, to send their own clients the state from stored rows.
    """

    def __init__(self, url: str, channel: str, resync=None):
        super().__init__(url, channel=channel)
        self.resync = resync or (lambda: None)
        self.publisher: redis.Redis | None = None
        self.lost = False

    def _publisher(self) -> redis.Redis:
        if self.publisher is None:
            pool = redis.BlockingConnectionPool.from_url(
                self.redis_url,
                max_connections=PUBLISH_CONNECTIONS,
                timeout=PUBLISH_WAIT_SECONDS,
                socket_connect_timeout=5,
                socket_timeout=10,
            )
            self.publisher = redis.Redis(connection_pool=pool)
        return self.publisher

    def _publish(self, data):
        """Publish, retrying a few times; a message that still fails makes the others resync later."""
        message = data if isinstance(data, bytes) else self.json.dumps(data)
        for attempt in range(1, PUBLISH_ATTEMPTS + 1):
            try:
                self._publisher().publish(self.channel, message)
                break
            except Exception as exc:  # redis-py retried the connection already; say what failed
                log.warning("publishing to Redis failed (attempt %d): %s: %s", attempt, type(exc).__name__, exc)
                time.sleep(0.2 * attempt)
        else:
            log.error("a push to other processes was lost; they resync when Redis takes messages again")
            self.lost = True
            return
        if self.lost and message != RESYNC:
            self.lost = False
            self._publish(RESYNC)

    def _redis_listen_with_retries(self):
        """Messages from the channel; after a gap in the subscription, the resync hook runs once."""
        wait, gap = 1, False
        while True:
            try:
                client = redis.Redis.from_url(self.redis_url, socket_connect_timeout=5, socket_keepalive=True)
                pubsub = client.pubsub(ignore_subscribe_messages=True)
                pubsub.subscribe(self.channel)
                if gap:
                    log.warning("subscribed to Redis again; resyncing this process's screens")
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
                wait = min(wait * 2, RESUBSCRIBE_MAX_SECONDS)
