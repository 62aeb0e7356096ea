"""The floor: a bare Flask-SocketIO server whose vote handler only counts in memory.

Every `vote` adds one to this process's count, emits `{"process", "count"}` to the screen room and
acks. Same async mode, server and message queue as the app, so the app's figures are read as ratios
to what Flask-SocketIO itself costs on this machine at this moment.

    ASYNC_MODE=eventlet PORT=5099 [MESSAGE_QUEUE=redis://...] python bench/floor.py
"""

import os
import warnings

ASYNC_MODE = os.environ.get("ASYNC_MODE", "eventlet")
if ASYNC_MODE == "eventlet":
    warnings.filterwarnings("ignore", message=r"\s*Eventlet is deprecated")
    import eventlet

    eventlet.monkey_patch()
elif ASYNC_MODE == "gevent":
    from gevent import monkey

    monkey.patch_all()

from flask import Flask  # noqa: E402  (after monkey-patching, as in app.py)
from flask_socketio import SocketIO, join_room  # noqa: E402

app = Flask(__name__)
socketio = SocketIO(app, async_mode=ASYNC_MODE, message_queue=os.environ.get("MESSAGE_QUEUE") or None)
votes = {"count": 0}
PROCESS = os.getpid()


@app.get("/healthz")
def healthz():
    """Up when this answers."""
    return {"ok": True}


@socketio.on("connect")
def connect(auth=None):
    """A screen joins the screen room; phones need nothing."""
    if isinstance(auth, dict) and auth.get("role") == "screen":
        join_room("screen")


@socketio.on("vote")
def vote(data=None):
    """Count in memory, tell the screens, ack."""
    votes["count"] += 1
    socketio.emit("count", {"process": PROCESS, "count": votes["count"]}, to="screen")
    return {"ok": True}


if __name__ == "__main__":
    options = {}
    if ASYNC_MODE == "eventlet":
        # Eventlet's WSGI pool defaults to 1,024 green threads, one per connection: not a floor at 3,000.
        options["max_size"] = 20000
    socketio.run(app, host="127.0.0.1", port=int(os.environ["PORT"]), log_output=False, allow_unsafe_werkzeug=True, **options)
