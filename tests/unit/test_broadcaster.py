"""A push that fails after a commit never turns the committed change into an error."""

import logging

from workshop.domain.events import AgendaChanged, AnswersChanged
from workshop.live.broadcaster import Broadcaster


class BrokenSocket:
    """Emitting always fails, as when a message queue is down."""

    def __init__(self):
        self.attempts = 0

    def emit(self, *args, **kwargs):
        self.attempts += 1
        raise ConnectionError("queue down")

    def start_background_task(self, fn, *args):
        fn(*args)

    def sleep(self, seconds):
        pass


def test_publish_logs_and_carries_on_when_a_push_fails(monkeypatch, caplog):
    from workshop.live import broadcaster as module

    monkeypatch.setattr(module.services, "state", lambda *a, **k: {"current": None})
    monkeypatch.setattr(module.services, "results_for", lambda *a, **k: {"facilitator": {}, "screen": {}})
    socket = BrokenSocket()
    caplog.set_level(logging.ERROR)
    Broadcaster(socket, db=None, interval=0).publish([AgendaChanged(1), AnswersChanged(1, 2)])
    assert socket.attempts >= 2, "the second event was still pushed after the first failed"
    assert "push of" in caplog.text


def test_push_versions_increase_even_when_the_clock_stands_still_or_steps_back():
    from workshop.live.broadcaster import Versions

    ticks = iter([5_000_000, 5_000_000, 4_000_000, 9_000_000])
    versions = Versions(clock=lambda: next(ticks))
    assert [versions.next() for _ in range(4)] == [5_000, 5_001, 5_002, 9_000]
