"""Writes straight to DynamoDB (store = "dynamodb") carry what a syncing machine needs to pull them.

A worker or app on the DynamoDB store writes histories and problems without an outbox. So that a machine syncing a
SQLite store still sees them (sync/pull.py), every write to a syncable partition is stamped as a push stamps it:
`rev` (a new version), `g2pk` (`CHG#<owner>`) and `g2sk` (`<writer>#<number>`), and the number is published in the
owner's registry once every write up to it has answered. A delete leaves a tombstone, as a push's delete does.

- The writer id is `direct-<home id>-<slot>`: stable per home and process slot (a lock file), so the registries do
  not gain an entry each time a worker starts, and two processes of one home never share a number sequence.
- Numbers are microseconds (strictly increasing in the process; never below the last one this slot published, kept in
  the slot's file, so a clock set back does not hide new writes below an old published number).
- Threads write at once: a number is published only when no write with a lower number is still in flight (the
  lowest in-flight number minus one), since a puller moves past what is published (sync/pull.py).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from algoitny_tui.storage.dynamodb_table import DynamoDBTable
from algoitny_tui.storage.table import Cond, ConditionFailed, Item, Update
from algoitny_tui.sync.versions import (
    REGISTRY_SK,
    SHARED_OWNER,
    SYNC_ATTRIBUTES,
    TOMBSTONE_PREFIX,
    change_pk,
    change_sk,
    is_syncable,
    owner_of,
    registry_pk,
)

MAX_SLOTS = 64


class WriterSlot:
    """This process's writer id, held by a lock file in the data dir, and the last number it published."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        id_file = data_dir / "dynamodb-writer-id"
        if not id_file.exists():
            tmp = id_file.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(secrets.token_hex(4))
            with contextlib.suppress(FileExistsError):  # another process of this home made it first: theirs
                os.link(tmp, id_file)
            tmp.unlink()
        home_id = id_file.read_text().strip()
        for slot in range(MAX_SLOTS):
            fd = os.open(data_dir / f"dynamodb-writer-{slot}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            self._fd = fd  # held (and the slot with it) until the process ends
            self.writer = f"direct-{home_id}-{slot}"
            self._saved = self.last_published()
            return
        raise RuntimeError(f"more than {MAX_SLOTS} processes write to DynamoDB from {data_dir}")

    def last_published(self) -> int:
        os.lseek(self._fd, 0, os.SEEK_SET)
        text = os.read(self._fd, 64).decode("ascii", "replace").strip()
        return int(text) if text.isdigit() else 0

    def save_published(self, number: int) -> None:
        if number > self._saved:
            self._saved = number
            os.ftruncate(self._fd, 0)
            os.pwrite(self._fd, str(number).encode("ascii"), 0)


class ChangeNumbers:
    """Numbers for direct writes and which of them may be published (none lower is still in flight)."""

    def __init__(self, floor: int) -> None:
        self._lock = threading.Lock()
        self._last = floor
        self._in_flight: set[int] = set()
        self._waiting: dict[str, int] = {}  # owner -> highest number written for it and not published yet
        self._published: dict[str, int] = {}

    def begin(self) -> int:
        with self._lock:
            self._last = max(time.time_ns() // 1000, self._last + 1)
            self._in_flight.add(self._last)
            return self._last

    def end(self, number: int, owners: Sequence[str]) -> dict[str, int]:
        """The write `number` answered (for `owners`); returns owner -> number to publish now."""
        with self._lock:
            self._in_flight.discard(number)
            for owner in owners:
                self._waiting[owner] = max(self._waiting.get(owner, 0), number)
            settled = min(self._in_flight) - 1 if self._in_flight else self._last
            ready = {o: settled for o, n in self._waiting.items() if n <= settled}
            for owner in ready:
                del self._waiting[owner]
            return ready

    def mark_published(self, owner: str, number: int) -> bool:
        """False when a higher number was published for this owner meanwhile (then this one is not needed)."""
        with self._lock:
            if self._published.get(owner, 0) >= number:
                return False
            self._published[owner] = number
            return True


class SyncedDynamoDBTable(DynamoDBTable):
    """The store for store = "dynamodb": DynamoDBTable, with writes to histories and problems stamped for sync."""

    def __init__(self, table_name: str, *, data_dir: Path, default_owner: str, **kwargs: Any) -> None:
        super().__init__(table_name, **kwargs)
        self._data_dir = data_dir
        self._default_owner = default_owner
        self._slot: WriterSlot | None = None
        self._numbers: ChangeNumbers | None = None
        self._publish_lock = threading.Lock()
        self._owners: dict[str, str] = {}  # PK -> owner, for chunks and updates of items written or read here
        self._setup_lock = threading.Lock()

    # -- numbering ----------------------------------------------------------------------------------------------

    @property
    def writer(self) -> str:
        return self._writer_slot().writer

    def _writer_slot(self) -> WriterSlot:
        with self._setup_lock:
            if self._slot is None:
                self._slot = WriterSlot(self._data_dir)
                self._numbers = ChangeNumbers(self._slot.last_published())
            return self._slot

    @contextmanager
    def _change(self) -> Iterator[tuple[int, list[str]]]:
        """A number for one write; the caller appends the owners written. Published once settled."""
        slot = self._writer_slot()
        assert self._numbers is not None
        number = self._numbers.begin()
        owners: list[str] = []
        try:
            yield number, owners
        finally:
            ready = self._numbers.end(number, owners)
            if ready:
                self._publish(slot, ready)

    def _publish(self, slot: WriterSlot, ready: dict[str, int]) -> None:
        assert self._numbers is not None
        with self._publish_lock:  # in order: a lower number never lands after a higher one
            for owner, number in ready.items():
                if self._numbers.mark_published(owner, number):
                    super().update(registry_pk(owner), REGISTRY_SK, Update(set={f"w.{slot.writer}": number}))
                    slot.save_published(number)

    def _stamp(self, item: Item, owner: str, number: int) -> Item:
        stamped = {k: v for k, v in item.items() if k not in SYNC_ATTRIBUTES}
        stamped.update(
            rev=f"{number:016d}-{self.writer}", g2pk=change_pk(owner), g2sk=change_sk(self.writer, number)
        )
        return stamped

    def _owner(self, item: Item | None, pk: str) -> str:
        """The owner of an item of partition `pk` (a chunk takes its main item's)."""
        if pk.startswith("PROB#"):
            return SHARED_OWNER
        owner = owner_of(item) if item is not None else None
        if owner is None:
            owner = self._owners.get(pk)
        if owner is None:
            main = super().get(pk, "META")
            owner = (owner_of(main) if main else None) or self._default_owner
        self._owners[pk] = owner
        return owner

    # -- writes -------------------------------------------------------------------------------------------------

    def put(self, item: Item, *, conditions: Sequence[Cond] = ()) -> None:
        if not is_syncable(str(item.get("PK", ""))):
            return super().put(item, conditions=conditions)
        owner = self._owner(item, item["PK"])
        with self._change() as (number, owners):
            super().put(self._stamp(item, owner, number), conditions=conditions)
            owners.append(owner)

    def update(self, pk: str, sk: str, update: Update, *, conditions: Sequence[Cond] = ()) -> Item:
        if not is_syncable(pk):
            return super().update(pk, sk, update, conditions=conditions)
        with self._change() as (number, owners):
            rev = f"{number:016d}-{self.writer}"
            stamped = Update(
                set={**update.set, "rev": rev, "g2sk": change_sk(self.writer, number)},
                add=dict(update.add),
                remove=list(update.remove),
            )
            result = super().update(pk, sk, stamped, conditions=conditions)
            owner = str(result.get("g2pk", ""))[len("CHG#") :] or self._owner(result, pk)
            if "g2pk" not in result:  # an item written before direct writes were stamped: index it now
                with contextlib.suppress(ConditionFailed):  # written again meanwhile: stamped by that write
                    result = super().update(
                        pk, sk, Update(set={"g2pk": change_pk(owner)}), conditions=[Cond("rev", "eq", rev)]
                    )
            owners.append(owner)
            return result

    def delete(self, pk: str, sk: str, *, conditions: Sequence[Cond] = ()) -> None:
        if not is_syncable(pk):
            return super().delete(pk, sk, conditions=conditions)
        owner = self._owner(None, pk)
        with self._change() as (number, owners):
            super().delete(pk, sk, conditions=conditions)
            super().put(self._tombstone(pk, sk, owner, number))
            owners.append(owner)

    def batch_write(self, puts: Sequence[Item] = (), deletes: Sequence[tuple[str, str]] = ()) -> None:
        if not any(is_syncable(str(i.get("PK", ""))) for i in puts) and not any(
            is_syncable(pk) for pk, _ in deletes
        ):
            return super().batch_write(puts, deletes)
        with self._change() as (number, owners):
            stamped: list[Item] = []
            for item in puts:
                if is_syncable(item["PK"]):
                    owner = self._owner(item, item["PK"])
                    owners.append(owner)
                    item = self._stamp(item, owner, number)
                stamped.append(item)
            for pk, sk in deletes:
                if is_syncable(pk):
                    owner = self._owner(None, pk)
                    owners.append(owner)
                    stamped.append(self._tombstone(pk, sk, owner, number))
            super().batch_write(stamped, deletes)
            owners[:] = sorted(set(owners))

    def _tombstone(self, pk: str, sk: str, owner: str, number: int) -> Item:
        return {
            "PK": TOMBSTONE_PREFIX + pk,
            "SK": sk,
            "tp": "del",
            "rev": f"{number:016d}-{self.writer}",
            "g2pk": change_pk(owner),
            "g2sk": change_sk(self.writer, number),
        }
