"""The part of a phone's snapshot that all phones of a workshop share, kept between agenda changes."""

import threading
from collections import OrderedDict

from .. import presenters, services
from ..domain.kinds import get_kind
from ..storage.tables import utcnow

KEEP_WORKSHOPS = 256


class PhoneSnapshots:
    """A connecting phone costs its own rows only: the workshop's part is read once per change.

    Forgotten before every state push of this process and on every state push from another process
    (through the queue). A phone joins its rooms before it reads, so a change the cached copy misses
    still reaches it as that push.
    """

    def __init__(self, db):
        self.db = db
        # By (workshop id, language): a bilingual workshop's phones read the activity texts in their language.
        self.shared: OrderedDict[tuple, dict] = OrderedDict()
        self.generation: dict[int, int] = {}
        self.lock = threading.Lock()

    def state(self, workshop_id: int, participant_id: int, language: str | None = None) -> dict:
        """The snapshot a phone renders from, as `services.state` makes it for a participant."""
        shared = self._shared(workshop_id, language)
        current = shared["current"]
        snapshot = {**shared, "server_time": presenters.iso(utcnow())}
        snapshot.update(services.participant_state(self.db, participant_id, current["id"] if current else None))
        if current is not None and get_kind(current["kind"]).speaks_for_organisation:
            # What counts for the phone's own organisation (e.g. a colleague's pledge) is its own, not shared.
            snapshot["ours"] = services.own_organisation_view(self.db, participant_id, current["id"])
        return snapshot

    def language(self, workshop_id: int) -> str:
        """The workshop's language, from the shared part (read once per change)."""
        return self._shared(workshop_id, None)["workshop"]["language"]

    def forget(self, workshop_id: int | None) -> None:
        """The workshop's state changed: the next phone reads it afresh."""
        if workshop_id is None:
            return
        with self.lock:
            self.generation[workshop_id] = self.generation.get(workshop_id, 0) + 1
            for key in [k for k in self.shared if k[0] == workshop_id]:
                del self.shared[key]

    def _shared(self, workshop_id: int, language: str | None) -> dict:
        key = (workshop_id, language)
        with self.lock:
            if key in self.shared:
                self.shared.move_to_end(key)
                return self.shared[key]
            generation = self.generation.get(workshop_id, 0)
        screen = services.state(self.db, workshop_id, services.SCREEN_ROLE, language=language)
        shared = {k: v for k, v in screen.items() if k not in ("presence", "server_time")}
        with self.lock:
            # A change that arrived while we read makes what we read too old to keep.
            if self.generation.get(workshop_id, 0) == generation:
                self.shared[key] = shared
                while len(self.shared) > KEEP_WORKSHOPS:
                    self.shared.popitem(last=False)
        return shared
