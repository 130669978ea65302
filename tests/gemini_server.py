"""A local HTTP server that answers like the Gemini API (`POST /v1beta/models/{model}:generateContent`), for the
real google-genai client pointed at it with `gemini_endpoint` (HttpOptions.base_url). Mocked because the machine
cannot reach Google; everything on our side of the HTTP request is real.

It records every request and answers from a script of replies (the last one repeats). It also checks that each
request has the shape the real API expects and the SDK was seen to send (path, headers, body fields): a request
that differs is answered 400 and listed in `unexpected`, and the fixture fails the test at its end, so an SDK
upgrade that changes the wire format cannot pass unnoticed.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

KEY = "AIzaTEST-secret-key-0123456789abcdef"
MODEL_VERSION = "gemini-fake-flash-001"
ERROR_STATUS = {
    400: "INVALID_ARGUMENT",
    401: "UNAUTHENTICATED",
    403: "PERMISSION_DENIED",
    404: "NOT_FOUND",
    429: "RESOURCE_EXHAUSTED",
    500: "INTERNAL",
    503: "UNAVAILABLE",
}
PATH = re.compile(r"^/v1beta/models/(?P<model>[A-Za-z0-9.\-_]+):generateContent$")
BODY_FIELDS = {"contents", "systemInstruction", "generationConfig"}
CONFIG_FIELDS = {"temperature", "responseMimeType", "responseSchema"}


@dataclass
class Reply:
    """One answer: `text` is the model's text for a 200, the error message otherwise; `raw` replaces the whole
    body (a proxy's HTML page); `delay` holds the answer back (timeouts)."""

    status: int = 200
    text: str = '["hint one"]'
    raw: bytes | None = None
    delay: float = 0.0

    def body(self) -> bytes:
        if self.raw is not None:
            return self.raw
        if self.status == 200:
            return json.dumps(
                {
                    "candidates": [
                        {
                            "content": {"parts": [{"text": self.text}], "role": "model"},
                            "finishReason": "STOP",
                            "index": 0,
                        }
                    ],
                    "usageMetadata": {
                        "promptTokenCount": 10,
                        "candidatesTokenCount": 5,
                        "totalTokenCount": 15,
                    },
                    "modelVersion": MODEL_VERSION,
                }
            ).encode()
        return json.dumps(
            {
                "error": {
                    "code": self.status,
                    "message": self.text,
                    "status": ERROR_STATUS.get(self.status, "UNKNOWN"),
                }
            }
        ).encode()


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def api_key(self) -> str:
        return self.headers.get("x-goog-api-key", "")

    @property
    def model(self) -> str:
        match = PATH.match(self.path)
        return match["model"] if match else ""

    @property
    def prompt(self) -> str:
        return "\n".join(p.get("text", "") for c in self.body.get("contents", []) for p in c.get("parts", []))

    @property
    def system(self) -> str:
        return "\n".join(
            p.get("text", "") for p in (self.body.get("systemInstruction") or {}).get("parts", [])
        )

    @property
    def config(self) -> dict[str, Any]:
        return dict(self.body.get("generationConfig") or {})


def shape_problems(path: str, headers: dict[str, str], body: Any) -> list[str]:
    """How a request differs from a generateContent request of the Gemini API (empty when it does not)."""
    problems = []
    if not PATH.match(path):
        problems.append(f"path {path!r} is not /v1beta/models/MODEL:generateContent")
    if not headers.get("x-goog-api-key"):
        problems.append("no x-goog-api-key header")
    if not headers.get("content-type", "").startswith("application/json"):
        problems.append(f"content-type {headers.get('content-type')!r}")
    if not headers.get("user-agent", "").startswith("google-genai-sdk/"):
        problems.append(f"user-agent {headers.get('user-agent')!r} is not the google-genai SDK's")
    if not isinstance(body, dict):
        return [*problems, "the body is not a JSON object"]
    if set(body) - BODY_FIELDS:
        problems.append(f"unexpected body fields {sorted(set(body) - BODY_FIELDS)}")
    contents = body.get("contents")
    if not (
        isinstance(contents, list)
        and len(contents) == 1
        and contents[0].get("role") == "user"
        and [set(p) for p in contents[0].get("parts", [])] == [{"text"}]
    ):
        problems.append(f"contents is not one user turn of text: {str(contents)[:200]}")
    system = body.get("systemInstruction")
    if not (isinstance(system, dict) and [set(p) for p in system.get("parts", [])] == [{"text"}]):
        problems.append(f"systemInstruction is not text parts: {str(system)[:200]}")
    config = body.get("generationConfig")
    if not isinstance(config, dict) or set(config) - CONFIG_FIELDS:
        problems.append(f"generationConfig fields {sorted(config) if isinstance(config, dict) else config}")
    elif ("responseSchema" in config) != (config.get("responseMimeType") == "application/json"):
        problems.append("responseSchema without responseMimeType application/json (or the reverse)")
    return problems


class FakeGemini:
    def __init__(self) -> None:
        self.replies: list[Reply] = [Reply()]
        self.requests: list[Seen] = []
        self.unexpected: list[str] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = raw.decode("utf-8", "replace")
                reply = fake._record(self.path, headers, body)
                if reply.delay:
                    time.sleep(reply.delay)
                data = reply.body()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json; charset=UTF-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                    pass

            do_GET = do_POST  # noqa: N815 - recorded, and refused by the shape check

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - keep test output clean
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self.server.server_port}"

    def _record(self, path: str, headers: dict[str, str], body: Any) -> Reply:
        with self._lock:
            problems = shape_problems(path, headers, body)
            self.requests.append(Seen(path, headers, body if isinstance(body, dict) else {"unparsed": body}))
            if problems:
                self.unexpected.extend(problems)
                return Reply(400, "fake Gemini: unexpected request: " + "; ".join(problems))
            return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]

    def script(self, *replies: Reply | tuple[int, str]) -> None:
        """The next answers, in order (the last one repeats); a (status, text) pair is a Reply."""
        self.replies = [r if isinstance(r, Reply) else Reply(r[0], r[1]) for r in replies]
        self.requests.clear()


@pytest.fixture
def gemini(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeGemini]:
    """A fake Gemini on a free loopback port; GEMINI_API_KEY and ALGOITNY_GEMINI_ENDPOINT point at it (for
    workers and commands started by the test). Fails the test if the SDK sent a request of another shape."""
    from algoitny_tui import gemini as client_module

    fake = FakeGemini()
    thread = threading.Thread(target=fake.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    monkeypatch.setenv("GEMINI_API_KEY", KEY)
    monkeypatch.setenv("ALGOITNY_GEMINI_ENDPOINT", fake.endpoint)
    client_module._clients.clear()
    try:
        yield fake
    finally:
        fake.server.shutdown()
        fake.server.server_close()
        client_module._clients.clear()
    assert fake.unexpected == [], f"the SDK sent requests the fake Gemini does not expect: {fake.unexpected}"
