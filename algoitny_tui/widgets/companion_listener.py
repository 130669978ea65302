"""The competitive-companion receiver: a small HTTP server on localhost that accepts the extension's POSTed JSON
(as cph and CompetiTest receive it) and hands each problem to a callback, from its own thread."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MAX_BODY = 16 * 1024 * 1024


class CompanionListener:
    def __init__(self, port: int, on_problem: Callable[[dict[str, Any]], None], host: str = "127.0.0.1") -> None:
        self.on_problem = on_problem
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                if length <= 0 or length > MAX_BODY:
                    self.send_response(400)
                    self.end_headers()
                    return
                try:
                    data = json.loads(self.rfile.read(length).decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    self.send_response(400)
                    self.end_headers()
                    return
                self.send_response(200)
                self.end_headers()
                if isinstance(data, dict):
                    listener.on_problem(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # the terminal belongs to the app

        self.server = ThreadingHTTPServer((host, port), Handler)
        self.server.daemon_threads = True
        self.port = int(self.server.server_address[1])
        self._thread = threading.Thread(target=self.server.serve_forever, name="companion-listener", daemon=True)

    def start(self) -> CompanionListener:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
