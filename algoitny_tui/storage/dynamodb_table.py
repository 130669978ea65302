"""The DynamoDB table: the `Table` protocol over boto3's low-level client (AWS or DynamoDB Local).

Only the sync path, the worker and `algoitny sync` import this module; the app's start-up never does (boto3 is slow
to import). The client is created on first use.

Values: Python floats are written as Decimal(repr(f)) (exact for the shortest repr, no "inexact" errors) and every
number comes back as int when integral (up to 38 digits), else float; so a float such as 2.0 reads back as the int 2
(DynamoDB keeps one number type and normalizes it). Numbers beyond DynamoDB's range raise ValueError. bytes are stored
as Binary and read back as bytes.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import boto3
from boto3.dynamodb.types import TypeSerializer
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from algoitny_tui.storage.dynamodb_schema import schema_differences
from algoitny_tui.storage.table import (
    INDEXES,
    KEY_ATTRIBUTES,
    Cond,
    ConditionFailed,
    Item,
    ItemTooLarge,
    Page,
    StoreError,
    Update,
    check_conditions,
    check_page_limit,
    get_path,
    has_path,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb import DynamoDBClient

__all__ = ["DynamoDBTable", "SchemaMismatch"]

BATCH_SIZE = 25  # BatchWriteItem's limit per request
_TOO_LARGE = ("item size has exceeded", "item size to update has exceeded")
_INVALID_PATH = "document path provided in the update expression is invalid"
_NOT_FOUND_CODES = {"ResourceNotFoundException"}

_SERIALIZER = TypeSerializer()


class SchemaMismatch(StoreError):
    """An existing table's keys or indexes are not the ones the app writes and queries."""


# ---------------------------------------------------------------------------------------------------------------
# Values


