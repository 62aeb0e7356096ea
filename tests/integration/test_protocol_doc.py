"""docs/protocol.md must describe every Socket.IO event handler and every HTTP route."""

import inspect
import re
from pathlib import Path

import pytest

from workshop.domain.kinds import KINDS
from workshop.live.namespace import LiveNamespace

DOC = (Path(__file__).resolve().parents[2] / "docs" / "protocol.md").read_text(encoding="utf-8")
HANDLERS = sorted(
    name[3:]
    for name, _ in inspect.getmembers(LiveNamespace, inspect.isfunction)
    if name.startswith("on_") and name not in ("on_connect", "on_disconnect")
)


@pytest.mark.parametrize("event", HANDLERS)
def test_every_event_is_documented(event):
    assert f"| `{event}` |" in DOC, f"docs/protocol.md does not describe the `{event}` event"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_its_answer_and_results_documented(kind):
    assert f"| `{kind}` |" in DOC, f"docs/protocol.md does not describe the `{kind}` kind's answer and results"


def test_every_route_is_documented(app):
    missing = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"<\1>", rule.rule)
        shown = path.replace("<language>", "<nl|en>")
        if shown not in DOC and path not in DOC:
            missing.append(path)
    assert not missing, f"routes missing from docs/protocol.md: {missing}"
