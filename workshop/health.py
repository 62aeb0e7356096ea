"""What /healthz and the container's health check ask: does the database answer, does the queue?"""

import logging

log = logging.getLogger(__name__)
TIMEOUT = 2.0  # seconds; a health check that hangs tells the orchestrator nothing
_queues: dict[str, object] = {}


def _queue_client(url: str):
    """One Redis client per URL, kept, so a check reuses its connection."""
    if url not in _queues:
        import redis  # only installed, and only needed, when a message queue is set

        _queues[url] = redis.Redis.from_url(url, socket_timeout=TIMEOUT, socket_connect_timeout=TIMEOUT)
    return _queues[url]


def _check(name: str, probe) -> str:
    try:
        return "ok" if probe() else "unreachable"
    except Exception as err:  # the point is to report any failure, not to raise it
        log.warning("health check: %s does not answer: %s", name, err)
        return "unreachable"


def report(db, message_queue: str | None) -> tuple[bool, dict]:
    """(healthy, {"database": ..., "message_queue": ...}); each is "ok", "unreachable" or "unused"."""
    checks = {
        "database": _check("database", db.ping),
        "message_queue": _check("message queue", lambda: _queue_client(message_queue).ping()) if message_queue else "unused",
    }
    return all(state != "unreachable" for state in checks.values()), checks
