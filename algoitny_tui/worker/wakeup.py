"""Instant pickup on the SQLite queue: consumers sleep on a socket of their own, and every enqueue wakes them.

Huey's consumer polls a SQLite queue (sleeping between empty reads); a storage that says it blocks is read in a
loop instead. This storage blocks in `dequeue` until an enqueue anywhere on the machine sends a byte to the
consumers' sockets in `<queue file>.wake/`, or a second passes (a missed wake-up costs at most that).
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import threading
from pathlib import Path
from typing import Any

from huey import SqliteHuey
from huey.storage import SqliteStorage

from algoitny_tui.unix_address import socket_address

WAIT_S = 1.0
POLL_S = 0.02
"""Without a socket (a path too long for one), an empty read waits this long instead: Huey's polling, kept short."""


class WakeableSqliteStorage(SqliteStorage):
    blocking = True  # the consumer's threads wait in dequeue, not in a polling sleep

    def __init__(self, name: str = "huey", filename: str = "huey.db", **kwargs: Any) -> None:
        super().__init__(name=name, filename=filename, **kwargs)
        self.wake_dir = Path(f"{filename}.wake")
        self._socket: socket.socket | None = None
        self._path = self.wake_dir  # the socket's file, once bound
        self._lock = threading.Lock()
        self._no_socket = False

    def _listener(self) -> socket.socket | None:
        """This process's wake-up socket, made on the first dequeue (only consumers dequeue)."""
        with self._lock:
            if self._socket is None and not self._no_socket:
                self.wake_dir.mkdir(parents=True, exist_ok=True)
                path = self.wake_dir / f"{os.getpid()}.sock"
                with contextlib.suppress(FileNotFoundError):
                    path.unlink()
                sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                try:
                    with socket_address(path) as address:
                        sock.bind(address)
                except OSError:  # e.g. no /proc for a path over the 107 bytes a socket name may have
                    sock.close()
                    self._no_socket = True
                    return None
                sock.setblocking(False)
                self._socket, self._path = sock, path
            return self._socket

    def dequeue(self) -> Any:
        data = super().dequeue()
        if data is not None:
            return data
        sock = self._listener()
        if sock is None:
            threading.Event().wait(POLL_S)
            return super().dequeue()
        readable, _, _ = select.select([sock], [], [], WAIT_S)
        if readable:
            with contextlib.suppress(BlockingIOError):
                while sock.recv(64):  # drain: one read of the queue serves every wake-up so far
                    pass
        return super().dequeue()

    def enqueue(self, data: Any, priority: Any = None) -> None:
        super().enqueue(data, priority)
        self._wake_consumers()

    def _wake_consumers(self) -> None:
        try:
            entries = list(self.wake_dir.iterdir())
        except FileNotFoundError:
            return  # no consumer has ever listened: it reads the queue when it starts
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sender:
            sender.setblocking(False)
            for entry in entries:
                try:
                    with socket_address(entry) as address:
                        sender.sendto(b"!", address)
                except (ConnectionRefusedError, FileNotFoundError):
                    with contextlib.suppress(FileNotFoundError):
                        entry.unlink()  # its consumer is gone
                except (BlockingIOError, OSError):
                    pass  # its buffer is full of wake-ups already

    def close(self) -> None:
        with self._lock:
            if self._socket is not None:
                self._socket.close()
                self._socket = None
                with contextlib.suppress(FileNotFoundError):
                    self._path.unlink()
        super().close()


class WakeableSqliteHuey(SqliteHuey):
    storage_class = WakeableSqliteStorage
