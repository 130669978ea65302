"""The competitive-companion receiver: a small HTTP server on localhost that accepts the extension's POSTed JSON
(as cph and CompetiTest receive it) and hands each problem to a callback, from its own thread.

It is for the browser extension only, and any web page the user opens can reach 127.0.0.1, so it accepts:

- ``POST`` with ``Content-Type: application/json`` (a cross-site form or ``text/plain`` request cannot send that
  without a CORS preflight, and preflights, ``OPTIONS``, are refused);
- no ``Origin``, or an extension's (``moz-extension://``, ``chrome-extension://``, ``safari-web-extension://``):
  a request from a web page carries the page's origin and is refused;
- a ``Content-Length`` body of at most MAX_LISTENER_BODY_BYTES holding one problem object (JSON nested at most
  MAX_JSON_DEPTH levels) that the importer accepts.

Each connection has REQUEST_DEADLINE_S in all, at most MAX_CONNECTIONS are served at once (more get 503), and
nothing is printed: refusals go to the log and to ``on_error`` (the app shows a notification).
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from algoitny_tui.problems.companion import parse_json, problem_from_companion
from algoitny_tui.problems.errors import ProblemFormatError
from algoitny_tui.problems.limits import MAX_LISTENER_BODY_BYTES, human_size

log = logging.getLogger(__name__)

MAX_CONNECTIONS = 8
READ_TIMEOUT_S = 5.0
"""Longest wait for any single read from the client."""
REQUEST_DEADLINE_S = 15.0
"""Longest a connection may take from accept to answer, however it trickles its bytes."""
EXTENSION_ORIGINS = ("moz-extension://", "chrome-extension://", "safari-web-extension://")
ERROR_NOTICE_INTERVAL_S = 5.0
"""At most one error notification this often: a page that floods the port must not flood the screen."""


class RequestRefused(Exception):
    def __init__(self, status: HTTPStatus, reason: str) -> None:
        super().__init__(reason)
        self.status = status


def check_request(method: str, headers: Any) -> int:
    """The body length to read, or RequestRefused saying why this request is not the extension's."""
    if method != "POST":
        raise RequestRefused(
            HTTPStatus.METHOD_NOT_ALLOWED, f"{method} refused (only POST from the extension)"
        )
    origin = headers.get("Origin")
    if origin is not None and not origin.startswith(EXTENSION_ORIGINS):
        raise RequestRefused(
            HTTPStatus.FORBIDDEN,
            f"refused a request from {origin[:100]!r} (a web page, not the browser extension)",
        )
    content_type = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise RequestRefused(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            f"refused Content-Type {content_type[:100]!r} (only application/json)",
        )
    if headers.get("Transfer-Encoding"):
        raise RequestRefused(HTTPStatus.LENGTH_REQUIRED, "refused a chunked body (Content-Length required)")
    raw_length = headers.get("Content-Length")
    if raw_length is None:
        raise RequestRefused(HTTPStatus.LENGTH_REQUIRED, "refused a body without Content-Length")
    if not (raw_length.strip().isascii() and raw_length.strip().isdigit()):
        raise RequestRefused(
            HTTPStatus.BAD_REQUEST, f"refused Content-Length {raw_length[:40]!r} (not a number)"
        )
    length = int(raw_length)
    if length > MAX_LISTENER_BODY_BYTES:
        raise RequestRefused(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            f"refused a body of {human_size(length)} (at most {human_size(MAX_LISTENER_BODY_BYTES)})",
        )
    if length == 0:
        raise RequestRefused(HTTPStatus.BAD_REQUEST, "refused an empty body")
    return length


