"""`algoitny submit [--wait]` through a worker that is already running (as Gradle's and nailgun's clients do).

Each `algoitny worker` listens on a Unix socket of its own, `<data dir>/worker-sockets/<fingerprint>.<pid>.sock`
(the directory 0700, the socket 0600; both ends accept only a peer of their own uid, by SO_PEERCRED). The command
then pays for Python and its arguments alone, not for the settings model, the codec and the store: the worker,
which has them loaded, queues and waits for the job with the same functions the command uses without it
(`worker.submit_flow`), and sends back what the command prints.

The fingerprint names the settings a process runs with: the app's directories, the settings file's content, and
every environment variable that can give a setting (`names_a_setting`) or the default user name. A client uses
only a worker whose fingerprint is its own, so a worker never submits with settings the command would not have
used. Light on purpose: the standard library and `locations` only (no pydantic, no huey).

The client picks the job id, so whatever goes wrong on the way (no worker, another fingerprint, a worker that died
mid-way) the command falls back to its own path with that id, and finds the job instead of making a second one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import struct
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from algoitny_tui import __version__
from algoitny_tui.locations import ENV_PREFIX, Locations
from algoitny_tui.unix_address import socket_address

PROTOCOL = 1
SOCKET_DIR_NAME = "worker-sockets"
OFF_VARIABLE = "ALGOITNY_SUBMIT_VIA_WORKER"
"""`0` turns the fast path off: the command does not look for a worker's socket, a worker does not listen."""
SETTING_ALIASES = frozenset({"GEMINI_API_KEY"})
"""Variables that give a setting without the ALGOITNY_ prefix (config.environment_names() lists them all; a test
checks that `names_a_setting` covers every one)."""
USER_NAME_VARIABLES = ("LOGNAME", "USER", "LNAME", "USERNAME")
"""Where getpass looks for the login name, the default `user` setting."""
MAX_MESSAGE_BYTES = 8 * 1024 * 1024
"""A request carries the source (256 KB at most, escaped in JSON); a reply, a history."""


def via_worker_enabled(environ: Mapping[str, str] | None = None) -> bool:
    return (os.environ if environ is None else environ).get(OFF_VARIABLE, "1").strip() != "0"


def names_a_setting(name: str) -> bool:
    """Whether this environment variable can give a setting (any case, as the settings read it). Every ALGOITNY_
    variable counts (a variable that gives none only costs a worker a miss); OFF_VARIABLE chooses a path, not a
    setting."""
    upper = name.upper()
    return (upper.startswith(ENV_PREFIX) and upper != OFF_VARIABLE) or upper in SETTING_ALIASES


