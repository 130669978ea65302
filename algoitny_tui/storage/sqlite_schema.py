"""The one owner of the SQLite store's schema: the items, the outbox every write records its key in, the meta
rows, and sync's bookkeeping (what the remote holds, how far each writer's changes were pulled).

Every statement is `IF NOT EXISTS`: a store file made before a table was added gets it on its next open."""

from __future__ import annotations

from algoitny_tui.storage.table import INDEXES

APPLICATION_ID = 0x616C676F  # "algo": marks the file as ours
SCHEMA_VERSION = 1

INDEX_COLUMNS = [col for pair in INDEXES.values() for col in pair]

_INDEX_STATEMENTS = "".join(
    f"CREATE INDEX IF NOT EXISTS {name} ON items({p}, {s}, pk, sk) WHERE {p} IS NOT NULL AND {s} IS NOT NULL;"
    for name, (p, s) in INDEXES.items()
)

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS items (
    pk TEXT NOT NULL,
    sk TEXT NOT NULL,
    {", ".join(f"{c} TEXT" for c in INDEX_COLUMNS)},
    body TEXT NOT NULL,
    PRIMARY KEY (pk, sk)
) WITHOUT ROWID;
{_INDEX_STATEMENTS}
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    pk TEXT NOT NULL,
    sk TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sync_known (
    pk TEXT NOT NULL, sk TEXT NOT NULL, rev TEXT NOT NULL, digest TEXT NOT NULL, owner TEXT NOT NULL,
    state TEXT NOT NULL, PRIMARY KEY (pk, sk)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sync_pull (
    owner TEXT NOT NULL, writer TEXT NOT NULL, wm INTEGER NOT NULL, pend INTEGER, pend_at REAL,
    PRIMARY KEY (owner, writer)
) WITHOUT ROWID;
"""
"""`sync_known`: per key, the remote version (`rev`) the local copy is based on, a digest of that copy, its owner,
and whether the last push of it is confirmed or sent without an answer yet. `sync_pull`: per (owner, writer), how
far this store has read that writer's changes."""


def statements() -> list[str]:
    return [s for s in SCHEMA.split(";") if s.strip()]
