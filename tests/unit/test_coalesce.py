"""Coalesced pushes, on a fake clock: few flushes under a burst, and always one after the last change."""

import pytest

from workshop.live.coalesce import Coalescer


class Simulation:
    """A fake clock whose sleep lets the requests scheduled meanwhile arrive; spawned tasks run in turn."""

    def __init__(self, interval, flush_takes=0.05):
        self.now = 0.0
        self.flush_takes = flush_takes
        self.schedule: list[tuple[float, str]] = []
        self.tasks: list = []
        self.flushes: list[tuple[float, str]] = []
        self.requests: list[tuple[float, str]] = []
        self.coalescer = Coalescer(self.flush, interval, spawn=self.spawn, sleep=self.sleep, clock=lambda: self.now)

    def flush(self, key):
        # A flush reads the state when it starts; requests may arrive while it computes and emits.
        self.flushes.append((self.now, key))
        done = self.now + self.flush_takes
        self._deliver(done)
        self.now = done

    def spawn(self, fn, *args):
        self.tasks.append((fn, args))

    def request(self, when, key="results:1"):
        self.schedule.append((when, key))
        self.schedule.sort()

    def _deliver(self, until):
        while self.schedule and self.schedule[0][0] <= until:
            when, key = self.schedule.pop(0)
            self.now = max(self.now, when)
            self.requests.append((self.now, key))
            self.coalescer.request(key)

    def sleep(self, seconds):
        assert seconds > 0
        target = self.now + seconds
        self._deliver(target)
        self.now = target

    def run(self):
        while self.schedule or self.tasks:
            if self.tasks:
                fn, args = self.tasks.pop(0)
                fn(*args)
            else:
                self._deliver(self.schedule[0][0])
        return self.flushes


def burst(sim, key="results:1", start=0.0, count=100, every=0.01):
    for i in range(count):
        sim.request(start + i * every, key)


def test_a_burst_gives_few_flushes_and_the_last_comes_after_the_last_request():
    sim = Simulation(interval=0.3)
    burst(sim, count=100, every=0.01)  # 100 requests over one second
    flushes = sim.run()
    assert 2 <= len(flushes) <= 6, flushes
    last_request = sim.requests[-1][0]
    assert flushes[-1][0] >= last_request, "the final state must be pushed after the last change"


def test_flushes_of_one_key_are_at_least_an_interval_apart():
    sim = Simulation(interval=0.3)
    burst(sim, count=60, every=0.02)
    burst(sim, start=3.0, count=5, every=0.05)  # a second burst after a quiet spell
    times = [t for t, _ in sim.run()]
    assert all(b - a >= 0.3 - 1e-9 for a, b in zip(times, times[1:], strict=False)), times
    assert times[-1] >= sim.requests[-1][0]


def test_every_request_is_followed_by_a_flush():
    sim = Simulation(interval=0.25)
    for when in (0.0, 0.1, 0.11, 0.5, 0.52, 0.9, 2.0, 2.01, 2.3):
        sim.request(when)
    flushes = sim.run()
    for when, _ in sim.requests:
        assert any(t >= when for t, _ in flushes), f"request at {when} was never flushed"


def test_a_request_during_a_flush_gets_a_flush_of_its_own():
    sim = Simulation(interval=0.3, flush_takes=0.05)
    sim.request(0.0)
    sim.request(0.02)  # arrives while the first flush is still computing
    flushes = sim.run()
    assert [t for t, _ in flushes] == [0.0, pytest.approx(0.35)]


def test_keys_are_independent():
    sim = Simulation(interval=0.3)
    burst(sim, "results:1", count=30, every=0.01)
    burst(sim, "presence:1", count=30, every=0.01)
    flushes = sim.run()
    keys = {k for _, k in flushes}
    assert keys == {"results:1", "presence:1"}
    for key in keys:
        last_request = max(t for t, k in sim.requests if k == key)
        assert max(t for t, k in flushes if k == key) >= last_request


def test_a_lone_request_is_flushed_once():
    sim = Simulation(interval=0.3)
    sim.request(1.0)
    assert len(sim.run()) == 1


def test_zero_interval_flushes_synchronously():
    flushed = []
    coalescer = Coalescer(flushed.append, 0, spawn=lambda *a: pytest.fail("must not spawn"))
    for _ in range(3):
        coalescer.request("k")
    assert flushed == ["k", "k", "k"]


def test_a_failing_flush_does_not_wedge_the_key():
    sim = Simulation(interval=0.3)
    calls = []

    def flaky(key):
        calls.append(sim.now)
        if len(calls) == 1:
            raise RuntimeError("database busy")

    sim.coalescer.flush = flaky
    sim.request(0.0)
    with pytest.raises(RuntimeError):
        sim.run()
    sim.request(5.0)
    sim.run()
    assert len(calls) == 2, "a later request must still be flushed"