def _to_wire(value: Any) -> Any:
    """Plain values -> what TypeSerializer accepts (floats become Decimal via repr, so no inexact-Decimal errors)."""
    if isinstance(value, bool) or value is None or isinstance(value, str | int | bytes | Decimal):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"DynamoDB cannot store the float {value!r}")
        return Decimal(repr(value))
    if isinstance(value, Mapping):
        return {str(k): _to_wire(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_to_wire(v) for v in value]
    if isinstance(value, bytearray | memoryview):
        return bytes(value)
    raise TypeError(f"cannot store a value of type {type(value).__name__} in DynamoDB")


def _number(text: str) -> int | float:
    """DynamoDB numbers come back as normalized strings ("2.0" reads "2", 1.5e100 reads as 101 digits).

    Integral -> int (16-digit ids stay exact), else float. We never write an int of more than 38 digits (DynamoDB's
    precision), so a longer integral string was a large float: it reads back as float.
    """
    digits = text.lstrip("-")
    if digits.isdigit():
        return int(text) if len(digits) <= 38 else float(text)
    number = Decimal(text)
    if number == number.to_integral_value() and len(digits.split(".")[0]) <= 38:
        return int(number)
    return float(number)


def _plain(av: Mapping[str, Any]) -> Any:
    """One wire AttributeValue -> a plain value (our own deserializer: no Decimal/Binary wrappers to undo)."""
    ((tag, value),) = av.items()
    if tag == "S" or tag == "BOOL":
        return value
    if tag == "N":
        return _number(value)
    if tag == "B":
        return bytes(value)
    if tag == "NULL":
        return None
    if tag == "M":
        return {k: _plain(v) for k, v in value.items()}
    if tag == "L":
        return [_plain(v) for v in value]
    # Sets are never written by this app, but a shared table may hold them.
    if tag == "SS":
        return set(value)
    if tag == "NS":
        return {_number(v) for v in value}
    if tag == "BS":
        return {bytes(v) for v in value}
    raise StoreError(f"unknown DynamoDB attribute type {tag!r}")


def serialize(value: Any) -> Any:
    try:
        return _SERIALIZER.serialize(_to_wire(value))
    except (
        ArithmeticError
    ) as exc:  # decimal's Overflow/Underflow/Inexact/Rounded under DynamoDB's number context
        raise ValueError(
            "a number is outside what DynamoDB stores (38 significant digits, magnitude 1e-130 to 1e126)"
        ) from exc


def serialize_item(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: serialize(v) for k, v in item.items()}


def deserialize_item(raw: Mapping[str, Any]) -> Item:
    return {k: _plain(v) for k, v in raw.items()}


def backoff(attempt: int) -> None:
    """Sleep before retry number `attempt` (0-based) of a DynamoDB request: capped exponential backoff with full
    jitter, AWS's recommendation for batch retries. The sync's pushes and pulls use it too."""
    time.sleep(random.uniform(0, min(2.0, 0.05 * 2**attempt)))


def _key(pk: str, sk: str) -> dict[str, Any]:
    return {"PK": {"S": pk}, "SK": {"S": sk}}


# ---------------------------------------------------------------------------------------------------------------
# Expressions


class _Expr:
    """Collects placeholders for attribute names and values while an expression is built."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.values: dict[str, Any] = {}
        self._by_name: dict[str, str] = {}

    def path(self, dotted: str) -> str:
        """`dat.sts` -> `#n0.#n1`: every part a placeholder, so reserved words and odd names are safe."""
        parts = []
        for part in dotted.split("."):
            if not part:
                raise ValueError(f"bad attribute path {dotted!r}")
            ph = self._by_name.get(part)
            if ph is None:
                ph = f"#n{len(self._by_name)}"
                self._by_name[part] = ph
                self.names[ph] = part
            parts.append(ph)
        return ".".join(parts)

    def value(self, value: Any) -> str:
        ph = f":v{len(self.values)}"
        self.values[ph] = serialize(value)
        return ph

    def kwargs(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.names:
            out["ExpressionAttributeNames"] = self.names
        if self.values:
            out["ExpressionAttributeValues"] = self.values
        return out


_COMPARE = {"eq": "=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}


def _condition(cond: Cond, expr: _Expr) -> str:
    path = expr.path(cond.path)
    if cond.op == "exists":
        return f"attribute_exists({path})"
    if cond.op == "not_exists":
        return f"attribute_not_exists({path})"
    if cond.op == "ne":
        # `<>` alone is false when the attribute is absent; the protocol says an absent value is "not equal".
        return f"(attribute_not_exists({path}) OR {path} <> {expr.value(cond.value)})"
    if cond.op in _COMPARE:
        return f"{path} {_COMPARE[cond.op]} {expr.value(cond.value)}"
    raise ValueError(f"unknown condition operator {cond.op!r}")


def condition_expression(conditions: Sequence[Cond], expr: _Expr) -> str | None:
    if not conditions:
        return None
    return " AND ".join(_condition(c, expr) for c in conditions)


def _check_update_paths(update: Update) -> None:
    for path in [*update.set, *update.add, *update.remove]:
        if path in KEY_ATTRIBUTES:
            raise ValueError(f"cannot update key attribute {path!r}")


def update_expression(update: Update, expr: _Expr) -> str | None:
    """SET for `set`, SET p = if_not_exists(p, 0) + d for `add` (atomic, and valid on nested paths), REMOVE."""
    sets = [f"{expr.path(p)} = {expr.value(v)}" for p, v in update.set.items()]
    for p, delta in update.add.items():
        ph = expr.path(p)
        sets.append(f"{ph} = if_not_exists({ph}, {expr.value(0)}) + {expr.value(delta)}")
    clauses = []
    if sets:
        clauses.append("SET " + ", ".join(sets))
    if update.remove:
        clauses.append("REMOVE " + ", ".join(expr.path(p) for p in update.remove))
    return " ".join(clauses) or None


def _fold_missing_parents(current: Item | None, update: Update) -> tuple[Update, list[Cond]]:
    """Rewrite an update whose nested paths lead through maps that do not exist yet.

    DynamoDB refuses `SET dat.x = v` when `dat` is absent. The first missing map on each path is set whole instead
    (`SET dat = {x: v}`), guarded by conditions that the state we read still holds (that map absent, its parent
    present), so a concurrent writer makes the attempt fail and the caller retries instead of being overwritten.
    REMOVE of a path under a missing map is a no-op, as in `apply_update`.
    """
    item = current or {}
    folded: dict[str, dict[str, Any]] = {}
    guards: list[Cond] = []
    out = Update()

    def missing_parent(path: str) -> str | None:
        parts = path.split(".")
        for i in range(1, len(parts)):
            prefix = ".".join(parts[:i])
            node = get_path(item, prefix)
            if not has_path(item, prefix):
                return prefix
            if not isinstance(node, dict):
                raise StoreError(
                    f"cannot update {path!r}: {prefix!r} holds a {type(node).__name__}, not a map"
                )
        return None

    def put_into(root: str, path: str, value: Any) -> None:
        node = folded.setdefault(root, {})
        rest = path[len(root) + 1 :].split(".")
        for part in rest[:-1]:
            node = node.setdefault(part, {})
        node[rest[-1]] = value

    for path, value in update.set.items():
        root = missing_parent(path)
        if root is None:
            out.set[path] = value
        else:
            put_into(root, path, value)
    for path, delta in update.add.items():
        root = missing_parent(path)
        if root is None:
            out.add[path] = delta
        else:
            put_into(root, path, delta)  # 0 + delta
    for path in update.remove:
        if missing_parent(path) is None:
            out.remove.append(path)
    for root, value in folded.items():
        out.set[root] = value
        guards.append(Cond(root, "not_exists"))
        if "." in root:
            guards.append(Cond(root.rsplit(".", 1)[0], "exists"))
    if current is None:
        guards.append(Cond("PK", "not_exists"))
    return out, guards


# ---------------------------------------------------------------------------------------------------------------
# The table


class DynamoDBTable:
    """A `Table` stored in one DynamoDB table: key `PK` (S) + `SK` (S), the GSIs of `INDEXES`, on-demand billing."""

    def __init__(
        self,
        table_name: str,
        *,
        region: str = "us-east-1",
        endpoint_url: str | None = None,
        session: boto3.Session | None = None,
        client_config: dict[str, Any] | None = None,
    ) -> None:
        self.table_name = table_name
        self.region = region
        self.endpoint_url = endpoint_url
        self._session = session
        self._client_config = client_config or {}
        self._client_obj: DynamoDBClient | None = None
        self._lock = threading.Lock()

    # -- plumbing -------------------------------------------------------------------------------------------

    def config(self) -> Config:
        """Standard retry mode retries throttling and 5xx with backoff; `client_config` overrides any option."""
        options: dict[str, Any] = {
            "retries": {"mode": "standard", "max_attempts": 8},
            "connect_timeout": 5,
            "read_timeout": 30,
            "max_pool_connections": 32,
        }
        options.update(self._client_config)
        return Config(**options)

    @property
    def client(self) -> DynamoDBClient:
        """The boto3 client, created on first use (sessions are not thread-safe: create under a lock)."""
        if self._client_obj is None:
            with self._lock:
                if self._client_obj is None:
                    session = self._session or boto3.Session()
                    self._client_obj = session.client(
                        "dynamodb",
                        region_name=self.region,
                        endpoint_url=self.endpoint_url,
                        config=self.config(),
                    )
        return self._client_obj

    def _where(self) -> str:
        return f"{self.endpoint_url or 'AWS'} ({self.region})"

    def _error(self, op: str, exc: Exception) -> StoreError:
        """Translate a botocore error; messages carry the service's text and never the credentials."""
        if isinstance(exc, ClientError):
            error = exc.response.get("Error", {})
            code = error.get("Code", "")
            message = error.get("Message", "") or str(exc)
            if code == "ConditionalCheckFailedException":
                return ConditionFailed(f"{op} on {self.table_name}: condition failed")
            if code in _NOT_FOUND_CODES:
                return StoreError(
                    f"DynamoDB table {self.table_name!r} does not exist at {self._where()}; "
                    "run `algoitny sync` to create it"
                )
            if code == "ValidationException" and any(m in message.lower() for m in _TOO_LARGE):
                return ItemTooLarge(
                    f"{op} on {self.table_name}: item larger than DynamoDB's 400 KB: {message}"
                )
            return StoreError(f"DynamoDB {op} on {self.table_name} failed: {code}: {message}")
        return StoreError(f"DynamoDB {op} on {self.table_name} at {self._where()} failed: {exc}")

    def _call(self, op: str, **kwargs: Any) -> Any:
        method = getattr(self.client, op)
        try:
            return method(**kwargs)
        except (ClientError, BotoCoreError) as exc:
            raise self._error(op, exc) from exc

    # -- creation ---------------------------------------------------------------------------------------------

    def _describe(self) -> dict[str, Any] | None:
        try:
            return dict(self.client.describe_table(TableName=self.table_name)["Table"])
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in _NOT_FOUND_CODES:
                return None
            raise self._error("describe_table", exc) from exc
        except BotoCoreError as exc:
            raise self._error("describe_table", exc) from exc

    def create_if_missing(self, *, timeout: float = 600.0) -> bool:
        """Create the table and any missing GSI of `INDEXES`; wait until all are ACTIVE.

        True when something (the table or an index) was created now, False when everything already existed.
        """
        created = False
        desc = self._describe()
        if desc is None:
            created = self._create_table()
        desc = self._wait(lambda d: d.get("TableStatus") == "ACTIVE", timeout)
        differences = schema_differences(desc)
        if differences:
            raise SchemaMismatch(
                f"DynamoDB table {self.table_name!r} at {self._where()} does not have the schema this app needs: "
                + "; ".join(differences)
                + ". Its keys and indexes cannot be changed in place: set dynamodb_table to a new table name "
                "(`algoitny sync` creates it), or delete this table if it holds nothing you need"
            )
        existing = {g["IndexName"] for g in desc.get("GlobalSecondaryIndexes", [])}
        for name, (pk_attr, sk_attr) in INDEXES.items():
            if name in existing:
                continue
            # UpdateTable creates one GSI per call.
            self._call(
                "update_table",
                TableName=self.table_name,
                AttributeDefinitions=[
                    {"AttributeName": pk_attr, "AttributeType": "S"},
                    {"AttributeName": sk_attr, "AttributeType": "S"},
                ],
                GlobalSecondaryIndexUpdates=[{"Create": _gsi(name, pk_attr, sk_attr)}],
            )
            created = True
            self._wait(lambda d: _all_active(d), timeout)
        self._wait(lambda d: _all_active(d), timeout)
        return created

    def _create_table(self) -> bool:
        attrs = {"PK", "SK"} | {a for pair in INDEXES.values() for a in pair}
        try:
            self.client.create_table(
                TableName=self.table_name,
                KeySchema=[
                    {"AttributeName": "PK", "KeyType": "HASH"},
                    {"AttributeName": "SK", "KeyType": "RANGE"},
                ],
                AttributeDefinitions=[{"AttributeName": a, "AttributeType": "S"} for a in sorted(attrs)],
                BillingMode="PAY_PER_REQUEST",
                GlobalSecondaryIndexes=[_gsi(n, pk, sk) for n, (pk, sk) in INDEXES.items()],
            )
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") == "ResourceInUseException":
                return False  # another process created it a moment ago
            raise self._error("create_table", exc) from exc
        except BotoCoreError as exc:
            raise self._error("create_table", exc) from exc
        return True

    def _wait(self, ready: Any, timeout: float) -> dict[str, Any]:
        """Poll DescribeTable until `ready(desc)`; boto3's waiter sleeps 20 s per round, too slow for Local."""
        deadline = time.monotonic() + timeout
        delay = 0.05
        while True:
            desc = self._describe()
            if desc is not None and ready(desc):
                return desc
            if time.monotonic() > deadline:
                raise StoreError(
                    f"DynamoDB table {self.table_name!r} did not become ACTIVE within {timeout:.0f} s"
                )
            time.sleep(delay)
            delay = min(delay * 2, 5.0)

    def delete_table(self, *, missing_ok: bool = False) -> None:
        """Drop the table (tests and tooling only)."""
        if missing_ok and self._describe() is None:
            return
        self._call("delete_table", TableName=self.table_name)

    # -- single items -------------------------------------------------------------------------------------------

    def get(self, pk: str, sk: str) -> Item | None:
        resp = self._call("get_item", TableName=self.table_name, Key=_key(pk, sk), ConsistentRead=True)
        raw = resp.get("Item")
        return deserialize_item(raw) if raw else None

    def put(self, item: Item, *, conditions: Sequence[Cond] = ()) -> None:
        _require_keys(item)
        expr = _Expr()
        kwargs: dict[str, Any] = {"TableName": self.table_name, "Item": serialize_item(item)}
        cond = condition_expression(conditions, expr)
        if cond:
            kwargs["ConditionExpression"] = cond
        self._call("put_item", **kwargs, **expr.kwargs())

    def update(self, pk: str, sk: str, update: Update, *, conditions: Sequence[Cond] = ()) -> Item:
        _check_update_paths(update)
        try:
            return self._update_once(pk, sk, update, conditions)
        except StoreError as exc:
            if _INVALID_PATH not in str(exc):
                raise
        return self._update_through_missing_maps(pk, sk, update, conditions)

    def _update_through_missing_maps(
        self, pk: str, sk: str, update: Update, conditions: Sequence[Cond], attempts: int = 8
    ) -> Item:
        """Slow path for nested paths under absent maps (rare: repositories update existing items).

        Each attempt reads the item, folds the missing maps into whole-map SETs guarded by what it read, and writes.
        When a guard fails because another writer got there first, the next attempt sees the new state; a failure
        of the caller's own conditions is reported as ConditionFailed.
        """
        for _ in range(attempts):
            current = self.get(pk, sk)
            folded, guards = _fold_missing_parents(current, update)
            try:
                return self._update_once(pk, sk, folded, [*conditions, *guards])
            except ConditionFailed:
                after = self.get(pk, sk)
                if not check_conditions(after, conditions):
                    raise
            except StoreError as exc:
                if _INVALID_PATH not in str(exc):
                    raise
        raise StoreError(
            f"update of {pk}/{sk} kept racing with other writers; gave up after {attempts} attempts"
        )

    def _update_once(self, pk: str, sk: str, update: Update, conditions: Sequence[Cond]) -> Item:
        expr = _Expr()
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "Key": _key(pk, sk),
            "ReturnValues": "ALL_NEW",
        }
        upd = update_expression(update, expr)
        if upd:
            kwargs["UpdateExpression"] = upd
        cond = condition_expression(conditions, expr)
        if cond:
            kwargs["ConditionExpression"] = cond
        resp = self._call("update_item", **kwargs, **expr.kwargs())
        return deserialize_item(resp.get("Attributes") or {"PK": {"S": pk}, "SK": {"S": sk}})

    def delete(self, pk: str, sk: str, *, conditions: Sequence[Cond] = ()) -> None:
        expr = _Expr()
        kwargs: dict[str, Any] = {"TableName": self.table_name, "Key": _key(pk, sk)}
        cond = condition_expression(conditions, expr)
        if cond:
            kwargs["ConditionExpression"] = cond
        self._call("delete_item", **kwargs, **expr.kwargs())

    # -- queries ---------------------------------------------------------------------------------------------

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
        """One page. DynamoDB may stop early (1 MB per request, or a filter); we keep reading until `limit` items
        are found or the partition ends, so a short page means the end unless a cursor is given."""
        check_page_limit(limit)
        plan = _plan_sort_key(sk_prefix, sk_after)
        if plan is None:
            return Page(items=[])
        base = self._query_kwargs(pk, index, descending, plan)
        sk_attr = _key_names(index)[1]
        items: list[Item] = []
        cursor = _cursor(start_after, _cursor_attributes(index))
        while True:
            kwargs = dict(base)
            if limit is not None:
                kwargs["Limit"] = limit - len(items)
            if cursor:
                kwargs["ExclusiveStartKey"] = serialize_item(cursor)
            resp = self._call("query", **kwargs)
            for raw in resp.get("Items", []):
                item = deserialize_item(raw)
                if plan.exclude is None or item.get(sk_attr) != plan.exclude:
                    items.append(item)
            last = resp.get("LastEvaluatedKey")
            cursor = deserialize_item(last) if last else None
            if cursor is None or (limit is not None and len(items) >= limit):
                return Page(items=items, cursor=cursor)

    def _query_kwargs(
        self, pk: str, index: str | None, descending: bool, plan: _SortKeyPlan
    ) -> dict[str, Any]:
        pk_attr, sk_attr = _key_names(index)
        expr = _Expr()
        key_cond = f"{expr.path(pk_attr)} = {expr.value(pk)}"
        if plan.op == "begins_with":
            key_cond += f" AND begins_with({expr.path(sk_attr)}, {expr.value(plan.low)})"
        elif plan.op == ">":
            key_cond += f" AND {expr.path(sk_attr)} > {expr.value(plan.low)}"
        elif plan.op == "between":
            key_cond += (
                f" AND {expr.path(sk_attr)} BETWEEN {expr.value(plan.low)} AND {expr.value(plan.high)}"
            )
        kwargs: dict[str, Any] = {
            "TableName": self.table_name,
            "KeyConditionExpression": key_cond,
            "ScanIndexForward": not descending,
            **expr.kwargs(),
        }
        if index is not None:
            kwargs["IndexName"] = index
        else:
            kwargs["ConsistentRead"] = True  # GSIs only offer eventually consistent reads
        return kwargs

    def query_all(
        self,
        pk: str,
        sk_prefix: str = "",
        *,
        index: str | None = None,
        descending: bool = False,
        sk_after: str | None = None,
    ) -> Iterator[Item]:
        cursor: dict[str, Any] | None = None
        while True:
            page = self.query(
                pk, sk_prefix, index=index, descending=descending, start_after=cursor, sk_after=sk_after
            )
            yield from page.items
            if page.cursor is None:
                return
            cursor = page.cursor

    # -- batches ---------------------------------------------------------------------------------------------

    def batch_write(self, puts: Sequence[Item] = (), deletes: Sequence[tuple[str, str]] = ()) -> None:
        """Puts, then deletes, in requests of 25; a key named twice keeps its last write (DynamoDB rejects
        duplicate keys within one request), so a delete after a put of the same key wins."""
        requests: dict[tuple[str, str], dict[str, Any]] = {}
        for item in puts:
            _require_keys(item)
            key = (item["PK"], item["SK"])
            requests.pop(key, None)  # keep the order of the last write
            requests[key] = {"PutRequest": {"Item": serialize_item(item)}}
        for pk, sk in deletes:
            requests.pop((pk, sk), None)
            requests[(pk, sk)] = {"DeleteRequest": {"Key": _key(pk, sk)}}
        ordered = list(requests.values())
        for start in range(0, len(ordered), BATCH_SIZE):
            self._write_chunk(ordered[start : start + BATCH_SIZE])

    def _write_chunk(self, chunk: list[dict[str, Any]], max_rounds: int = 12) -> None:
        """Send one chunk; retry what DynamoDB left unprocessed with capped exponential backoff and full jitter."""
        pending: dict[str, list[Any]] = {self.table_name: chunk}
        for attempt in range(max_rounds):
            resp = self._call("batch_write_item", RequestItems=pending)
            pending = {k: list(v) for k, v in (resp.get("UnprocessedItems") or {}).items() if v}
            if not pending:
                return
            backoff(attempt)
        left = sum(len(v) for v in pending.values())
        raise StoreError(
            f"DynamoDB batch_write on {self.table_name}: {left} writes still unprocessed; try again"
        )

    def check_integrity(self) -> None:
        """DynamoDB keeps its own data whole: nothing to check here."""

    def close(self) -> None:
        """Close the client's connection pool (botocore >= 1.26 has `close`)."""
        with self._lock:
            client, self._client_obj = self._client_obj, None
        if client is not None and hasattr(client, "close"):
            client.close()

    def __repr__(self) -> str:
        return (
            f"DynamoDBTable({self.table_name!r}, region={self.region!r}, endpoint_url={self.endpoint_url!r})"
        )


