"""The small Table protocol every repository is written over, and its shared vocabulary.

An item is a plain dict: the envelope `PK`, `SK`, `tp`, `dat`, `crt`, `upd`, plus the index attributes of `INDEXES`.
Values are str, int, float, bool, None, bytes (compressed text), lists and dicts of those. Both tables (SQLite and
DynamoDB) store and return exactly these values: DynamoDB's Decimal comes back as int or float, Binary as bytes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

Item = dict[str, Any]

# Global secondary indexes: name -> (partition key attribute, sort key attribute). Both are strings.
#   gsi1 lists things in order: a user's histories (USER#<uidt> / HIST#<id>), problems (PROBS / <platform>#<no>),
#        jobs by status (JOBS#<status> / <heartbeat>#<id>).
#   gsi2 finds what changed for an owner since a point in time, for sync (CHG#<owner> / <rev>).
INDEXES: dict[str, tuple[str, str]] = {
    "gsi1": ("g1pk", "g1sk"),
    "gsi2": ("g2pk", "g2sk"),
}

KEY_ATTRIBUTES = ("PK", "SK")
"""Attributes that name an item; never updated in place."""


class StoreError(Exception):
    """Base of every storage error."""


class ConditionFailed(StoreError):
    """A conditional write found the item in another state than the condition asked for."""


class StoreCorrupt(StoreError):
    """The store cannot be read (a damaged file, or one from a newer app version). It is left untouched."""


class ItemTooLarge(StoreError):
    """An item is still too large for the store after compression; the caller must split it."""


@dataclass(frozen=True)
class Cond:
    """A condition on one attribute of the stored item, checked atomically with the write.

    `path` is an attribute name or a dotted path into `dat` (e.g. `dat.sts`).
    """

    path: str
    op: Literal["exists", "not_exists", "eq", "ne", "lt", "le", "gt", "ge"]
    value: Any = None


def check_page_limit(limit: int | None) -> None:
    """A query's page size: none (the whole partition) or at least one item, on every store."""
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")


def item_exists() -> Cond:
    return Cond("PK", "exists")


def item_absent() -> Cond:
    return Cond("PK", "not_exists")


@dataclass
class Page:
    """One page of a query: the items and, when more remain, the cursor to pass as `start_after`."""

    items: list[Item]
    cursor: dict[str, Any] | None = None


@dataclass
class Update:
    """A targeted update: set some attributes (dotted paths into `dat` allowed), add to numeric ones, remove some."""

    set: dict[str, Any] = field(default_factory=dict)
    add: dict[str, int | float] = field(default_factory=dict)
    remove: list[str] = field(default_factory=list)


