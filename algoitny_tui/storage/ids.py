"""History ids, as the seed makes them: integer microsecond timestamps (16 digits today).

Ids from one process are strictly increasing; across processes and machines, the repository's conditional
create (`item_absent`) catches a collision and moves on to the next microsecond.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class MicrosecondIds:
    """Strictly increasing microsecond timestamps for this process."""

    def __init__(self, clock: Callable[[], int] = time.time_ns) -> None:
        self._clock = clock
        self._last = 0
        self._lock = threading.Lock()

    def next(self) -> int:
        with self._lock:
            candidate = max(self._clock() // 1000, self._last + 1)
            self._last = candidate
            return candidate

    def after(self, taken: int) -> int:
        """An id after one found taken by another writer."""
        with self._lock:
            self._last = max(self._last, taken)
        return self.next()


history_ids = MicrosecondIds()


def now_seconds() -> int:
    return int(time.time())
