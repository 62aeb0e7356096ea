"""Formats: JSON files that describe an agenda, shipped under formats/ or uploaded."""

import json
from pathlib import Path

from .domain.errors import InvalidInput
from .domain.i18n import N_

FORMAT_VERSION = 1
MAX_FORMAT_BYTES = 200_000


def format_dir() -> Path:
    """Where the shipped formats live."""
    return Path(__file__).resolve().parent.parent / "formats"


def parse(raw: bytes | str) -> dict:
    """Read a format file; the agenda items are checked when a workshop is made from it."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_FORMAT_BYTES:
            raise InvalidInput(N_("This format file is too large."))
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(N_("This is not a format file (JSON) from Samenspel.")) from None
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than the parser goes
        raise InvalidInput(N_("This is not a format file (JSON) from Samenspel.")) from None
    if not isinstance(data, dict) or not isinstance(data.get("agenda"), list):
        raise InvalidInput(N_("This is not a format file (JSON) from Samenspel."))
    if data.get("format") != FORMAT_VERSION:
        raise InvalidInput(N_("This format file has a version this Samenspel does not know."))
    return data


def shipped() -> dict[str, dict]:
    """The formats that come with the app, by file name."""
    found = {}
    for path in sorted(format_dir().glob("*.json")):
        found[path.stem] = parse(path.read_text(encoding="utf-8"))
    return found


def label(fmt: dict, key: str, language: str) -> str:
    """A format's name or description in the given language."""
    value = fmt.get(key, "")
    if isinstance(value, dict):
        return value.get(language) or next(iter(value.values()), "")
    return value or ""
