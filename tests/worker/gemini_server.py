"""A local HTTP server that answers like the Gemini API (`POST /v1beta/models/{model}:generateContent`), for the
real google-generativeai client with its REST transport. It records every request (path, key header, prompt) so
tests check what was asked, and answers from a script: (status, text) pairs, the last one repeated."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

ERROR_STATUS = {400: "INVALID_ARGUMENT", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE"}


@dataclass
class Request:
    path: str
    api_key: str
    body: dict[str, Any]

    @property
    def prompt(self) -> str:
        return "\n".join(p.get("text", "") for c in self.body.get("contents", []) for p in c.get("parts", []))

    @property
    def system(self) -> str:
        parts = (self.body.get("systemInstruction") or self.body.get("system_instruction") or {}).get("parts", [])
        return "\n".join(p.get("text", "") for p in parts)


@dataclass
class FakeGemini:
    answers: list[tuple[int, str]] = field(default_factory=lambda: [(200, "{}")])
    requests: list[Request] = field(default_factory=list)
    port: int = 0

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def script(self, *answers: tuple[int, str]) -> None:
        self.answers = list(answers)
        self.requests.clear()

    def next_answer(self) -> tuple[int, str]:
        index = min(len(self.requests) - 1, len(self.answers) - 1)
        return self.answers[index]


def _handler(fake: FakeGemini) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            path = self.path.split("?", 1)[0]
            fake.requests.append(Request(path, self.headers.get("x-goog-api-key", ""), body))
            status, text = fake.next_answer()
            if not (path.startswith("/v1beta/models/") and path.endswith(":generateContent")):
                status, text = 404, f"unexpected path {path}"
            if status == 200:
                payload: dict[str, Any] = {"candidates": [{"content": {"parts": [{"text": text}], "role": "model"},
                                                           "finishReason": "STOP", "index": 0}]}
            else:
                payload = {"error": {"code": status, "message": text, "status": ERROR_STATUS.get(status, "UNKNOWN")}}
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet
            pass

    return Handler


@pytest.fixture
def gemini(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGemini]:
    """A fake Gemini on a free loopback port; GEMINI_API_KEY and ALGOITNY_GEMINI_ENDPOINT point at it."""
    fake = FakeGemini()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    fake.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("GEMINI_API_KEY", "test-key-123")
    monkeypatch.setenv("ALGOITNY_GEMINI_ENDPOINT", fake.endpoint)
    yield fake
    server.shutdown()
    server.server_close()
