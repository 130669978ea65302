"""What sync adds to an item, and how versions compare.

Versions are push-time stamps, not write-time ones: the SQLite table stores items exactly as repositories write
them (its contract tests compare items byte for byte), so no attribute can be added at write time. Instead:

- `rev` (top-level, remote only): `<16-digit microseconds>-<writer>`, stamped when a push writes the item. It names
  one remote version; it is unique, so it works as a compare-and-swap token.
- The local side remembers, per key, the `rev` its copy is based on and a digest of that copy (`state.Known`). A
  local item whose digest differs has been written locally since (it is "dirty"). Two kinds of digest, told apart
  by their form (`matches` compares either): a push records `body_digest`, a hash of the stored JSON body as it
  was sent (cheap: the body is hashed as read, never re-encoded); everything else, and every comparison between a
  local and a remote copy (whose attribute order differs), uses `digest`, a hash of the content with keys sorted.
- A push replaces a remote item only when the remote still holds the version the local copy is based on (CAS on
  `rev`), or, after a conflict, when the remote version is older by `upd` than the local one. So a write never
  replaces a newer remote version; equal `upd` goes to the remote (no ping-pong).
- `g2pk` / `g2sk` (gsi2, remote only): `CHG#<owner>` / `<writer>#<push number>`. Per-writer push numbers, not
  timestamps, order the index: a puller reads each other writer's range above what it has seen, and a push that
  lands late (retries, clock skew) still lands inside a range nobody has read past (see pull.py).
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import time
from collections.abc import Mapping
from typing import Any

from algoitny_tui.codec import history_user_of
from algoitny_tui.storage.sqlite_table import encode_body
from algoitny_tui.storage.table import Item

SYNC_ATTRIBUTES = ("rev", "g2pk", "g2sk")
"""Attributes only the remote copy has; stripped from pulled items so local items stay as repositories wrote them."""

SYNCABLE_PREFIXES = ("HIST#", "PROB#")
"""Partitions that sync: histories (hist + chunks) and problems (prob, tc + chunks). Jobs, progress, stats, the
pack marker and legacy ids stay local."""

SHARED_OWNER = "PROBS"
"""Owner of problems and test cases: every user's pull reads them."""

TOMBSTONE_PREFIX = "DEL#"
"""A remote delete leaves `DEL#<PK>` / `<SK>` so pullers learn of it (it lives in its own partition, so readers of
the real partition never meet it)."""

REGISTRY_PREFIX = "SYNC#"
REGISTRY_SK = "WRITERS"
"""`SYNC#<owner>` / `WRITERS`: `w` maps each writer to the last push number it completed for that owner."""


def is_syncable(pk: str) -> bool:
    return pk.startswith(SYNCABLE_PREFIXES)


def user_owner(user_identifier: str) -> str:
    return f"USER#{user_identifier}"


def owner_of(item: Mapping[str, Any]) -> str | None:
    """The owner a main item (hist/prob/tc) belongs to; None for chunks (they take their main item's owner)."""
    if item["PK"].startswith("PROB#"):
        return SHARED_OWNER
    user = history_user_of(item)
    return user_owner(user) if user else None


def change_pk(owner: str) -> str:
    return f"CHG#{owner}"


def change_sk(writer: str, push: int) -> str:
    return f"{writer}#{push:012d}"


def registry_pk(owner: str) -> str:
    return f"{REGISTRY_PREFIX}{owner}"


class RevClock:
    """Strictly increasing revs for this process: microseconds, bumped past the last one handed out."""

    def __init__(self) -> None:
        self._last = 0
        self._lock = threading.Lock()

    def next(self, writer: str) -> str:
        with self._lock:
            self._last = max(time.time_ns() // 1000, self._last + 1)
            return f"{self._last:016d}-{writer}"


revs = RevClock()


def strip(item: Mapping[str, Any]) -> Item:
    return {k: v for k, v in item.items() if k not in SYNC_ATTRIBUTES}


def digest(item: Mapping[str, Any] | None) -> str:
    """A short stable digest of an item's content (sync attributes left out); "" for an absent item."""
    if item is None:
        return ""
    text = json.dumps(strip(item), sort_keys=True, separators=(",", ":"), default=_json_default)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


BODY_DIGEST_PREFIX = "b:"


def body_digest(body: str) -> str:
    """The digest of a local copy from its body as SQLiteTable stored it (key order as written)."""
    return (
        BODY_DIGEST_PREFIX
        + hashlib.blake2b(body.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
    )


def matches(recorded: str, item: Mapping[str, Any] | None, body: str | None = None) -> bool:
    """Whether `item` (a local copy; its stored `body` when at hand) is the copy a recorded digest was taken of.

    A body digest is compared with the body's hash: an item read from the store encodes back to exactly the stored
    body (JSON round trip, binary values to the same base64), so `encode_body(item)` stands in when no body is at
    hand."""
    if recorded.startswith(BODY_DIGEST_PREFIX):
        if body is None:
            if item is None:
                return False
            body = encode_body(item)
        return recorded == body_digest(body)
    return recorded == digest(item)


def _json_default(value: Any) -> Any:
    if isinstance(value, bytes | bytearray):
        return {"$b": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, set):
        return sorted(value, key=repr)
    raise TypeError(f"cannot digest {type(value).__name__}")


def upd_of(item: Mapping[str, Any] | None) -> int:
    value = (item or {}).get("upd", 0)
    return int(value) if isinstance(value, int | float) else 0
