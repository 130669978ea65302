"""Reading the outbox: which syncable keys were written locally since the cursor.

The SQLite table records every write's key in `outbox` in the same transaction as the write, so nothing written
locally can be missed, even after a crash; sync only moves a cursor over it. A key written many times is pushed
once, in its current state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from algoitny_tui.storage.sync_ledger import SyncLedger
from algoitny_tui.sync.versions import is_syncable

PAGE = 5000


@dataclass
class Changes:
    """Distinct syncable keys (in first-written order) with the lowest outbox seq of each, and the last seq read."""

    keys: dict[tuple[str, str], int] = field(default_factory=dict)
    last_seq: int = 0


def changes_after(ledger: SyncLedger, cursor: int) -> Changes:
    changes = Changes(last_seq=cursor)
    while True:
        rows = ledger.changes_after(changes.last_seq, PAGE)
        for seq, pk, sk in rows:
            if is_syncable(pk):
                changes.keys.setdefault((pk, sk), seq)
        if rows:
            changes.last_seq = rows[-1][0]
        if len(rows) < PAGE:
            return changes
