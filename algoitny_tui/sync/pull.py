"""Pull: what other writers changed for this user (and in the shared problems) since the last sync, via gsi2.

Never a Scan. Each owner has a registry item (`SYNC#<owner>` / `WRITERS`) mapping each writer to the last push
number it completed; each pushed item carries `g2pk = CHG#<owner>`, `g2sk = <writer>#<push number>`. A pull reads
the registries (one BatchGetItem), then, for each other writer with a newer push, queries gsi2 for that writer's
range above what this store has read. A writer publishes a push number only after every write of that push has
answered, so nothing can land later below a published number.

GSIs are eventually consistent: an item written just before its push was published may not be in the index yet.
So the watermark moves up to a published number only once that number has been seen for SETTLE_S seconds (on this
machine's clock: no clock comparison between machines); until then the range is read again, and items whose
version this store already has are skipped without a write.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from algoitny_tui.storage.sqlite_table import SQLiteTable
from algoitny_tui.storage.table import Item
from algoitny_tui.sync import wire
from algoitny_tui.sync.state import OK, Known, PullMark, SyncStore
from algoitny_tui.sync.versions import (
    REGISTRY_SK,
    TOMBSTONE_PREFIX,
    change_pk,
    change_sk,
    digest,
    matches,
    registry_pk,
    strip,
    upd_of,
)

if TYPE_CHECKING:
    from algoitny_tui.storage.dynamodb_table import DynamoDBTable

SETTLE_S = 10.0
Key = tuple[str, str]


@dataclass
class PullResult:
    pulled: int = 0
    kept_local: int = 0  # remote versions older than a local change not pushed yet
    errors: list[str] = field(default_factory=list)


def read_registries(remote: DynamoDBTable, owners: Sequence[str]) -> dict[str, dict[str, int]]:
    items = wire.batch_get(remote, [(registry_pk(o), REGISTRY_SK) for o in owners])
    result: dict[str, dict[str, int]] = {}
    for owner in owners:
        item = items.get((registry_pk(owner), REGISTRY_SK)) or {}
        writers = item.get("w") or {}
        result[owner] = {str(w): int(n) for w, n in writers.items()}
    return result


def publish(remote: DynamoDBTable, owners: Sequence[str], writer: str, push_no: int) -> None:
    """Tell pullers that every write of pushes up to `push_no` by `writer` has landed."""
    from algoitny_tui.storage.table import Update

    for owner in owners:
        remote.update(registry_pk(owner), REGISTRY_SK, Update(set={f"w.{writer}": push_no}))


def _query_range(remote: DynamoDBTable, owner: str, writer: str, after: int) -> list[Item]:
    items: list[Item] = []
    cursor: dict[str, Any] | None = None
    while True:
        page = remote.query(
            change_pk(owner),
            f"{writer}#",
            index="gsi2",
            sk_after=change_sk(writer, after),
            limit=1000,
            start_after=cursor,
        )
        items += page.items
        if page.cursor is None:
            return items
        cursor = page.cursor


def pull(
    local: SQLiteTable,
    store: SyncStore,
    remote: DynamoDBTable,
    pool: ThreadPoolExecutor,
    *,
    writer: str,
    owners: Sequence[str],
) -> PullResult:
    result = PullResult()
    registries = read_registries(remote, owners)
    marks = store.pull_marks()
    now = time.time()  # stored between runs: wall clock, this machine's only
    tasks = {}
    for owner, writers in registries.items():
        for other, published in writers.items():
            mark = marks.setdefault((owner, other), PullMark(0))
            if other != writer and published > mark.wm:
                tasks[(owner, other)] = pool.submit(_query_range, remote, owner, other, mark.wm)
    newest: dict[Key, Item] = {}
    for (owner, other), future in tasks.items():
        try:
            items = future.result()
        except Exception as exc:  # noqa: BLE001 - reported; this range is read again next sync
            result.errors.append(
                f"pull of changes by {other} for {owner}: {wire.describe_error(exc)}; "
                "will be read again on the next sync"
            )
            del marks[(owner, other)]
            continue
        for item in items:
            pk = item["PK"]
            key = (
                (pk[len(TOMBSTONE_PREFIX) :], item["SK"])
                if pk.startswith(TOMBSTONE_PREFIX)
                else (pk, item["SK"])
            )
            if key not in newest or str(item.get("rev", "")) > str(newest[key].get("rev", "")):
                newest[key] = item
        mark = marks[(owner, other)]
        if mark.pend is not None and mark.pend_at is not None and now - mark.pend_at >= SETTLE_S:
            mark.wm, mark.pend, mark.pend_at = max(mark.wm, mark.pend), None, None
        published = registries[owner][other]
        if published > mark.wm and mark.pend is None:
            mark.pend, mark.pend_at = published, now
    _apply(local, store, newest, result, writer)
    store.set_pull_marks({k: m for k, m in marks.items() if k in tasks})
    return result


def _apply(
    local: SQLiteTable, store: SyncStore, newest: dict[Key, Item], result: PullResult, writer: str
) -> None:
    known = store.known(list(newest))
    puts: list[Item] = []
    put_meta: list[tuple[Key, str, str]] = []
    deletes: list[Key] = []
    delete_revs: list[str] = []
    for key, item in newest.items():
        base = known.get(key)
        rev = str(item.get("rev", ""))
        if base is not None and base.state == OK and base.rev == rev:
            continue  # this store already has this version
        owner = str(item.get("g2pk", "CHG#"))[4:]
        if item["PK"].startswith(TOMBSTONE_PREFIX):
            # A delete of another version than the one this store pushed itself (`drev`: the version deleted) was
            # followed by that push: it recreated the item after the delete (conditions allow nothing else), and
            # the change stands. Any other copy known here goes.
            ours = base is not None and base.rev.endswith(f"-{writer}")
            if base is not None and not (ours and item.get("drev", base.rev) != base.rev):
                deletes.append(key)
                delete_revs.append(rev)
            continue
        puts.append(strip(item))
        put_meta.append((key, rev, owner))

    def accept(current: Item | None, incoming: Item | None) -> bool:
        key = (current or incoming or {}).get("PK", ""), (current or incoming or {}).get("SK", "")
        base = known.get(key)
        clean = base is not None and base.state == OK and matches(base.digest, current)
        if incoming is None:  # a remote delete: only over a local copy nobody changed since
            return clean
        if current is None:
            return base is None  # absent here and never seen: new. A local delete not pushed yet wins.
        if clean:
            return True
        if base is None and digest(current) == digest(incoming):
            return True
        return upd_of(incoming) >= upd_of(
            current
        )  # both changed: the newer by `upd`, ties to the remote (as push)

    applied = store.ledger.apply_remote(puts, deletes, accept) if (puts or deletes) else []
    rows: list[tuple[str, str, Known | None]] = []
    for (key, rev, owner), item, ok in zip(put_meta, puts, applied[: len(puts)], strict=True):
        if ok:
            rows.append((*key, Known(rev, digest(item), owner, OK)))
            result.pulled += 1
        else:
            result.kept_local += 1
    for key, ok in zip(deletes, applied[len(puts) :], strict=True):
        if ok:
            rows.append((*key, None))
            result.pulled += 1
    if rows:
        store.remember(rows)