_TOP = chr(
    0x10FFFF
)  # sorts after every character: the upper end of a prefix range (as the SQLite table does)


@dataclass(frozen=True)
class _SortKeyPlan:
    """The one sort-key condition a DynamoDB query allows, and a sort key to drop from the results."""

    op: str  # "", "begins_with", ">", "between"
    low: str = ""
    high: str = ""
    exclude: str | None = None


def _plan_sort_key(prefix: str, after: str | None) -> _SortKeyPlan | None:
    """Combine `sk_prefix` and `sk_after` into one key condition; None when nothing can match.

    Filters may not name key attributes, so "starts with P and greater than A" becomes `BETWEEN A AND P+TOP`
    with A itself dropped from the results when A lies inside the prefix range.
    """
    if after is None:
        return _SortKeyPlan("begins_with", prefix) if prefix else _SortKeyPlan("")
    if not prefix:
        return _SortKeyPlan(">", after)
    if after < prefix:  # every key with the prefix is greater than `after`
        return _SortKeyPlan("begins_with", prefix)
    if after.startswith(prefix):
        return _SortKeyPlan("between", after, prefix + _TOP, exclude=after)
    return None  # `after` sorts above every key with the prefix


def _require_keys(item: Mapping[str, Any]) -> None:
    """A programming error, reported as the SQLite table does (DynamoDB would answer with a ValidationException)."""
    for key in KEY_ATTRIBUTES:
        if not isinstance(item.get(key), str) or not item[key]:
            raise ValueError(f"item needs a non-empty string {key}: {str(item)[:120]}")


