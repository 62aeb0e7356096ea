"""Logs a collector can read: one line per event, plain text or JSON, exceptions with their tracebacks."""

import json
import logging
import sys
from datetime import UTC, datetime

FORMATS = ("text", "json")
NOISY = ("alembic", "geventwebsocket.handler")


class TextFormatter(logging.Formatter):
    """`time level logger: message`, with a traceback's line breaks written as \\n to keep one line."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\r", "").replace("\n", "\\n")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message and, for an error, its traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class _Handler(logging.StreamHandler):
    """Ours, so that configuring again replaces it instead of adding a second one."""


def configure(level: str = "INFO", fmt: str = "text", stream=None) -> logging.Handler:
    """Send every logger's records to stderr (or `stream`) in the chosen format; returns the handler."""
    if fmt not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(FORMATS)}, not {fmt!r}")
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _Handler)]:
        root.removeHandler(old)
    handler = _Handler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    root.addHandler(handler)
    root.setLevel(level.upper() if isinstance(level, str) else level)
    for noisy in NOISY:
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return handler


def init_app(app) -> None:
    """Configure logging from LOG_LEVEL and LOG_FORMAT (Flask's app.logger propagates to ours)."""
    configure(app.config["LOG_LEVEL"], app.config["LOG_FORMAT"])
