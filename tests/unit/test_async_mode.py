"""The default async mode is gevent, the same in the entry point and in the settings; eventlet is one setting away."""

import re
from pathlib import Path

from workshop import config

ROOT = Path(__file__).resolve().parents[2]


def test_gevent_is_the_default_everywhere(monkeypatch, tmp_path):
    monkeypatch.delenv("ASYNC_MODE", raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    assert config.from_environment()["ASYNC_MODE"] == "gevent"
    # app.py patches before it may import the app, so it reads the variable itself: the defaults must agree.
    [default] = re.findall(r'os\.environ\.get\("ASYNC_MODE", "(\w+)"\)', (ROOT / "app.py").read_text())
    assert default == "gevent"


def test_eventlet_is_one_setting_away(monkeypatch, tmp_path):
    monkeypatch.setenv("ASYNC_MODE", "eventlet")
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    assert config.from_environment()["ASYNC_MODE"] == "eventlet"
