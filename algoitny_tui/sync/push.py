"""Push: local changes to DynamoDB, in batches, never replacing a newer remote version.

The mix, and why:
- A history this store created and never saw remotely (no `sync_known` row) cannot exist remotely: its id is a
  microsecond timestamp claimed with a conditional create, and nobody else pushes it before we do. Those items (the
  bulk: one per submission, and all of them on a first sync) go by BatchWriteItem, 25 a call, several calls in
  parallel: the fastest write DynamoDB has. Each is marked `sent` (with its rev) before the call, so a crash or a
  lost answer never lets it go blind a second time: the next attempt is conditional on that rev.
- Everything else may exist remotely with a version we have not seen (problems imported on two machines, a
  history whose hints were added on another machine): those go by TransactWriteItems, up to 100 writes a call,
  each with `attribute_not_exists(PK)` (never seen) or `attribute_not_exists(PK) OR rev = :base` (the version our
  copy is based on). A failed condition is a conflict: we read the remote version and keep the newer by `upd`
  (ties to the remote); when ours is newer we write it once more, conditional on the version we just read.
- Deletes go as a conditional Delete plus a tombstone (`DEL#<PK>`) in the same transaction, so pullers learn of them.
Parallel calls pay off through latency (a real region adds ~10 ms a call); on DynamoDB Local the client's CPU is the
limit, so the per-item work is kept small: the bodies of a round of keys come from SQLite in a few queries, each is
parsed once with plain `json.loads` (binary values stay base64, as stored), digested, and written straight to
DynamoDB's JSON text (`wire.item_json`) for the BatchWriteItem bodies; only items that go by transaction are decoded
fully. Rounds are planned while the previous round is in flight.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from algoitny_tui.storage.chunks import item_size
from algoitny_tui.storage.sqlite_table import SQLiteTable, decode_body
from algoitny_tui.storage.table import Item
from algoitny_tui.sync import wire
from algoitny_tui.sync.state import OK, SENT, Known, SyncStore
from algoitny_tui.sync.versions import (
    SHARED_OWNER,
    SYNC_ATTRIBUTES,
    TOMBSTONE_PREFIX,
    body_digest,
    change_pk,
    change_sk,
    digest,
    matches,
    owner_of,
    revs,
    strip,
    upd_of,
)

if TYPE_CHECKING:
    from algoitny_tui.storage.dynamodb_table import DynamoDBTable

ROUND = 2000  # keys planned at a time (their rows read in a few queries); the next is planned while this one is sent
FLUSH = 100  # new histories go to the senders every FLUSH items (recorded `sent` first), not once a round

Key = tuple[str, str]


@dataclass
class PushResult:
    pushed: int = 0
    remote_won: int = 0  # conflicts where the remote version was newer and came back to this store
    failed: set[Key] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    owners: set[str] = field(
        default_factory=set
    )  # owners with a write attempted in this push (see engine.publish)


@dataclass
class _Planned:
    key: Key
    body: str | None  # the local item as stored (SQLiteTable's JSON); None: a delete
    rev: str
    digest: str
    owner: str
    _item: Item | None = None

    @property
    def local(self) -> Item | None:
        """The local item, decoded (binary values as bytes); None for a delete."""
        if self._item is None and self.body is not None:
            self._item = decode_body(self.body)
        return self._item


@dataclass
class _Round:
    planned: dict[Key, _Planned] = field(default_factory=dict)
    futures: list[Future[wire.WriteResult]] = field(default_factory=list)


class Pusher:
    def __init__(
        self,
        local: SQLiteTable,
        store: SyncStore,
        remote: DynamoDBTable,
        pool: ThreadPoolExecutor,
        *,
        writer: str,
        push_no: int,
        default_owner: str,
        all_conditional: bool = False,
    ) -> None:
        self.local = local
        self.store = store
        self.remote = remote
        self.pool = pool
        self.writer = writer
        self.push_no = push_no
        self.default_owner = default_owner
        self.all_conditional = all_conditional  # after the remote table was lost: nothing is known to be new
        self.result = PushResult()
        self._owner_cache: dict[str, str] = {}

    def push(self, keys: Sequence[Key]) -> PushResult:
        previous: _Round | None = None
        for start in range(0, len(keys), ROUND):
            current = self._plan_and_send(keys[start : start + ROUND])
            if previous is not None:
                self._finish(previous)
            previous = current
        if previous is not None:
            self._finish(previous)
        return self.result

    # --- planning ---------------------------------------------------------------------------------------------

    def _owner(self, item: Item, known: Known | None) -> str:
        owner = owner_of(item)
        if owner is not None:
            return owner
        pk = item["PK"]
        if pk.startswith("PROB#"):
            return SHARED_OWNER
        if pk not in self._owner_cache:  # a chunk: its main item's owner
            main = self.local.get(pk, "META")
            self._owner_cache[pk] = (main and owner_of(main)) or (
                known.owner if known else self.default_owner
            )
        return self._owner_cache[pk]

    def _plan_and_send(self, keys: Sequence[Key]) -> _Round:
        known = self.store.known(keys)
        bodies = self.store.ledger.bodies(keys)
        rnd = _Round()
        blind: list[tuple[Key, str]] = []
        conditional: list[wire.Conditional] = []
        sent_rows: list[tuple[str, str, Known | None]] = []
        change = change_sk(self.writer, self.push_no)
        for key in keys:
            body = bodies.get(key)
            base = known.get(key)
            if body is None:
                if base is None:
                    continue  # never reached the remote: nothing to delete there
                planned = _Planned(key, None, revs.next(self.writer), "", base.owner)
                rnd.planned[key] = planned
                self.result.owners.add(base.owner)
                conditional.append(self._delete(planned, base))
                continue
            # Plain JSON: binary values stay {"$b": base64}, which `digest` encodes the same as bytes and `item_json`
            # copies as DynamoDB's base64 "B" without decoding it. The digest recorded is the body's hash.
            item = json.loads(body)
            dig = body_digest(body)
            if base is not None and base.state == OK and matches(base.digest, item, body):
                continue  # the remote already holds exactly this (e.g. written by our own pull)
            owner = self._owner(item, base)
            planned = _Planned(key, body, revs.next(self.writer), dig, owner)
            rnd.planned[key] = planned
            # Published even when the write's answer is lost: it may have landed with this push number, and a
            # later push may find it already there and write nothing; pullers must still read this number.
            self.result.owners.add(owner)
            if base is None and key[0].startswith("HIST#") and not self.all_conditional:
                text = wire.item_json(
                    item,
                    skip=SYNC_ATTRIBUTES,
                    extra={"rev": planned.rev, "g2pk": change_pk(owner), "g2sk": change},
                )
                blind.append((key, text))
                sent_rows.append((*key, Known(planned.rev, dig, owner, SENT)))
                if len(blind) >= FLUSH:
                    self._send_blind(rnd, blind, sent_rows)
                    blind, sent_rows = [], []
            else:
                conditional.append(self._put(planned, self._remote_item(planned), base))
        self._send_blind(rnd, blind, sent_rows)
        for group in _transaction_groups(conditional):
            rnd.futures.append(self.pool.submit(wire.transact, self.remote, group))
        return rnd

    def _send_blind(
        self, rnd: _Round, blind: list[tuple[Key, str]], sent_rows: list[tuple[str, str, Known | None]]
    ) -> None:
        if sent_rows:
            self.store.remember(sent_rows)  # before sending: a crash leaves them `sent`, never blind again
        for start in range(0, len(blind), wire.BATCH_WRITE_MAX):
            rnd.futures.append(
                self.pool.submit(wire.batch_write, self.remote, blind[start : start + wire.BATCH_WRITE_MAX])
            )

    def _remote_item(self, planned: _Planned) -> Item:
        assert planned.local is not None
        return {
            **strip(planned.local),
            "rev": planned.rev,
            "g2pk": change_pk(planned.owner),
            "g2sk": change_sk(self.writer, self.push_no),
        }

    def _put(
        self, planned: _Planned, remote_item: Item, base: Known | None, base_rev: str | None = None
    ) -> wire.Conditional:
        base_rev = base_rev or (base.rev if base else None)
        put: dict[str, Any] = {"TableName": self.remote.table_name, "Item": wire.wire_item(remote_item)}
        if base_rev is None:
            put["ConditionExpression"] = "attribute_not_exists(PK)"
        else:
            put["ConditionExpression"] = "attribute_not_exists(PK) OR rev = :base"
            put["ExpressionAttributeValues"] = {":base": {"S": base_rev}}
        return wire.Conditional(planned.key, {"Put": put}, item_size(remote_item))

    def _delete(self, planned: _Planned, base: Known) -> wire.Conditional:
        pk, sk = planned.key
        delete = {
            "TableName": self.remote.table_name,
            "Key": {"PK": {"S": pk}, "SK": {"S": sk}},
            "ConditionExpression": "attribute_not_exists(PK) OR rev = :base",
            "ExpressionAttributeValues": {":base": {"S": base.rev}},
        }
        # `drev`: the version deleted. A puller deletes only that version (its copy may be a newer one, pushed
        # after this delete by the machine that changed it: then the change stands).
        tombstone = {
            "PK": TOMBSTONE_PREFIX + pk,
            "SK": sk,
            "tp": "del",
            "rev": planned.rev,
            "drev": base.rev,
            "g2pk": change_pk(planned.owner),
            "g2sk": change_sk(self.writer, self.push_no),
        }
        return wire.Conditional(
            planned.key,
            {"Delete": delete},
            200,
            extra=[{"Put": {"TableName": self.remote.table_name, "Item": wire.wire_item(tombstone)}}],
        )

    # --- results ----------------------------------------------------------------------------------------------

    def _finish(self, rnd: _Round) -> None:
        written: list[Key] = []
        conflicts: list[Key] = []
        for future in rnd.futures:
            res = future.result()
            written += res.written
            conflicts += res.conflicts
            if res.failed:
                self.result.failed.update(res.failed)
                if res.error and res.error not in self.result.errors:
                    self.result.errors.append(res.error)
        self._record_written([rnd.planned[k] for k in written])
        if conflicts:
            self._resolve([rnd.planned[k] for k in conflicts])

    def _record_written(self, planned: Sequence[_Planned]) -> None:
        rows: list[tuple[str, str, Known | None]] = []
        for p in planned:
            rows.append((*p.key, None if p.body is None else Known(p.rev, p.digest, p.owner, OK)))
        if rows:
            self.store.remember(rows)
        self.result.pushed += len(planned)

    def _resolve(self, planned: Sequence[_Planned]) -> None:
        """Conditions failed: someone else wrote these keys. Keep the newer version (by `upd`, ties to the remote)."""
        try:
            remote = wire.batch_get(self.remote, [p.key for p in planned])
        except Exception as exc:  # noqa: BLE001 - reported, retried next sync
            self.result.failed.update(p.key for p in planned)
            self.result.errors.append(f"reading {len(planned)} conflicting items: {wire.describe_error(exc)}")
            return
        same: list[tuple[str, str, Known | None]] = []
        ours: list[wire.Conditional] = []
        theirs: list[tuple[_Planned, Item | None]] = []
        for p in planned:
            r = remote.get(p.key)
            if r is None:
                if p.local is None:
                    same.append((*p.key, None))  # already deleted there
                else:
                    theirs.append((p, None))  # deleted remotely while we changed it: ours wins below if newer
            elif p.local is not None and digest(r) == digest(p.local):  # both with sorted keys: orders differ
                same.append(
                    (*p.key, Known(str(r.get("rev", "")), p.digest, p.owner, OK))
                )  # our own earlier write
            elif p.local is not None and upd_of(p.local) > upd_of(r):
                ours.append(self._put(p, self._remote_item(p), None, base_rev=str(r.get("rev", ""))))
            else:
                theirs.append((p, r))
        if same:
            self.store.remember(same)
        if ours:
            res = wire.transact(self.remote, ours)
            by_key = {p.key: p for p in planned}
            self._record_written([by_key[k] for k in res.written])
            left = set(res.failed) | set(res.conflicts)  # a second conflict in a row waits for the next sync
            self.result.failed.update(left)
            if res.error:
                self.result.errors.append(res.error)
        for p, r in theirs:
            if r is None:
                # Our change to an item another machine deleted: recreate it (a local edit is newer than the delete).
                assert p.local is not None
                res = wire.transact(self.remote, [self._put(p, self._remote_item(p), None)])
                self._record_written([p] if res.written else [])
                self.result.failed.update(set(res.failed) | set(res.conflicts))
            else:
                self._take_remote(p, r)

    def _take_remote(self, p: _Planned, remote: Item) -> None:
        """The remote version is newer: bring it here, unless the local item changed again meanwhile."""
        incoming = strip(remote)
        expected = p.digest

        def accept(current: Item | None, _incoming: Item | None) -> bool:
            return matches(expected, current)

        applied = self.store.ledger.apply_remote([incoming], [], accept)[0]
        if applied:
            self.store.remember([(*p.key, Known(str(remote.get("rev", "")), digest(incoming), p.owner, OK))])
            self.result.remote_won += 1
        else:
            self.result.failed.add(p.key)


def _transaction_groups(writes: Sequence[wire.Conditional]) -> list[list[wire.Conditional]]:
    """At most 100 actions and ~3.5 MB per TransactWriteItems call."""
    groups: list[list[wire.Conditional]] = []
    group: list[wire.Conditional] = []
    actions = size = 0
    for w in writes:
        n = 1 + len(w.extra)
        if group and (actions + n > wire.TRANSACT_MAX or size + w.size > wire.TRANSACT_BYTES):
            groups.append(group)
            group, actions, size = [], 0, 0
        group.append(w)
        actions += n
        size += w.size
    if group:
        groups.append(group)
    return groups
