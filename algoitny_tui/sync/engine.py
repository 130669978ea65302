"""One sync of the local store with DynamoDB: push the outbox, publish, pull; and the state the status bar shows.

`sync_once` is what `algoitny sync` and the app's background sync call (after each submission, and every
`settings.sync_interval_s` when `settings.sync == "on"`). It never raises for remote trouble: errors land in the
report (what failed, and that it is retried on the next sync), and the outbox keeps every change not yet pushed.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from algoitny_tui.config import Settings
from algoitny_tui.storage.sqlite_table import SQLiteTable
from algoitny_tui.storage.stats_repository import StatsRepository
from algoitny_tui.sync.outbox import changes_after
from algoitny_tui.sync.state import (
    META_FULL,
    META_LAST_AT,
    META_LAST_ERROR,
    META_PENDING,
    META_TABLE,
    SyncStore,
    sync_lock,
)
from algoitny_tui.sync.versions import SHARED_OWNER, SYNCABLE_PREFIXES, user_owner

if TYPE_CHECKING:
    from algoitny_tui.storage.dynamodb_table import DynamoDBTable

log = logging.getLogger(__name__)

_verified_tables: set[str] = set()  # tables this process has seen ACTIVE with their indexes
THREADS = 8  # parallel requests: enough to hide a region's latency, few enough for DynamoDB Local on 2 cores


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    created_table: bool = False
    errors: list[str] = field(default_factory=list)
    pending: int = 0
    conflicts: int = 0  # remote versions that were newer than a local change and replaced it here
    skipped: bool = False  # another sync of this store was running
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors and self.pending == 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SyncState:
    """What the status bar shows: cheap to read (a few meta rows and an index range of the outbox)."""

    last_sync_at: float | None
    pending: int
    last_error: str | None


def sync_status(local: SQLiteTable) -> SyncState:
    store = SyncStore(local)
    try:
        last = store.ledger.get_meta(META_LAST_AT)
        return SyncState(
            last_sync_at=float(last) if last else None,
            pending=store.pending_count(),
            last_error=store.ledger.get_meta(META_LAST_ERROR) or None,
        )
    finally:
        store.close()


def open_remote(settings: Settings) -> DynamoDBTable:
    """The DynamoDB table of the settings. Credentials: boto3's usual chain (environment, profile, ...).

    Parameter validation is off: it walks every attribute of every item and doubles the client's CPU per item,
    and our requests are built by code, not by hand."""
    from algoitny_tui.storage.dynamodb_table import DynamoDBTable

    return DynamoDBTable(
        settings.dynamodb_table,
        region=settings.dynamodb_region,
        endpoint_url=settings.dynamodb_endpoint,
        client_config={"parameter_validation": False, "max_pool_connections": THREADS * 2},
    )


def _table_identity(remote: DynamoDBTable) -> str:
    return f"{remote.endpoint_url or 'aws'}|{remote.region}|{remote.table_name}"


def ensure_table(remote: DynamoDBTable) -> bool:
    """Create the table (or a missing index) when absent and check its schema; True when something was created.

    Raises SchemaMismatch when an existing table has other keys or indexes (see storage/dynamodb_schema.py)."""
    created = remote.create_if_missing()
    _verified_tables.add(_table_identity(remote))
    return created


def sync_once(
    settings: Settings, local: SQLiteTable, remote: DynamoDBTable, *, table_created: bool = False
) -> SyncReport:
    """`table_created`: the caller has just created the table (`ensure_table`), so it holds none of our items."""
    started = time.perf_counter()
    report = SyncReport()
    with sync_lock(local) as mine:
        if not mine:
            report.skipped = True
            report.errors.append("another sync of this store is running; this one was skipped")
            store = SyncStore(local)
            report.pending = store.pending_count()
            store.close()
            return report
        store = SyncStore(local)
        try:
            _sync(settings, local, store, remote, report, table_created)
        except Exception as exc:  # noqa: BLE001 - a sync never takes the app down; the report says what failed
            from algoitny_tui.sync.wire import describe_error

            report.errors.append(
                f"sync stopped: {describe_error(exc)}; every change not pushed stays in the "
                "outbox and is retried on the next sync"
            )
        finally:
            try:
                report.pending = store.pending_count()
                store.ledger.set_meta(META_LAST_AT, f"{time.time():.3f}")
                store.ledger.set_meta(META_LAST_ERROR, "; ".join(report.errors))
                store.ledger.set_meta(META_PENDING, str(report.pending))
            finally:
                store.close()
    if report.errors:
        _verified_tables.discard(_table_identity(remote))
    report.seconds = round(time.perf_counter() - started, 4)
    for error in report.errors:
        log.warning("sync: %s", error)
    return report


def _sync(
    settings: Settings,
    local: SQLiteTable,
    store: SyncStore,
    remote: DynamoDBTable,
    report: SyncReport,
    table_created: bool,
) -> None:
    from algoitny_tui.sync.pull import publish, pull
    from algoitny_tui.sync.push import Pusher

    identity = _table_identity(remote)
    # DescribeTable costs three round trips: check once per process, and again after any sync with errors
    # (the table may be gone: an in-memory DynamoDB Local restarted, someone deleted it).
    created = table_created
    if identity not in _verified_tables:
        created = ensure_table(remote) or created
    report.created_table = created
    synced_before = store.cursor() > 0
    if synced_before and (created or store.ledger.get_meta(META_TABLE) != identity):
        # The table was lost or replaced (an in-memory DynamoDB Local restarted, another table configured):
        # forget what we knew of it and push every syncable item again, each conditional (others may be back).
        store.forget_remote()
        store.ledger.set_meta(META_FULL, "1")
    store.ledger.set_meta(META_TABLE, identity)
    writer = store.writer()
    push_no = store.next_push()
    full = store.ledger.get_meta(META_FULL) == "1"
    if full:
        end = store.ledger.last_change()
        keys = [k for prefix in SYNCABLE_PREFIXES for k in store.ledger.keys(prefix)]
        first_seq = {k: store.cursor() + 1 for k in keys}
    else:
        changes = changes_after(store.ledger, store.cursor())
        end, first_seq = changes.last_seq, changes.keys
        keys = list(first_seq)
    with ThreadPoolExecutor(THREADS, thread_name_prefix="algoitny-sync") as pool:
        pusher = Pusher(
            local,
            store,
            remote,
            pool,
            writer=writer,
            push_no=push_no,
            default_owner=user_owner(settings.user),
            all_conditional=full,
        )
        pushed = pusher.push(keys)
        report.pushed = pushed.pushed
        report.conflicts = pushed.remote_won
        if pushed.failed:
            report.errors.append(
                f"push: {len(pushed.failed)} items not written ({'; '.join(pushed.errors) or 'conflicts'}); "
                "they stay in the outbox and are retried on the next sync"
            )
        if pushed.owners:
            publish(remote, sorted(pushed.owners), writer, push_no)
        # The cursor moves past everything pushed; a failed key holds it back at its first change.
        held = [first_seq[k] for k in pushed.failed if k in first_seq]
        store.set_cursor(min(held) - 1 if held else end)
        if full and not pushed.failed:
            store.ledger.set_meta(
                META_FULL, ""
            )  # a failed full push stays full: its keys are not in the outbox range
        pulled = pull(
            local, store, remote, pool, writer=writer, owners=[user_owner(settings.user), SHARED_OWNER]
        )
        report.pulled = pulled.pulled
        if pulled.pulled:  # pulled histories may be older than the newest one: stored stats would miss them
            StatsRepository(local).invalidate(settings.user)
        report.errors += pulled.errors
