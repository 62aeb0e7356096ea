"""The real app as a subprocess on a free port, the way `make run` starts it."""

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
# How the app is started here, by `make run` and in the container image (the Dockerfile's CMD; a test compares).
START_COMMAND = ("python", "app.py")
# The container's health check (the Dockerfile's HEALTHCHECK); test_operations.py runs it against a live server.
HEALTHCHECK_COMMAND = ("python", "scripts/healthcheck.py")


def command(words: tuple[str, ...]) -> list[str]:
    """A command of the image, run with this interpreter."""
    return [sys.executable, *words[1:]]


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """`python app.py` with its own instance folder, database and port; stderr kept for checks."""

    def __init__(self, workdir: Path, async_mode: str = "gevent", database_url: str | None = None, **env):
        self.workdir = Path(workdir)
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.async_mode = async_mode
        self.database_url = database_url or f"sqlite:///{self.workdir / 'samenspel.db'}"
        self.extra_env = {k: str(v) for k, v in env.items()}
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.stderr_path = self.workdir / f"server-{self.port}.err"
        self.stdout_path = self.workdir / f"server-{self.port}.out"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> "LiveServer":
        """Start and wait until /healthz answers 200."""
        env = {
            **os.environ,
            "ASYNC_MODE": self.async_mode,
            "PORT": str(self.port),
            "HOST": "127.0.0.1",
            "INSTANCE_PATH": str(self.workdir / "instance"),
            "DATABASE_URL": self.database_url,
            "SECRET_KEY": "test-secret",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            **self.extra_env,
        }
        for key in ("MESSAGE_QUEUE", "REDIS_URL", "PUBLIC_URL", "ALLOWED_ORIGINS"):
            if key not in self.extra_env:
                env.pop(key, None)
        with open(self.stdout_path, "ab") as out, open(self.stderr_path, "ab") as err:
            self.process = subprocess.Popen(command(START_COMMAND), cwd=ROOT, env=env, stdout=out, stderr=err)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.stderr()}")
            try:
                if requests.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"server did not answer /healthz within {timeout}s:\n{self.stderr()}")

    def stop(self) -> None:
        """Terminate the process we started (and only it)."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace") if self.stderr_path.exists() else ""

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class SocketClient:
    """A python-socketio client that records every event it receives, for waiting on them.

    `origin` sets the one Origin header a browser would send. (Passing it in `headers` to a websocket
    connection adds a second Origin next to the one websocket-client makes up itself.)
    """

    def __init__(self, origin: str | None = None, **client_options):
        import socketio

        self.origin = origin
        options = {"websocket_extra_options": {"origin": origin}} if origin else {}
        self.sio = socketio.Client(reconnection=False, **options, **client_options)
        self.received: list[tuple[str, object]] = []
        self._changed = threading.Condition()
        self.sio.on("*", self._record)

    def _record(self, name, data=None):
        with self._changed:
            self.received.append((name, data))
            self._changed.notify_all()

    def connect(self, server: "LiveServer", auth: dict, transports=("websocket",), headers=None) -> "SocketClient":
        headers = dict(headers or {})
        if self.origin and "websocket" not in transports:
            headers["Origin"] = self.origin
        self.sio.connect(server.url, auth=auth, transports=list(transports), headers=headers, wait_timeout=10)
        return self

    def payloads(self, name: str) -> list:
        with self._changed:
            return [data for event, data in self.received if event == name]

    def wait_for(self, name: str, condition=lambda payload: True, since: int = 0, timeout: float = 15):
        """The first `name` payload from position `since` on that meets `condition`; fails after `timeout`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for event, data in self.received[since:]:
                    if event == name and condition(data):
                        return data
                left = deadline - time.monotonic()
                if left <= 0:
                    got = repr(self.received[since:][-5:])[:2000]
                    raise AssertionError(f"no {name!r} event met the condition within {timeout}s; last events: {got}")
                self._changed.wait(left)

    def mark(self) -> int:
        """A position in the received events, for `wait_for(since=...)`."""
        with self._changed:
            return len(self.received)

    def call(self, event: str, payload, timeout: float = 10):
        return self.sio.call(event, payload, timeout=timeout)

    def disconnect(self):
        if self.sio.connected:
            self.sio.disconnect()
