"""The key schema and indexes the app needs in its DynamoDB table, and what an existing table does differently.

`algoitny sync` creates a missing table with this schema and adds a missing index; anything else that differs
(another key, an index over other attributes, an index that does not copy every attribute) cannot be changed in
place, so it is reported, each difference on its own line, before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from algoitny_tui.storage.table import INDEXES, KEY_ATTRIBUTES


def _keys(schema: Any) -> dict[str, str]:
    """{"HASH": name, "RANGE": name} of a KeySchema."""
    return {str(k.get("KeyType")): str(k.get("AttributeName")) for k in schema or []}


def _describe_keys(keys: Mapping[str, str]) -> str:
    return (
        " + ".join(
            f"{keys[kind]} ({'partition' if kind == 'HASH' else 'sort'})"
            for kind in ("HASH", "RANGE")
            if kind in keys
        )
        or "none"
    )


def schema_differences(desc: Mapping[str, Any]) -> list[str]:
    """What differs between a described table (DescribeTable's `Table`) and the schema the app writes.

    Missing indexes are not listed: `create_if_missing` adds them."""
    differences: list[str] = []
    types = {
        str(a.get("AttributeName")): str(a.get("AttributeType")) for a in desc.get("AttributeDefinitions", [])
    }
    wanted = {"HASH": KEY_ATTRIBUTES[0], "RANGE": KEY_ATTRIBUTES[1]}
    keys = _keys(desc.get("KeySchema"))
    if keys != wanted:
        differences.append(f"key schema is {_describe_keys(keys)}; the app needs {_describe_keys(wanted)}")
    indexes = {str(g.get("IndexName")): g for g in desc.get("GlobalSecondaryIndexes", [])}
    for name, (pk_attr, sk_attr) in INDEXES.items():
        index = indexes.get(name)
        if index is None:
            continue
        want = {"HASH": pk_attr, "RANGE": sk_attr}
        have = _keys(index.get("KeySchema"))
        if have != want:
            differences.append(
                f"index {name} has key {_describe_keys(have)}; the app needs {_describe_keys(want)}"
            )
        projection = (index.get("Projection") or {}).get("ProjectionType")
        if projection != "ALL":
            differences.append(
                f"index {name} projects {projection or 'nothing'}; the app needs ALL attributes"
            )
    for attr in sorted({*wanted.values(), *(a for pair in INDEXES.values() for a in pair)}):
        if attr in types and types[attr] != "S":
            differences.append(f"attribute {attr} is of type {types[attr]}; the app needs S (string)")
    return differences
