"""A worker's end of `algoitny submit --wait` through a running worker (the protocol: worker_socket.py).

One thread accepts on the worker's socket; each connection gets a thread of its own, which queues the submission
on this worker's queue and waits for it with the command's own functions (submit_flow.py), then sends what the
command prints. A peer of another uid, another fingerprint or protocol, or a request it cannot read is refused
before anything is stored; any failure of ours after that just closes the connection, and the command finds the
job by its id on its own path.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
from typing import Any

from algoitny_tui import worker_socket
from algoitny_tui.config import Settings
from algoitny_tui.problems.pack_install import install_pack_if_wanted
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.unix_address import socket_address
from algoitny_tui.worker.client import JobNotDone, finished_job
from algoitny_tui.worker.submit_flow import queue_submission, report_for
from algoitny_tui.worker.tasks import Tasks
from algoitny_tui.worker_socket import PROTOCOL, Reader, error_message, report_message, send

log = logging.getLogger(__name__)

REQUEST_TIMEOUT_S = 30.0
"""A client sends its request at once; one that does not is dropped after this."""


class SubmitServer:
    def __init__(self, settings: Settings, repos: Repositories, tasks: Tasks, fingerprint: str) -> None:
        self.settings = settings
        self.repos = repos
        self.tasks = tasks
        self.fingerprint = fingerprint
        self.path = worker_socket.socket_path(settings.locations, fingerprint, os.getpid())
        self._listener: socket.socket | None = None

    def start(self) -> bool:
        """Listen, when the fast path is on and this system can tell a peer's uid; False when not listening."""
        if not worker_socket.via_worker_enabled() or getattr(socket, "SO_PEERCRED", None) is None:
            return False
        directory = self.path.parent
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.chmod(directory, 0o700)  # made before, by an older version or with another umask
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()  # a socket of a dead process that had our pid
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                # in the 0700 directory: nobody else reaches it before the chmod
                with socket_address(self.path) as address:
                    listener.bind(address)
                os.chmod(self.path, 0o600)
                listener.listen(16)
            except OSError:
                listener.close()
                raise
        except OSError as exc:  # e.g. no /proc for a path longer than the 107 bytes a socket name may have
            log.warning("not listening for submissions on %s: %s", self.path, exc)
            return False
        self._listener = listener
        threading.Thread(target=self._accept, name="submit-server", daemon=True).start()
        log.info("listening for submissions on %s", self.path)
        return True

    def stop(self) -> None:
        listener, self._listener = self._listener, None
        if listener is None:
            return
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()
        with contextlib.suppress(OSError):
            listener.shutdown(socket.SHUT_RDWR)
        listener.close()

    def _accept(self) -> None:
        while (listener := self._listener) is not None:
            try:
                conn, _ = listener.accept()
            except OSError:
                return  # closed by stop()
            threading.Thread(target=self._serve, args=(conn,), name="submit-client", daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            if not worker_socket.same_user(conn):
                log.warning("refused a connection on %s: the peer is not uid %d", self.path, os.getuid())
                return
            try:
                self._handle(conn)
            except (OSError, worker_socket.ProtocolError) as exc:
                log.info("a submit client went away: %s", exc)
            except Exception:  # noqa: BLE001 - the command finds the job by its id on its own path
                log.exception("serving a submission failed")

    def _handle(self, conn: socket.socket) -> None:
        conn.settimeout(REQUEST_TIMEOUT_S)
        request = self._request(Reader(conn).receive())
        if request is None:
            send(conn, {"refused": True})
            return
        # as the command's own path does on opening the store
        install_pack_if_wanted(self.settings, self.repos)
        try:
            job = queue_submission(
                self.settings,
                self.repos,
                request.problem_id,
                request.code,
                request.language,
                job_id=request.job_id,
                tasks=self.tasks,
            )
        except ValueError as exc:  # SubmitError among them: what the command's own path says and exits 2 with
            send(conn, error_message(str(exc), not_accepted=False))
            return
        send(conn, {"job_id": job.id, "status": job.status.value})
        if not request.wait:
            return
        try:
            done = finished_job(self.settings, self.repos, job.id, timeout_s=request.timeout_s)
            report = report_for(self.repos, done, as_json=request.as_json)
        except JobNotDone as exc:
            send(conn, error_message(str(exc), not_accepted=True))
            return
        send(conn, report_message(report))

    def _request(self, message: dict[str, Any]) -> worker_socket.Request | None:
        """The request, when it is one this worker may serve: same protocol and settings, every field typed."""
        if message.get("protocol") != PROTOCOL or message.get("fingerprint") != self.fingerprint:
            return None
        fields: dict[str, type | tuple[type, ...]] = {
            "problem_id": str,
            "code": str,
            "language": str,
            "as_json": bool,
            "timeout_s": (int, float),
            "job_id": str,
            "wait": bool,
        }
        if not all(isinstance(message.get(name), kind) for name, kind in fields.items()):
            return None
        if not worker_socket.is_job_id(message["job_id"]) or not message["timeout_s"] > 0:
            return None
        return worker_socket.Request(**{name: message[name] for name in fields})
