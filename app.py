"""Entry point: patch for the chosen async mode first, then build the app and serve it."""

import os
import warnings

ASYNC_MODE = os.environ.get("ASYNC_MODE", "eventlet")

if ASYNC_MODE == "eventlet":
    # Eventlet is in maintenance mode upstream and says so on import; that is for us, not for users.
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    import eventlet

    eventlet.monkey_patch()
elif ASYNC_MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

from workshop import create_app  # noqa: E402  (must come after monkey-patching)

app = create_app()


def main() -> None:
    """Serve on HOST:PORT and say where to go."""
    host, port = app.config["HOST"], app.config["PORT"]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = app.config["PUBLIC_URL"] or f"http://{shown}:{port}"
    print(f"Samenspel is running ({ASYNC_MODE}). Open {url}/ and choose 'Start a new workshop';", flush=True)
    print("your facilitator (control) link is shown after you create one. Stop with Ctrl+C.", flush=True)
    app.extensions["socketio"].run(app, host=host, port=port, log_output=False, allow_unsafe_werkzeug=True)


if __name__ == "__main__":
    main()