def parse_body(body: bytes) -> dict[str, Any]:
    """The problem object of a request body, checked as the importer checks it; RequestRefused (400) otherwise."""
    try:
        data = parse_json(body.decode("utf-8"), "request body")
        if not isinstance(data, dict):
            raise ProblemFormatError("request body: expected one problem object")
        problem_from_companion(data, source=None)
    except UnicodeDecodeError:
        raise RequestRefused(HTTPStatus.BAD_REQUEST, "request body: not UTF-8") from None
    except ProblemFormatError as exc:
        raise RequestRefused(HTTPStatus.BAD_REQUEST, str(exc)) from None
    return data


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = (
        64  # accepted at once and answered 503 when busy, rather than left waiting to connect
    )

    def __init__(
        self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler], report: Callable[[str], None]
    ) -> None:
        super().__init__(address, handler)
        self.report = report
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            # Busy: answer at once from the accepting thread and close, rather than queue a thread per client.
            with contextlib.suppress(OSError):
                request.settimeout(0)
                with contextlib.suppress(BlockingIOError):
                    request.recv(65536)  # what the client sent already: closing over unread bytes would reset
                request.settimeout(0.5)
                request.sendall(
                    b"HTTP/1.0 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                )
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        # The deadline closes the socket under a client that trickles bytes: the blocked read then ends.
        deadline = threading.Timer(REQUEST_DEADLINE_S, _close_quietly, (request,))
        deadline.daemon = True
        deadline.start()
        try:
            super().process_request_thread(request, client_address)
        finally:
            deadline.cancel()
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # socketserver prints these to stderr, which is the app's screen: log them instead.
        log.warning("competitive companion: request from %s failed", client_address, exc_info=True)


def _close_quietly(request: socket.socket) -> None:
    with contextlib.suppress(OSError):
        request.shutdown(socket.SHUT_RDWR)


class CompanionListener:
    def __init__(
        self,
        port: int,
        on_problem: Callable[[dict[str, Any]], None],
        host: str = "127.0.0.1",
        on_error: Callable[[str], None] | None = None,
    ) -> None:
        self.on_problem = on_problem
        self.on_error = on_error
        self._last_notice = 0.0
        listener = self

        class Handler(BaseHTTPRequestHandler):
            timeout = (
                READ_TIMEOUT_S  # StreamRequestHandler sets it on the socket: every read waits at most this
            )

            def handle_one_request(self) -> None:
                try:
                    super().handle_one_request()
                except (TimeoutError, ConnectionError, OSError) as exc:
                    self.close_connection = True
                    log.info("competitive companion: connection dropped (%s)", exc)

            def _answer(self, status: HTTPStatus, reason: str = "") -> None:
                self.send_response(status)
                body = reason.encode("utf-8")
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(body)
                self.close_connection = True

            def _serve(self) -> None:
                try:
                    length = check_request(self.command, self.headers)
                    body = self.rfile.read(length)
                    if len(body) < length:
                        raise RequestRefused(
                            HTTPStatus.BAD_REQUEST, f"body ended after {len(body)} of {length} bytes"
                        )
                    data = parse_body(body)
                except RequestRefused as exc:
                    listener.refused(str(exc))
                    self._answer(exc.status, str(exc))
                    return
                self._answer(HTTPStatus.OK)
                listener.on_problem(data)

            def __getattr__(self, name: str) -> Any:
                # http.server calls do_<METHOD>: every method comes here, and check_request refuses all but POST
                # (a CORS preflight, OPTIONS, included: no Access-Control-* header is ever sent).
                if name.startswith("do_"):
                    return self._serve
                raise AttributeError(name)

            def log_message(self, format: str, *args: Any) -> None:
                log.debug("competitive companion: " + format, *args)  # never print: the terminal is the app's

        self.server = _Server((host, port), Handler, self.refused)
        self.port = int(self.server.server_address[1])
        self._thread = threading.Thread(
            target=self.server.serve_forever, name="companion-listener", daemon=True
        )

    def refused(self, reason: str) -> None:
        """A request turned away: logged, and shown by ``on_error`` unless one was shown a moment ago."""
        log.warning("competitive companion: %s", reason)
        now = time.monotonic()
        if self.on_error is not None and now - self._last_notice >= ERROR_NOTICE_INTERVAL_S:
            self._last_notice = now
            self.on_error(reason)

    def start(self) -> CompanionListener:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
