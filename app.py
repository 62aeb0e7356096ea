"""Entry point: patch for the chosen async mode first, then build the app and serve it."""

import os
import sys
import warnings

ASYNC_MODE = os.environ.get("ASYNC_MODE", "gevent")

if ASYNC_MODE == "eventlet":
    # Eventlet is in maintenance mode upstream and says so on import; that is for us, not for users.
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    import eventlet

    eventlet.monkey_patch()
elif ASYNC_MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

from workshop import create_app, start_serving  # noqa: E402  (must come after monkey-patching)
from workshop.config import site_url  # noqa: E402
from workshop.storage.database import SchemaNotCurrent  # noqa: E402

try:
    app = create_app()
except SchemaNotCurrent as err:  # MIGRATE_ON_START=0 and nobody ran the migration step
    sys.exit(f"Samenspel cannot start: {err}")


# The kernel caps the queue of connections not yet accepted at net.core.somaxconn; eventlet's default
# of 50 drops the SYNs of a room that connects at once, and each dropped one costs a phone a second.
LISTEN_BACKLOG = 4096


def raise_open_file_limit(wanted: int) -> int:
    """Lift the soft limit on open files towards the hard one: every connection holds a descriptor."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


def serve(host: str, port: int, max_connections: int) -> None:
    """The async server with room for `max_connections` open sockets (each websocket holds one)."""
    # Descriptors beyond the sockets: the database, Redis, log files and static files.
    files = raise_open_file_limit(max_connections + 256)
    if files < max_connections + 256:
        print(f"Warning: only {files} open files are allowed (ulimit -n), fewer than MAX_CONNECTIONS.", flush=True)
    if ASYNC_MODE == "eventlet":
        import eventlet.wsgi
        from eventlet.green import socket

        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        listener = eventlet.listen(address, family, backlog=LISTEN_BACKLOG)
        # The pool bounds simultaneous requests, and an open websocket is one for as long as it lives.
        eventlet.wsgi.server(listener, app, max_size=max_connections, log_output=False, debug=False)
    else:
        app.extensions["socketio"].run(
            app, host=host, port=port, log_output=False, allow_unsafe_werkzeug=True, backlog=LISTEN_BACKLOG
        )


def main() -> None:
    """Serve on HOST:PORT and say where to go."""
    host, port = app.config["HOST"], app.config["PORT"]
    url = site_url(app.config)
    print(f"Samenspel is running ({ASYNC_MODE}). Open {url}/ and choose 'Start a new workshop';", flush=True)
    print("your facilitator (control) link is shown after you create one. Stop with Ctrl+C.", flush=True)
    # Take the presence lease before the first connection arrives (other processes drop ours when it
    # lapses), and start the retention sweep.
    start_serving(app)
    serve(host, port, app.config["MAX_CONNECTIONS"])


if __name__ == "__main__":
    main()
