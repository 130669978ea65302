"""How large an item is as DynamoDB counts it, and the largest item we write."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DYNAMODB_ITEM_LIMIT = 400 * 1024
ITEM_BUDGET = 350 * 1024
"""Largest item we write: the limit with room for attribute names and a later small update (hints)."""


def attribute_size(value: Any) -> int:
    """Bytes DynamoDB counts for a value (the documented rules; numbers counted generously)."""
    if value is None or isinstance(value, bool):
        return 1
    if isinstance(value, str):
        return len(value.encode("utf-8", "surrogatepass"))
    if isinstance(value, bytes | bytearray):
        return len(value)
    if isinstance(value, int | float):
        return 21  # at most 38 significant digits: 1 byte per two digits + 1
    if isinstance(value, Mapping):
        return 3 + sum(attribute_size(k) + attribute_size(v) + 1 for k, v in value.items())
    if isinstance(value, list | tuple):
        return 3 + sum(attribute_size(v) + 1 for v in value)
    return len(str(value))


def item_size(item: Mapping[str, Any]) -> int:
    return sum(len(k) + attribute_size(v) for k, v in item.items())
