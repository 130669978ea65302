"""What travels on the queue: JSON with a fixed schema, signed with HMAC-SHA256 when a secret is set. Never pickle.

Huey passes every task message, and anything it keeps in its key-value space, through its serializer. This one
writes a task as `{"task": {...}}` (the fields of Huey's Message; datetimes as ISO 8601) and any other value as
`{"value": ...}`. Read back, a task must name a task this process registered, and its arguments must bind to that
task's signature with the declared types (strictly: JSON's types, no coercion). With a secret the bytes are
`hmac-sha256:<64 hex digits>:<json>`, and the signature is checked (in constant time) before anything is parsed.

Anything else raises UntrustedMessage, whose text is one line saying what is wrong; the queue drops the message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import inspect
import json
import threading
import typing
from collections.abc import Callable
from typing import Annotated, Any

from huey.registry import Message
from huey.serializer import Serializer
from pydantic import BaseModel, BeforeValidator, ConfigDict, JsonValue, TypeAdapter, ValidationError

SIGNED_PREFIX = b"hmac-sha256:"
_DIGEST_HEX_CHARS = 64
_SHOWN_CHARS = 80
"""How much of a value taken from a message a log line shows (it is the sender's text, not ours)."""


class UntrustedMessage(ValueError):
    """A queue message that will not be run; the text says why, in one line."""


def _from_iso(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError("not an ISO 8601 date and time") from None
    return value


IsoDatetime = Annotated[dt.datetime, BeforeValidator(_from_iso)]


class WireMessage(BaseModel):
    """Huey's Message as JSON. Chords are not carried: no task of the app uses them."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    id: str
    name: str
    eta: IsoDatetime | None = None
    retries: int | None = None
    retry_delay: int | float | None = None
    priority: int | None = None
    args: list[JsonValue] = []
    kwargs: dict[str, JsonValue] = {}
    on_complete: WireMessage | None = None
    on_error: WireMessage | None = None
    expires: IsoDatetime | int | float | None = None
    expires_resolved: IsoDatetime | None = None
    timeout: int | float | None = None
    retry_backoff: int | float | None = None


class Envelope(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    task: WireMessage | None = None
    value: JsonValue = None


def shown(text: object) -> str:
    """A value from a message, made safe for one log line: quoted (no raw newlines) and cut short."""
    quoted = repr(text)
    return quoted if len(quoted) <= _SHOWN_CHARS else quoted[:_SHOWN_CHARS] + "…"


class TaskSignatures:
    """The tasks a message may name, each with the parameters (and their types) its arguments must bind to.

    A task's validators are built the first time a message names it: a command that sends one task does not pay
    for building every task's (pydantic builds each on the spot)."""

    def __init__(self) -> None:
        self._funcs: dict[str, Callable[..., Any]] = {}
        self._tasks: dict[str, tuple[inspect.Signature, dict[str, TypeAdapter[Any]]]] = {}
        self._lock = threading.Lock()

    def add(self, name: str, func: Callable[..., Any]) -> None:
        self._funcs[name] = func

    def names(self) -> list[str]:
        return sorted(self._funcs)

    def _signature(self, name: str) -> tuple[inspect.Signature, dict[str, TypeAdapter[Any]]]:
        with self._lock:
            if name not in self._tasks:
                func = self._funcs[name]
                hints = typing.get_type_hints(func)
                # `task` is Huey's own context argument, injected when the task runs: never part of a message.
                params = [p for p in inspect.signature(func).parameters.values() if p.name != "task"]
                adapters = {p.name: TypeAdapter(hints.get(p.name, Any)) for p in params}
                self._tasks[name] = (inspect.Signature(params), adapters)
            return self._tasks[name]

    def check(self, name: str, args: list[Any], kwargs: dict[str, Any]) -> None:
        if name not in self._funcs:
            raise UntrustedMessage(f"unknown task {shown(name)}")
        signature, adapters = self._signature(name)
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError as exc:
            raise UntrustedMessage(f"bad arguments for {name}: {exc}") from None
        for param, value in bound.arguments.items():
            try:
                adapters[param].validate_python(value, strict=True)
            except ValidationError as exc:
                first = exc.errors()[0]
                raise UntrustedMessage(
                    f"bad argument {param!r} for {name}: {first['msg']}, got {shown(value)}"
                ) from None


class QueueSerializer(Serializer):
    """Huey's serializer for the app's queues: JSON, fixed schema, HMAC-SHA256 signed when `secret` is given."""

    def __init__(self, secret: str | None) -> None:
        super().__init__()
        self._key = secret.encode("utf-8") if secret else None
        self.tasks = TaskSignatures()

    @property
    def signed(self) -> bool:
        return self._key is not None

    # --- writing --------------------------------------------------------------------------------------------

    def _serialize(self, data: Any) -> bytes:
        if isinstance(data, Message):
            body = _dumps({"task": _message_json(data)}, f"task {data.name}")
            # What we send must pass the checks every reader makes: a bad call fails here, at the sender.
            try:
                self._decode(body)
            except UntrustedMessage as exc:
                raise ValueError(f"cannot queue this task: {exc}") from None
        else:
            body = _dumps({"value": data}, "a queue value")
        return self._sign(body)

    def _sign(self, body: bytes) -> bytes:
        if self._key is None:
            return body
        return SIGNED_PREFIX + self._digest(body) + b":" + body

    def _digest(self, body: bytes) -> bytes:
        assert self._key is not None
        return hmac.new(self._key, body, hashlib.sha256).hexdigest().encode("ascii")

    # --- reading --------------------------------------------------------------------------------------------

    def _deserialize(self, data: bytes) -> Any:
        return self._decode(self._unsign(bytes(data)))

    def _unsign(self, data: bytes) -> bytes:
        if self._key is None:
            if data.startswith(SIGNED_PREFIX):
                raise UntrustedMessage("signed message, but this machine has no queue_secret")
            return data
        if not data.startswith(SIGNED_PREFIX):
            raise UntrustedMessage("not signed (not an algoitny message signed with queue_secret)")
        digest_end = len(SIGNED_PREFIX) + _DIGEST_HEX_CHARS
        digest, separator, body = (
            data[len(SIGNED_PREFIX) : digest_end],
            data[digest_end : digest_end + 1],
            data[digest_end + 1 :],
        )
        if separator != b":" or not hmac.compare_digest(digest, self._digest(body)):
            raise UntrustedMessage(
                "wrong signature (signed with another queue_secret, or changed on the way)"
            )
        return body

    def _decode(self, body: bytes) -> Any:
        # The standard json module, not pydantic's parser: source code may hold lone surrogates, which it refuses.
        try:
            document = json.loads(body, parse_constant=_no_constant)
        except (ValueError, RecursionError) as exc:
            raise UntrustedMessage(f"not a queue message: not JSON ({_first_line(exc)})") from None
        try:
            envelope = Envelope.model_validate(document)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise UntrustedMessage(
                f"not a queue message: {where + ': ' if where else ''}{first['msg']}"
            ) from None
        if "task" not in envelope.model_fields_set:
            return envelope.value
        if envelope.task is None:
            raise UntrustedMessage("not a queue message: no task")
        return self._message(envelope.task)

    def _message(self, wire: WireMessage) -> Message:
        self.tasks.check(wire.name, wire.args, wire.kwargs)
        return Message(
            wire.id,
            wire.name,
            wire.eta,
            wire.retries,
            wire.retry_delay,
            wire.priority,
            tuple(wire.args),
            dict(wire.kwargs),
            self._message(wire.on_complete) if wire.on_complete else None,
            self._message(wire.on_error) if wire.on_error else None,
            wire.expires,
            wire.expires_resolved,
            wire.timeout,
            None,
            wire.retry_backoff,
        )


def _message_json(message: Message) -> dict[str, Any]:
    if message.chord_config is not None:
        raise ValueError(f"task {message.name}: chords cannot be queued (the queue carries plain tasks)")
    expires = message.expires
    if isinstance(expires, dt.timedelta):
        expires = expires.total_seconds()
    return {
        "id": message.id,
        "name": message.name,
        "eta": _iso(message.eta),
        "retries": message.retries,
        "retry_delay": message.retry_delay,
        "priority": message.priority,
        "args": list(message.args or ()),
        "kwargs": dict(message.kwargs or {}),
        "on_complete": _message_json(message.on_complete) if message.on_complete else None,
        "on_error": _message_json(message.on_error) if message.on_error else None,
        "expires": _iso(expires),
        "expires_resolved": _iso(message.expires_resolved),
        "timeout": message.timeout,
        "retry_backoff": message.retry_backoff,
    }


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _first_line(exc: BaseException) -> str:
    return shown(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.datetime) else value


def _dumps(document: dict[str, Any], what: str) -> bytes:
    try:
        return json.dumps(document, allow_nan=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError) as exc:  # e.g. a Path, bytes or an exception among the arguments
        raise ValueError(f"cannot queue {what}: only JSON values travel on the queue ({exc})") from None