@runtime_checkable
class Table(Protocol):
    """What a store must offer. Repositories use nothing else."""

    def create_if_missing(self) -> bool:
        """Create the table (and its indexes) when it does not exist; True when it was created now."""
        ...

    def get(self, pk: str, sk: str) -> Item | None: ...

    def put(self, item: Item, *, conditions: Sequence[Cond] = ()) -> None:
        """Write the whole item; raise ConditionFailed when a condition does not hold."""
        ...

    def update(self, pk: str, sk: str, update: Update, *, conditions: Sequence[Cond] = ()) -> Item:
        """Apply a targeted update atomically and return the item as it is afterwards.

        An item that does not exist is created from the update's fields (as DynamoDB's UpdateItem does), unless a
        condition forbids it.
        """
        ...

    def delete(self, pk: str, sk: str, *, conditions: Sequence[Cond] = ()) -> None: ...

    def query(
        self,
        pk: str,
        sk_prefix: str = "",
        *,
        index: str | None = None,
        descending: bool = False,
        limit: int | None = None,
        start_after: Mapping[str, Any] | None = None,
        sk_after: str | None = None,
    ) -> Page:
        """Items whose partition key is `pk` and sort key starts with `sk_prefix`, in sort-key order.

        With `index`, `pk`/`sk_prefix` are matched against that index's attributes. `sk_after` keeps only sort keys
        greater than it (for "changed since" queries). `limit` caps the page; `cursor` of the page continues it.
        """
        ...

    def query_all(
        self,
        pk: str,
        sk_prefix: str = "",
        *,
        index: str | None = None,
        descending: bool = False,
        sk_after: str | None = None,
    ) -> Iterator[Item]:
        """Every item of `query`, page after page."""
        ...

    def batch_write(self, puts: Sequence[Item] = (), deletes: Sequence[tuple[str, str]] = ()) -> None:
        """Unconditional writes of many items, in as few requests as the store allows."""
        ...

    def check_integrity(self) -> None:
        """Raise StoreCorrupt when the store is damaged anywhere: commands call it before they write, so a write
        never lands in a damaged file (a read of an intact part would not notice the damage)."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class FieldReader(Protocol):
    """An optional capability of a table: a few attributes of every item a query would return, without reading
    whole items. The SQLite table extracts them in SQL (in C: 100,000 histories in a fraction of a second, where
    decoding every item took seconds); any other table gets the same answer from `read_fields`' generic path."""

    def read_fields(
        self,
        pk: str,
        sk_prefix: str,
        paths: Sequence[str],
        *,
        index: str | None = None,
        descending: bool = False,
    ) -> list[tuple[Any, ...]]:
        """Per item of `query_all(pk, sk_prefix, index=..., descending=...)`, in that order, the value at each of
        `paths` (as `get_path` reads it: None when missing)."""
        ...


def read_fields(
    table: Table,
    pk: str,
    sk_prefix: str,
    paths: Sequence[str],
    *,
    index: str | None = None,
    descending: bool = False,
) -> list[tuple[Any, ...]]:
    """`FieldReader.read_fields` on any table: the table's own fast path when it has one."""
    if isinstance(table, FieldReader):
        return table.read_fields(pk, sk_prefix, paths, index=index, descending=descending)
    return [
        tuple(get_path(item, path) for path in paths)
        for item in table.query_all(pk, sk_prefix, index=index, descending=descending)
    ]


def get_path(item: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path (`dat.sts`), or None when any part is missing."""
    node: Any = item
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def has_path(item: Mapping[str, Any], path: str) -> bool:
    node: Any = item
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return False
        node = node[part]
    return True


def check_conditions(item: Mapping[str, Any] | None, conditions: Sequence[Cond]) -> bool:
    """Evaluate conditions against the current item (None: absent), as DynamoDB's ConditionExpression would."""
    current: Mapping[str, Any] = item or {}
    for cond in conditions:
        present = has_path(current, cond.path)
        value = get_path(current, cond.path)
        if cond.op == "exists":
            ok = present
        elif cond.op == "not_exists":
            ok = not present
        elif cond.op == "eq":
            ok = present and value == cond.value
        elif cond.op == "ne":
            ok = not present or value != cond.value
        else:
            if not present or value is None:
                ok = False
            else:
                try:
                    ok = {
                        "lt": value < cond.value,
                        "le": value <= cond.value,
                        "gt": value > cond.value,
                        "ge": value >= cond.value,
                    }[cond.op]
                except TypeError:
                    ok = False
        if not ok:
            return False
    return True


def apply_update(item: Item | None, pk: str, sk: str, update: Update) -> Item:
    """The item after `update`, computed in memory (used by tables without a native update)."""
    new: Item = _deep_copy(item) if item else {"PK": pk, "SK": sk}
    for path, value in update.set.items():
        _set_path(new, path, _deep_copy(value))
    for path, delta in update.add.items():
        old = get_path(new, path)
        _set_path(new, path, (old or 0) + delta)
    for path in update.remove:
        parts = path.split(".")
        node: Any = new
        for part in parts[:-1]:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(parts[-1], None)
    return new


def _set_path(item: Item, path: str, value: Any) -> None:
    parts = path.split(".")
    if parts[0] in KEY_ATTRIBUTES and len(parts) == 1:
        raise ValueError(f"cannot update key attribute {path!r}")
    node = item
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    node[parts[-1]] = value


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value
