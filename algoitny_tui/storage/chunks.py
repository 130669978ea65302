"""Items too large for DynamoDB (400 KB) even with their large text compressed are split into chunk items and joined
on read: the last resort, after `compression.py`.

The main item keeps every field but the largest ones; each of those is replaced in `dat` by a marker
`{"$chunks": N}` and its (compressed) bytes go to N items `SK#CHUNK#<field>#<i>` in the same partition, so the one
query that reads a partition reads the chunks too. Nothing a user wrote is cut.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Mapping
from typing import Any

from algoitny_tui.storage.compression import compress_to_fit
from algoitny_tui.storage.item_size import ITEM_BUDGET, attribute_size, item_size
from algoitny_tui.storage.table import Item

CHUNK_BYTES = 300 * 1024
CHUNK_MARKER = "$chunks"
CHUNK_TYPE = "chunk"


def chunk_sk(sk: str, field: str, index: int) -> str:
    return f"{sk}#CHUNK#{field}#{index:04d}"


def split_item(item: Item, budget: int = ITEM_BUDGET) -> list[Item]:
    """The item itself when it fits (compressed first if it must be); otherwise the main item with markers, then its
    chunk items."""
    item = compress_to_fit(item, budget)
    if item_size(item) <= budget:
        return [item]
    main = dict(item)
    dat = dict(main["dat"])
    main["dat"] = dat
    chunks: list[Item] = []
    # Move the largest fields out first, until the main item fits.
    for field in sorted(dat, key=lambda f: attribute_size(dat[f]), reverse=True):
        if item_size(main) <= budget:
            break
        value = dat[field]
        if isinstance(value, str):
            data = zlib.compress(value.encode("utf-8", "surrogatepass"), 6)
            kind = "text"
        elif isinstance(value, bytes):
            data, kind = value, "bytes"
        else:
            continue  # lists and maps (e.g. test results) are kept small by their writers
        pieces = [data[i : i + CHUNK_BYTES] for i in range(0, len(data), CHUNK_BYTES)] or [b""]
        dat[field] = {CHUNK_MARKER: len(pieces), "k": kind}
        for index, piece in enumerate(pieces):
            chunks.append(
                {
                    "PK": item["PK"],
                    "SK": chunk_sk(item["SK"], field, index),
                    "tp": CHUNK_TYPE,
                    "dat": {"d": piece},
                    "crt": item.get("crt", 0),
                    "upd": item.get("upd", 0),
                }
            )
    return [main, *chunks]


def is_chunked(item: Mapping[str, Any]) -> bool:
    dat = item.get("dat")
    return isinstance(dat, Mapping) and any(
        isinstance(v, Mapping) and CHUNK_MARKER in v for v in dat.values()
    )


def join_items(items: Iterable[Item]) -> list[Item]:
    """Items of one partition as read (main items and chunks, any order) -> the main items, rejoined."""
    mains: dict[str, Item] = {}
    pieces: dict[tuple[str, str], dict[int, bytes]] = {}
    for item in items:
        sk = item["SK"]
        if item.get("tp") == CHUNK_TYPE and "#CHUNK#" in sk:
            base, _, rest = sk.partition("#CHUNK#")
            field, _, index = rest.rpartition("#")
            pieces.setdefault((base, field), {})[int(index)] = bytes(item["dat"]["d"])
        else:
            mains[sk] = item
    for sk, main in mains.items():
        if is_chunked(main):
            mains[sk] = _rejoin(main, pieces)
    return list(mains.values())


def _rejoin(main: Item, pieces: Mapping[tuple[str, str], Mapping[int, bytes]]) -> Item:
    joined = dict(main)
    dat = dict(joined["dat"])
    joined["dat"] = dat
    for field, marker in list(dat.items()):
        if not (isinstance(marker, Mapping) and CHUNK_MARKER in marker):
            continue
        count = int(marker[CHUNK_MARKER])
        parts = pieces.get((main["SK"], field), {})
        missing = [i for i in range(count) if i not in parts]
        if missing:
            raise ValueError(
                f"item {main['PK']}/{main['SK']}: field dat.{field} is missing chunk(s) {missing} of {count}"
            )
        data = b"".join(parts[i] for i in range(count))
        dat[field] = (
            zlib.decompress(data).decode("utf-8", "surrogatepass") if marker.get("k") == "text" else data
        )
    return joined


def chunk_keys(item: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Keys of the chunk items a (stored, split) main item refers to, for deleting them."""
    dat = item.get("dat")
    keys: list[tuple[str, str]] = []
    if isinstance(dat, Mapping):
        for field, marker in dat.items():
            if isinstance(marker, Mapping) and CHUNK_MARKER in marker:
                keys.extend(
                    (item["PK"], chunk_sk(item["SK"], field, i)) for i in range(int(marker[CHUNK_MARKER]))
                )
    return keys
