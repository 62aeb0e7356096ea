"""Group commit: answers that arrive together are stored in one transaction, then each is acked."""

import threading

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

    def __init__(self, db, spawn, sleep, create_event, max_batch: int = 500, gather_rounds: int = 8):
        self.db = db
        self.spawn = spawn
        self.sleep = sleep
        self.create_event = create_event
        self.max_batch = max_batch
        self.gather_rounds = gather_rounds
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
        """Let handlers that are about to submit do so, until the queue stops growing (a few yields)."""
        seen = -1
        for _ in range(self.gather_rounds):
            if len(self.queue) == seen or len(self.queue) >= self.max_batch:
                return
            seen = len(self.queue)
            self.sleep(0)
