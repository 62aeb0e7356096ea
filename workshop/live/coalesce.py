"""Coalesces pushes: at most one per key per interval, and always one after the last change."""

import threading
import time
from collections.abc import Callable, Hashable


class Coalescer:
    """Runs `flush(key)` soon after `request(key)`, merging requests that arrive meanwhile."""

    def __init__(
        self,
        flush: Callable[[Hashable], None],
        interval: float,
        spawn: Callable = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        lock=None,
    ):
        self.flush = flush
        self.interval = interval
        self.spawn = spawn or (lambda fn, *args: threading.Thread(target=fn, args=args, daemon=True).start())
        self.sleep = sleep
        self.clock = clock
        self.lock = lock or threading.Lock()
        self.dirty: dict[Hashable, bool] = {}
        self.last: dict[Hashable, float] = {}

    def request(self, key: Hashable) -> None:
        """Ask for a flush of `key`; a flush already waiting takes this request along."""
        if self.interval <= 0:
            self.flush(key)
            return
        with self.lock:
            if key in self.dirty:
                self.dirty[key] = True
                return
            self.dirty[key] = True
        self.spawn(self._run, key)

    def _run(self, key: Hashable) -> None:
        wait = self.last.get(key, float("-inf")) + self.interval - self.clock()
        if wait > 0:
            self.sleep(wait)
        while True:
            with self.lock:
                self.dirty[key] = False
            try:
                self.flush(key)
            except BaseException:
                # Free the key, or no later request would ever start a run for it again.
                with self.lock:
                    self.dirty.pop(key, None)
                raise
            finally:
                self.last[key] = self.clock()
            with self.lock:
                if not self.dirty[key]:
                    # Exit under the lock, so a request from now on starts a new run.
                    del self.dirty[key]
                    return
            self.sleep(self.interval)
