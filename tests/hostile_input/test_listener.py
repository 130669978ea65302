"""The competitive-companion listener driven with raw sockets, as a hostile web page or client would."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from algoitny_tui.services import companion_listener
from algoitny_tui.services.companion_listener import MAX_CONNECTIONS, CompanionListener

PROBLEM = {
    "name": "A. Theatre Square",
    "url": "https://codeforces.com/problemset/problem/1/A",
    "memoryLimit": 256,
    "timeLimit": 1000,
    "tests": [{"input": "6 6 4\n", "output": "4\n"}],
}


class Received:
    def __init__(self) -> None:
        self.problems: list[dict[str, Any]] = []
        self.errors: list[str] = []


@pytest.fixture
def listener(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[CompanionListener, Received]]:
    # Short deadlines so the slow-client tests end soon; the rules are the same as with the real ones.
    monkeypatch.setattr(companion_listener, "READ_TIMEOUT_S", 0.5)
    monkeypatch.setattr(companion_listener, "REQUEST_DEADLINE_S", 2.0)
    monkeypatch.setattr(companion_listener, "ERROR_NOTICE_INTERVAL_S", 0.0)
    received = Received()
    server = CompanionListener(0, received.problems.append, on_error=received.errors.append).start()
    yield server, received
    server.stop()


def request(
    body: bytes,
    *,
    method: str = "POST",
    content_type: str | None = "application/json",
    origin: str | None = None,
    length: str | None = None,
    extra: str = "",
) -> bytes:
    headers = [f"{method} / HTTP/1.1", "Host: 127.0.0.1"]
    if content_type is not None:
        headers.append(f"Content-Type: {content_type}")
    if origin is not None:
        headers.append(f"Origin: {origin}")
    headers.append(f"Content-Length: {len(body) if length is None else length}")
    return ("\r\n".join(headers) + "\r\n" + extra + "\r\n").encode() + body


def exchange(port: int, raw: bytes) -> tuple[int, bytes]:
    """Send the bytes, read the answer to its end: (status, whole response)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(raw)
        response = read_all(sock)
    return int(response.split(b" ", 2)[1]), response


def read_all(sock: socket.socket) -> bytes:
    chunks = []
    while True:
        try:
            chunk = sock.recv(65536)
        except ConnectionResetError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def good_body() -> bytes:
    return json.dumps(PROBLEM).encode()


def test_the_extension_request_is_accepted(
    listener: tuple[CompanionListener, Received], capfd: pytest.CaptureFixture[str]
) -> None:
    server, received = listener
    for origin in (
        None,
        "moz-extension://9d2e7c1a-0f4b",
        "chrome-extension://cjnmckjndlpiamhfimnnjmnckgghkjbl",
    ):
        status, _ = exchange(server.port, request(good_body(), origin=origin))
        assert status == 200
    assert [p["name"] for p in received.problems] == ["A. Theatre Square"] * 3 and received.errors == []
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("raw", "status", "reason"),
    [
        pytest.param(
            request(good_body(), origin="https://evil.example"),
            403,
            "refused a request from 'https://evil.example' (a web page, not the browser extension)",
            id="cross-site-json",
        ),
        pytest.param(
            request(good_body(), content_type="text/plain", origin="https://evil.example"),
            403,
            "refused a request from 'https://evil.example'",
            id="cross-site-text-plain",
        ),
        pytest.param(
            request(good_body(), content_type="text/plain"),
            415,
            "refused Content-Type 'text/plain' (only application/json)",
            id="text-plain",
        ),
        pytest.param(
            request(good_body(), content_type="application/x-www-form-urlencoded"),
            415,
            "refused Content-Type 'application/x-www-form-urlencoded'",
            id="form",
        ),
        pytest.param(
            request(
                b"",
                method="OPTIONS",
                origin="https://evil.example",
                extra="Access-Control-Request-Method: POST\r\n",
            ),
            405,
            "OPTIONS refused (only POST from the extension)",
            id="preflight",
        ),
        pytest.param(request(b"", method="GET", content_type=None), 405, "GET refused", id="get"),
        pytest.param(
            request(good_body(), length="abc"),
            400,
            "refused Content-Length 'abc' (not a number)",
            id="bad-length",
        ),
        pytest.param(
            request(good_body(), length="-5"), 400, "refused Content-Length '-5'", id="negative-length"
        ),
        pytest.param(
            b"POST / HTTP/1.1\r\nContent-Type: application/json\r\n\r\n" + good_body(),
            411,
            "refused a body without Content-Length",
            id="no-length",
        ),
        pytest.param(
            request(b"[" * 100_000 + b"]" * 100_000),
            400,
            "request body: JSON nested more than 64 levels deep",
            id="deep-json",
        ),
        pytest.param(request(b"\xff\xfe"), 400, "request body: not UTF-8", id="not-utf8"),
        pytest.param(request(b"[1, 2]"), 400, "request body: expected one problem object", id="a-list"),
        pytest.param(
            request(json.dumps({**PROBLEM, "url": "http://../../x"}).encode()),
            400,
            "url 'http://../../x': not an http(s) address with a host name",
            id="odd-url",
        ),
        pytest.param(
            request(json.dumps({**PROBLEM, "tests": "x"}).encode()),
            400,
            "tests: expected a list of {input, output}",
            id="bad-tests",
        ),
    ],
)
def test_a_request_that_is_not_the_extensions_is_refused_and_nothing_is_received(
    listener: tuple[CompanionListener, Received],
    capfd: pytest.CaptureFixture[str],
    raw: bytes,
    status: int,
    reason: str,
) -> None:
    server, received = listener
    answer_status, response = exchange(server.port, raw)
    assert answer_status == status
    assert (
        b"Access-Control-Allow" not in response
    )  # a browser then keeps the page from sending the real request
    assert received.problems == []
    assert len(received.errors) == 1 and reason in received.errors[0]
    assert capfd.readouterr() == ("", "")


