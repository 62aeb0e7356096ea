"""Settings from the environment, with defaults that work on a laptop."""

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _secret_key(instance: Path) -> str:
    """SECRET_KEY from the environment, else one generated once and kept under instance/."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def from_environment() -> dict:
    """Every setting the app reads; the README has a table of them."""
    env = os.environ.get
    instance = Path(env("INSTANCE_PATH", str(ROOT / "instance")))
    instance.mkdir(parents=True, exist_ok=True)
    origins = [o.strip() for o in env("ALLOWED_ORIGINS", "").split(",") if o.strip()]
    return {
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": _secret_key(instance),
        "DATABASE_URL": env("DATABASE_URL") or f"sqlite:///{instance / 'samenspel.db'}",
        "HOST": env("HOST", "127.0.0.1"),
        "PORT": int(env("PORT", "5000")),
        "ASYNC_MODE": env("ASYNC_MODE", "eventlet"),
        "MESSAGE_QUEUE": env("MESSAGE_QUEUE") or env("REDIS_URL") or None,
        # Unset: "samenspel-<id of this site's database>", so two sites on one Redis never meet.
        "MESSAGE_QUEUE_CHANNEL": env("MESSAGE_QUEUE_CHANNEL", ""),
        "ALLOWED_ORIGINS": origins,
        "PUBLIC_URL": env("PUBLIC_URL", "").rstrip("/"),
        "MAX_CONNECTIONS": int(env("MAX_CONNECTIONS", "10000")),
        "RESULTS_PUSH_INTERVAL": float(env("RESULTS_PUSH_INTERVAL", "0.3")),
        "PRESENCE_PUSH_INTERVAL": float(env("PRESENCE_PUSH_INTERVAL", "1.0")),
        "PRESENCE_LEASE": float(env("PRESENCE_LEASE", "30")),
        "DEFAULT_LANGUAGE": env("DEFAULT_LANGUAGE", "nl"),
        "LOG_LEVEL": env("LOG_LEVEL", "INFO"),
    }
