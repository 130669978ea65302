"""Compression only where an item would otherwise be too large for DynamoDB.

An item that fits `ITEM_BUDGET` is stored with the seed's value types: every text a string, as the original backend
reads it. One that does not fit has its largest text fields (`codec.COMPRESSIBLE`: code, outputs, error output,
test data, statements) replaced by the zlib of their UTF-8, as binary, largest first until it fits, and their paths
listed in `dat.zfl` (e.g. `["cod", "trs.3.out"]`), so a reader knows what to decompress:
`zlib.decompress(value).decode("utf-8")`. Whatever still does not fit goes to chunk items (`chunks.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from algoitny_tui.codec import COMPRESSED_FIELDS, COMPRESSIBLE, compress_text
from algoitny_tui.storage.item_size import ITEM_BUDGET, attribute_size, item_size
from algoitny_tui.storage.table import Item

MIN_COMPRESS_BYTES = 1024
"""Smaller text saves too little to be worth a reader's decompression."""


def compress_to_fit(item: Item, budget: int = ITEM_BUDGET) -> Item:
    """The item itself when it fits; otherwise a copy with its largest text fields compressed and listed in
    `dat.zfl`, as few as needed (it may still not fit: then the caller splits it into chunks)."""
    size = item_size(item)
    if size <= budget or not isinstance(item.get("dat"), dict):
        return item
    dat = _copy(item["dat"])
    compressed: list[str] = []
    for path, holder, key, raw_size in sorted(_texts(dat, ""), key=lambda t: t[3], reverse=True):
        if size <= budget:
            break
        packed = compress_text(holder[key])
        if len(packed) >= raw_size:
            continue  # text that does not shrink stays a string
        holder[key] = packed
        compressed.append(path)
        size -= raw_size - len(packed)
    if not compressed:
        return item
    dat[COMPRESSED_FIELDS] = compressed
    return {**item, "dat": dat}


def _texts(node: Any, path: str) -> Iterator[tuple[str, Any, Any, int]]:
    """(path, holder, key, bytes) of every compressible text field large enough, at any depth of `dat`."""
    if isinstance(node, dict):
        for key, value in node.items():
            where = f"{path}.{key}" if path else key
            if isinstance(value, str) and key in COMPRESSIBLE:
                size = attribute_size(value)
                if size >= MIN_COMPRESS_BYTES:
                    yield where, node, key, size
            else:
                yield from _texts(value, where)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{path}.{index}")


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
