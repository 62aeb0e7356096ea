"""Socket.IO budgets: token buckets per connection and participant, strikes, and the handshake gate."""

from workshop.live.limits import EventLimiter, HandshakeGate, SafeJSON, TokenBucket


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_bucket_allows_a_burst_then_its_rate():
    bucket = TokenBucket(3, 2, now=0)
    assert [bucket.take(0) for _ in range(4)] == [True, True, True, False]
    assert bucket.wait() == 0.5
    assert bucket.take(0.5) and not bucket.take(0.5)


def test_a_connection_is_refused_with_retry_after_then_cut_off():
    clock = Clock()
    limits = EventLimiter(burst=5, rate=1, strikes=3, max_connections=2, clock=clock)
    limits.register("a", participant_id=None)
    assert all(limits.check("a").allowed for _ in range(5))
    refused = [limits.check("a") for _ in range(4)]
    assert [v.allowed for v in refused] == [False] * 4
    assert refused[0].retry_after == 1.0 and not refused[0].cut_off
    assert refused[-1].cut_off, "the fourth refusal in a row is one too many"
    clock.now += 1
    assert limits.check("a").allowed, "a client that waits as told goes on"


def test_a_participant_shares_one_budget_across_tabs():
    clock = Clock()
    limits = EventLimiter(burst=5, rate=1, strikes=100, max_connections=5, clock=clock)
    for sid in ("t1", "t2", "t3"):
        limits.register(sid, participant_id=7)
    allowed = sum(limits.check(sid).allowed for sid in ("t1", "t2", "t3") for _ in range(5))
    assert allowed == 10, "twice one connection's burst, for all tabs together"
    limits.register("other", participant_id=8)
    assert limits.check("other").allowed, "another participant has their own budget"


def test_connections_per_participant_are_capped_and_released():
    limits = EventLimiter(burst=5, rate=1, strikes=3, max_connections=2)
    limits.register("a", 7)
    assert limits.admits(7)
    limits.register("b", 7)
    assert not limits.admits(7) and limits.admits(8) and limits.admits(None)
    limits.forget("a")
    assert limits.admits(7)


def test_limits_off_allow_everything():
    limits = EventLimiter(burst=0, rate=10, strikes=3, max_connections=5)
    limits.register("a", None)
    assert all(limits.check("a").allowed for _ in range(1000))


def test_the_handshake_gate_caps_idle_handshakes_and_closes_stale_ones_for_room():
    clock = Clock()
    closed = []
    gate = HandshakeGate(max_total=4, max_per_address=2, timeout=20, clock=clock)
    assert gate.admit("e1", "10.0.0.1", closed.append) and gate.admit("e2", "10.0.0.1", closed.append)
    assert not gate.admit("e3", "10.0.0.1", closed.append), "two idle handshakes from one address at most"
    assert gate.admit("e4", "10.0.0.2", closed.append) and gate.admit("e5", "10.0.0.3", closed.append)
    assert not gate.admit("e6", "10.0.0.4", closed.append), "four in all"
    gate.done("e4")  # authenticated: no longer counted
    assert gate.admit("e6", "10.0.0.4", closed.append)
    clock.now += 21
    assert gate.admit("e7", "10.0.0.1", closed.append), "stale handshakes make room"
    assert sorted(closed) == ["e1", "e2", "e5", "e6"] and gate.pending() == 1


def test_a_message_nested_too_deep_reads_as_an_unknown_event():
    assert SafeJSON.loads("[" * 100_000 + "]" * 100_000)[0].startswith("\x00")
    assert SafeJSON.loads('["submit", {"a": 1}]') == ["submit", {"a": 1}]