def fingerprint(locations: Locations, environ: Mapping[str, str] | None = None) -> str:
    """What a worker's settings must equal to serve a command: computed before either loads its settings."""
    environ = os.environ if environ is None else environ
    try:
        settings_file = hashlib.sha256(locations.settings_file.read_bytes()).hexdigest()
    except FileNotFoundError:
        settings_file = None
    except OSError as exc:  # unreadable: the slow path says so; a worker never matches it
        settings_file = f"unreadable {exc.errno}"
    variables = sorted(
        (name, value)
        for name, value in environ.items()
        if names_a_setting(name) or name in USER_NAME_VARIABLES
    )
    described = {
        "protocol": PROTOCOL,
        "version": __version__,
        "dirs": [str(locations.config_dir), str(locations.data_dir), str(locations.cache_dir)],
        "settings_file": settings_file,
        "environment": variables,
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()[:32]


def socket_dir(locations: Locations) -> Path:
    return locations.data_dir / SOCKET_DIR_NAME


def socket_path(locations: Locations, print_: str, pid: int) -> Path:
    return socket_dir(locations) / f"{print_}.{pid}.sock"


def peer_uid(sock: socket.socket) -> int | None:
    """The uid of the process at the other end (SO_PEERCRED), None where the kernel cannot say."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return None
    try:
        _pid, uid, _gid = struct.unpack(
            "3i", sock.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
        )
    except OSError:
        return None
    return uid


def same_user(sock: socket.socket) -> bool:
    return peer_uid(sock) == os.getuid()


def new_job_id() -> str:
    """The job's id, chosen by the command: 32 hex digits, as the store's own (uuid4().hex; uuid itself is not
    imported for it)."""
    return os.urandom(16).hex()


def is_job_id(value: object) -> bool:
    return isinstance(value, str) and len(value) == 32 and all(c in "0123456789abcdef" for c in value)


class ProtocolError(Exception):
    """The other end sent what this protocol does not hold, or went away."""


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    sock.sendall(json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")


class Reader:
    """Newline-separated JSON messages from a stream socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = b""

    def receive(self) -> dict[str, Any]:
        while b"\n" not in self.buffer:
            try:
                chunk = self.sock.recv(65536)
            except OSError as exc:  # a timeout, or the peer reset the connection
                raise ProtocolError(f"connection lost: {exc}") from None
            if not chunk:
                raise ProtocolError("connection closed")
            self.buffer += chunk
            if len(self.buffer) > MAX_MESSAGE_BYTES:
                raise ProtocolError("message too long")
        line, _, self.buffer = self.buffer.partition(b"\n")
        try:
            message = json.loads(line)
        except ValueError:
            raise ProtocolError("not JSON") from None
        if not isinstance(message, dict):
            raise ProtocolError("not a JSON object")
        return message


@dataclass(frozen=True)
class Request:
    problem_id: str
    code: str
    language: str
    as_json: bool
    timeout_s: float
    job_id: str
    wait: bool = True
    """False: the worker answers once the job is queued (`algoitny submit` without --wait)."""


@dataclass(frozen=True)
class Report:
    """What `algoitny submit --wait` prints for a finished submission: the history as JSON (with --json) or text
    lines, and whether it was accepted (the exit code)."""

    accepted: bool
    json: dict[str, Any] | None = None
    text: str = ""


@dataclass(frozen=True)
class Answer:
    """The worker's last word: the `report`, or the `error` the command would have stopped with (exit 1 when
    `not_accepted`, else 2); without waiting, the `queued` job's status."""

    report: Report | None = None
    error: str | None = None
    not_accepted: bool = False
    queued: str | None = None


def report_message(report: Report) -> dict[str, Any]:
    return {"report": {"accepted": report.accepted, "json": report.json, "text": report.text}}


def error_message(error: str, *, not_accepted: bool) -> dict[str, Any]:
    return {"error": error, "not_accepted": not_accepted}


def _final(message: dict[str, Any]) -> Answer | None:
    """The last word as sent by report_message / error_message; None for anything else."""
    if isinstance(message.get("error"), str):
        return Answer(error=message["error"], not_accepted=bool(message.get("not_accepted")))
    report = message.get("report")
    if not isinstance(report, dict) or not isinstance(report.get("accepted"), bool):
        return None
    json_value, text = report.get("json"), report.get("text")
    if not (json_value is None or isinstance(json_value, dict)) or not isinstance(text, str):
        return None
    return Answer(report=Report(accepted=report["accepted"], json=json_value, text=text))


def matching_sockets(locations: Locations, print_: str) -> Iterator[Path]:
    try:
        entries = sorted(socket_dir(locations).glob(f"{print_}.*.sock"))
    except OSError:
        return
    yield from entries


def request_message(request: Request, print_: str) -> dict[str, Any]:
    """A request as sent: the protocol, the sender's settings fingerprint, then the submission."""
    return {"protocol": PROTOCOL, "fingerprint": print_, **request.__dict__}


def submit_via_worker(request: Request, locations: Locations | None = None) -> Answer | None:
    """Ask a live worker with this process's settings to submit and wait for the request. None when no worker
    gave a last word (none listens, a stale socket, it refused, or it went away mid-way): the command then goes its
    own path with the request's job id, and finds the job when a worker stored it."""
    locations = locations or Locations.from_env()
    print_ = fingerprint(locations)
    for path in matching_sockets(locations, print_):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(5.0)  # connecting to a live listener is immediate; a stale file refuses at once
            try:
                with socket_address(path) as address:
                    sock.connect(address)
            except (ConnectionRefusedError, FileNotFoundError):
                with contextlib.suppress(OSError):
                    path.unlink()  # its worker is gone
                continue
            if not same_user(sock):
                continue
            send(sock, request_message(request, print_))
            reader = Reader(sock)
            # the worker stores the job first: seconds at most, even on a loaded machine
            sock.settimeout(60.0)
            first = reader.receive()
            if first.get("refused"):
                continue  # nothing stored: another worker may serve it
            if first.get("job_id") != request.job_id:
                return _final(first)  # refused with an error, before storing anything
            if not request.wait:
                return Answer(queued=first["status"]) if isinstance(first.get("status"), str) else None
            sock.settimeout(request.timeout_s + 30.0)  # the worker gives up after timeout_s and says so
            return _final(reader.receive())
        except (OSError, ProtocolError):
            return None  # it may have stored the job: the command looks for it by id
        finally:
            sock.close()
    return None