def _gsi(name: str, pk_attr: str, sk_attr: str) -> Any:
    return {
        "IndexName": name,
        "KeySchema": [
            {"AttributeName": pk_attr, "KeyType": "HASH"},
            {"AttributeName": sk_attr, "KeyType": "RANGE"},
        ],
        "Projection": {"ProjectionType": "ALL"},
    }


def _all_active(desc: Mapping[str, Any]) -> bool:
    return desc.get("TableStatus") == "ACTIVE" and all(
        g.get("IndexStatus") == "ACTIVE" for g in desc.get("GlobalSecondaryIndexes", [])
    )


def _key_names(index: str | None) -> tuple[str, str]:
    if index is None:
        return ("PK", "SK")
    if index not in INDEXES:
        raise ValueError(f"unknown index {index!r}; known: {', '.join(INDEXES)}")
    return INDEXES[index]


def _cursor_attributes(index: str | None) -> tuple[str, ...]:
    """ExclusiveStartKey holds the table key, plus the index key when querying an index."""
    return KEY_ATTRIBUTES + (INDEXES[index] if index else ())


def _cursor(start_after: Mapping[str, Any] | None, attrs: tuple[str, ...]) -> dict[str, Any] | None:
    """Accept a page's cursor or a whole item (its key attributes are taken)."""
    if not start_after:
        return None
    missing = [a for a in attrs if a not in start_after]
    if missing:
        raise ValueError(f"start_after lacks {', '.join(missing)}; pass the cursor of the previous page")
    return {a: start_after[a] for a in attrs}