def test_a_100_mb_body_is_refused_without_being_read(
    listener: tuple[CompanionListener, Received], capfd: pytest.CaptureFixture[str]
) -> None:
    server, received = listener
    size = 100 * 1024 * 1024
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(request(b"", length=str(size)))
        sent = 0
        chunk = b"[" * (1024 * 1024)
        try:  # the listener answers and closes at once: sending the rest fails long before 100 MB
            while sent < size:
                sock.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass
        response = read_all(sock)
    assert response.startswith(b"HTTP/1.0 413") and sent < size
    assert received.problems == [] and "refused a body of 100 MB (at most 16 MB)" in received.errors[0]
    assert capfd.readouterr() == ("", "")


def test_stalled_clients_hold_a_bounded_number_of_threads_and_are_cut_off(
    listener: tuple[CompanionListener, Received], capfd: pytest.CaptureFixture[str]
) -> None:
    server, received = listener
    threads_before = threading.active_count()
    stalled = []
    for _ in range(200):  # each sends half a request line and waits
        sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
        sock.sendall(b"POST / HT")
        stalled.append(sock)
    time.sleep(0.5)
    # A handler thread and a deadline timer per served connection, no more.
    assert threading.active_count() - threads_before <= 2 * MAX_CONNECTIONS
    answers = [read_all(sock) for sock in stalled]  # every one ends: busy (503) or cut off at its deadline
    for sock in stalled:
        sock.close()
    busy = [a for a in answers if a.startswith(b"HTTP/1.0 503")]
    assert busy and all(a == b"" for a in answers if a not in busy)
    # The listener is free again for the extension.
    assert exchange(server.port, request(good_body()))[0] == 200
    assert [p["name"] for p in received.problems] == ["A. Theatre Square"]
    assert capfd.readouterr() == ("", "")


def test_a_client_trickling_its_body_is_cut_off_at_the_deadline(
    listener: tuple[CompanionListener, Received],
) -> None:
    server, received = listener
    body = good_body()
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(request(b"", length=str(len(body))))
        cut_off = False
        for byte in body:  # one byte every 0.3 s: each read is in time, the whole request is not
            try:
                sock.sendall(bytes([byte]))
            except OSError:
                cut_off = True
                break
            time.sleep(0.3)
        response = read_all(sock)
    assert cut_off or response == b""
    assert received.problems == []


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "TRACE", "PROPFIND", "BREW"])
def test_every_other_method_is_refused_with_405(
    listener: tuple[CompanionListener, Received], method: str
) -> None:
    server, received = listener
    status, _ = exchange(server.port, request(good_body(), method=method))
    assert status == 405 and received.problems == []
