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


def _flag(value: str) -> bool:
    """1/true/yes/on is true; anything else false."""
    return value.strip().lower() in ("1", "true", "yes", "on")


def from_environment() -> dict:
    """Every setting the app reads; the README has a table of them."""
    env = os.environ.get
    instance = Path(env("INSTANCE_PATH", str(ROOT / "instance")))
    instance.mkdir(parents=True, exist_ok=True)
    origins = [o.strip() for o in env("ALLOWED_ORIGINS", "").split(",") if o.strip()]
    hosts = [h.strip().lower() for h in env("ALLOWED_HOSTS", "").split(",") if h.strip()]
    return {
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": _secret_key(instance),
        "DATABASE_URL": env("DATABASE_URL") or f"sqlite:///{instance / 'samenspel.db'}",
        "HOST": env("HOST", "127.0.0.1"),
        "PORT": int(env("PORT", "5000")),
        "ASYNC_MODE": env("ASYNC_MODE", "gevent"),
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
        # Security and privacy: docs/security.md explains each limit and why it has its size.
        "MAX_REQUEST_BYTES": int(env("MAX_REQUEST_BYTES", str(256 * 1024))),
        "MAX_MESSAGE_BYTES": int(env("MAX_MESSAGE_BYTES", str(64 * 1024))),
        "RATE_LIMITS": env("RATE_LIMITS", "on").lower() not in ("off", "0", "false", "no"),
        "EVENT_BURST": int(env("EVENT_BURST", "40")),
        "EVENT_RATE": float(env("EVENT_RATE", "10")),
        "MAX_CONNECTIONS_PER_PARTICIPANT": int(env("MAX_CONNECTIONS_PER_PARTICIPANT", "5")),
        "JOIN_RATE_LIMIT": env("JOIN_RATE_LIMIT", "300 per 10 minutes"),
        "WRONG_CODE_RATE_LIMIT": env("WRONG_CODE_RATE_LIMIT", "60 per minute"),
        "WRONG_CODE_GLOBAL_RATE_LIMIT": env("WRONG_CODE_GLOBAL_RATE_LIMIT", "600 per minute"),
        "CREATE_RATE_LIMIT": env("CREATE_RATE_LIMIT", "200 per hour"),
        "TRUSTED_PROXIES": int(env("TRUSTED_PROXIES", "0")),
        # Not Flask's TRUSTED_HOSTS: that one fails inside URL building, before an error page can render.
        "ALLOWED_HOSTS": hosts,
        "RETENTION_DAYS": int(env("RETENTION_DAYS", "90")),
        "RETENTION_SWEEP_SECONDS": float(env("RETENTION_SWEEP_SECONDS", "3600")),
        "LOG_FORMAT": env("LOG_FORMAT", "text"),
        # Laptops migrate on start; a deployment sets this to 0 and runs `python -m workshop migrate` once.
        "MIGRATE_ON_START": _flag(env("MIGRATE_ON_START", "1")),
    }


def site_url(settings: dict) -> str:
    """The address people open: PUBLIC_URL, else where the server listens (0.0.0.0 shown as 127.0.0.1)."""
    if settings["PUBLIC_URL"]:
        return settings["PUBLIC_URL"]
    host = "127.0.0.1" if settings["HOST"] in ("0.0.0.0", "::") else settings["HOST"]
    return f"http://{host}:{settings['PORT']}"
