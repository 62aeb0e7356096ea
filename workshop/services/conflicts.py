"""Bounded retries of a unit of work that lost a race with another writer, then a clear error."""

import functools
import logging

from ..domain.errors import Conflict
from ..domain.i18n import N_
from ..storage.database import is_conflict

log = logging.getLogger(__name__)
ATTEMPTS = 3


def retried(use_case):
    """Run the use case again (its whole transaction) when it conflicted, at most ATTEMPTS times."""

    @functools.wraps(use_case)
    def run(*args, **kwargs):
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return use_case(*args, **kwargs)
            except Exception as err:
                if not is_conflict(err):
                    raise
                log.info("%s conflicted (attempt %d of %d): %s", use_case.__name__, attempt, ATTEMPTS, err)
                last = err
        raise Conflict(N_("Somebody else changed this at the same moment. Try again.")) from last

    return run
