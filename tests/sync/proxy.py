"""A loopback HTTP proxy between the app and DynamoDB Local that adds latency and injects faults.

Per request it may: wait `delay` seconds (a real region's round trip), answer a throttling error (HTTP 400
ProvisionedThroughputExceededException) or a 500 without forwarding, drop the connection before forwarding, or
forward and then drop the connection (the write happened, the answer is lost: the hardest case for a client).
Faults come from a random plan (rates, seeded) or a fixed list; `clear()` ends them. Used by tests/sync and
bench/sync (delay only).
"""

from __future__ import annotations

import http.client
import json
import random
import socket
import threading
from collections import Counter
from dataclasses import dataclass


@dataclass
class Rates:
    throttle: float = 0.0
    error500: float = 0.0
    drop_before: float = 0.0
    drop_after: float = 0.0


class FaultProxy:
    def __init__(
        self,
        upstream_port: int,
        *,
        delay: float = 0.0,
        rates: Rates | None = None,
        seed: int = 0,
        faults: list[str] | None = None,
    ) -> None:
        self.upstream_port = upstream_port
        self.delay = delay
        self.rates = rates or Rates()
        self.faults = list(faults or [])
        self.rng = random.Random(seed)
        self.seen: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(128)
        self.port = int(self._sock.getsockname()[1])
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._closed = False
        threading.Thread(target=self._accept, daemon=True, name="fault-proxy").start()

    def clear(self) -> None:
        """No more faults (the delay stays)."""
        with self._lock:
            self.rates = Rates()
            self.faults = []

    def close(self) -> None:
        self._closed = True
        self._sock.close()

    def _next_action(self) -> str:
        with self._lock:
            if self.faults:
                action = self.faults.pop(0)
            else:
                r = self.rng.random()
                action = "forward"
                for name, rate in (
                    ("throttle", self.rates.throttle),
                    ("500", self.rates.error500),
                    ("drop_before", self.rates.drop_before),
                    ("drop_after", self.rates.drop_after),
                ):
                    if r < rate:
                        action = name
                        break
                    r -= rate
            self.seen[action] += 1
            return action

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        reader = client.makefile("rb")
        upstream: http.client.HTTPConnection | None = None
        try:
            while True:
                request = _read_request(reader)
                if request is None:
                    return
                method, path, headers, body = request
                if self.delay:
                    threading.Event().wait(self.delay)
                action = self._next_action()
                if action == "drop_before":
                    return
                if action in ("throttle", "500"):
                    code = (
                        "ProvisionedThroughputExceededException"
                        if action == "throttle"
                        else "InternalServerError"
                    )
                    payload = json.dumps(
                        {
                            "__type": f"com.amazonaws.dynamodb.v20120810#{code}",
                            "message": "injected by the test proxy",
                        }
                    ).encode()
                    status = 400 if action == "throttle" else 500
                    client.sendall(_response(status, {"Content-Type": "application/x-amz-json-1.0"}, payload))
                    continue
                if upstream is None:
                    upstream = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=60)
                try:
                    upstream.request(method, path, body=body, headers=headers)
                    resp = upstream.getresponse()
                    payload = resp.read()
                except OSError:
                    return  # the server is down: the client sees a dropped connection
                if action == "drop_after":
                    return
                keep = {
                    k: v
                    for k, v in resp.getheaders()
                    if k.lower() not in ("transfer-encoding", "connection", "content-length")
                }
                client.sendall(_response(resp.status, keep, payload))
        except OSError:
            return
        finally:
            if upstream is not None:
                upstream.close()
            reader.close()
            client.close()


def _read_request(reader: object) -> tuple[str, str, dict[str, str], bytes] | None:
    readline = reader.readline  # type: ignore[attr-defined]
    line = readline(65537)
    if not line:
        return None
    method, path, _ = line.decode("latin-1").split(" ", 2)
    headers: dict[str, str] = {}
    while True:
        h = readline(65537)
        if h in (b"\r\n", b"\n", b""):
            break
        name, _, value = h.decode("latin-1").partition(":")
        headers[name.strip()] = value.strip()
    length = int(next((v for k, v in headers.items() if k.lower() == "content-length"), "0"))
    body = reader.read(length) if length else b""  # type: ignore[attr-defined]
    headers = {k: v for k, v in headers.items() if k.lower() not in ("connection", "content-length")}
    return method, path, headers, body


def _response(status: int, headers: dict[str, str], payload: bytes) -> bytes:
    head = [f"HTTP/1.1 {status} {http.client.responses.get(status, 'Status')}"]
    head += [f"{k}: {v}" for k, v in headers.items()]
    head += [f"Content-Length: {len(payload)}", "", ""]
    return "\r\n".join(head).encode("latin-1") + payload
