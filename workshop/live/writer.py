"""Group commit: answers that arrive together are stored in one transaction, then each is acked."""

import threading
import time

from .. import services


class _Waiting:
    """One queued submission and the caller waiting for its outcome."""

    __slots__ = ("submission", "done", "outcome", "failure")

    def __init__(self, submission, done):
        self.submission = submission
        self.done = done
        self.outcome = None
        self.failure = None


class AnswerWriter:
    """One writer task per process stores everything queued since its last commit, in one go.

    A handler calls `submit` and waits (its greenlet or thread only) until the batch holding its
    submission is committed: an ack still means stored. While a batch is being written, the next
    one gathers, so a burst costs a few transactions instead of one per answer.
    """

    def __init__(self, db, spawn, sleep, create_event, max_batch: int = 500, window: float = 0.005, idle_rounds: int = 3):
        self.db = db
        self.spawn = spawn
        self.sleep = sleep
        self.create_event = create_event
        self.max_batch = max_batch
        self.window = window
        self.idle_rounds = idle_rounds
        self.lock = threading.Lock()
        self.queue: list[_Waiting] = []
        self.writing = False

    def submit(self, submission: services.Submission) -> tuple[dict, list]:
        """Store one submission with whatever else is queued; its (result, events), or its error raised."""
        waiting = _Waiting(submission, self.create_event())
        with self.lock:
            self.queue.append(waiting)
            start = not self.writing
            self.writing = True
        if start:
            self.spawn(self._write)
        waiting.done.wait()
        if waiting.failure is not None:
            raise waiting.failure
        return waiting.outcome

    def _write(self) -> None:
        while True:
            self._gather()
            with self.lock:
                batch, self.queue = self.queue[: self.max_batch], self.queue[self.max_batch :]
                if not batch:
                    self.writing = False
                    return
            try:
                outcomes = services.submit_answers(self.db, [w.submission for w in batch])
            except Exception as err:  # nothing of the batch was committed: every caller hears so (and logs it)
                outcomes = [err] * len(batch)
            for waiting, outcome in zip(batch, outcomes, strict=True):
                if isinstance(outcome, Exception):
                    waiting.failure = outcome
                else:
                    waiting.outcome = outcome
                waiting.done.set()

    def _gather(self) -> None:
        """Let handlers that are about to submit do so: yield until the queue stops growing.

        It has stopped when a few yields in a row added nothing; never longer than `window` seconds,
        so a lone answer waits microseconds and a burst fills its batch.
        """
        deadline = time.monotonic() + self.window
        seen, idle = len(self.queue), 0
        while idle < self.idle_rounds and seen < self.max_batch and time.monotonic() < deadline:
            self.sleep(0)
            if len(self.queue) == seen:
                idle += 1
            else:
                seen, idle = len(self.queue), 0
