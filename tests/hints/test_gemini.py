"""The Gemini engine through the real google-generativeai client (transport="rest"), pointed at a local HTTP
server that answers like the Gemini API and records what it was sent."""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from algoitny_tui.config import Settings
from algoitny_tui.hints import GeminiHintEngine, HintEngineError, generate_hints
from algoitny_tui.hints.engine import _engines
from algoitny_tui.hints.source import significant_lines
from tests.hints.cases import CASES, CPP_OVERFLOW_REF, Case

KEY = "AIzaTEST-secret-key-0123456789abcdef"
MODEL = "gemini-test"
OVERFLOW = next(c for c in CASES if c.name == "WA overflow")


def gemini_answer(text: str) -> dict[str, Any]:
    return {"candidates": [{"content": {"parts": [{"text": text}], "role": "model"}, "finishReason": "STOP",
                            "index": 0}],
            "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 5, "totalTokenCount": 15}}


def gemini_error(code: int, status: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "status": status}}


@dataclass
class Reply:
    status: int = 200
    body: Any = field(default_factory=lambda: gemini_answer('["hint one"]'))
    delay: float = 0.0


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def prompt(self) -> str:
        return "\n".join(p.get("text", "") for c in self.body.get("contents", []) for p in c.get("parts", []))


class FakeGemini:
    """Answers `POST /v1beta/models/{model}:generateContent` from a queue of replies (the last one repeats)."""

    def __init__(self) -> None:
        self.replies: list[Reply] = [Reply()]
        self.seen: list[Seen] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                raw = self.rfile.read(int(self.headers.get("content-length") or 0))
                try:
                    body = json.loads(raw or b"{}")
                except ValueError:
                    body = {"unparsed": raw.decode("utf-8", "replace")}
                fake.seen.append(Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                reply = fake.replies.pop(0) if len(fake.replies) > 1 else fake.replies[0]
                if reply.delay:
                    time.sleep(reply.delay)
                data = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json; charset=UTF-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                    pass

            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.endpoint = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def reply(self, *replies: Reply) -> None:
        self.replies = list(replies)


@pytest.fixture
def gemini() -> Iterator[FakeGemini]:
    fake = FakeGemini()
    fake.thread.start()
    _engines.clear()
    try:
        yield fake
    finally:
        fake.server.shutdown()
        fake.server.server_close()
        _engines.clear()


def settings_for(fake: FakeGemini) -> Settings:
    return Settings(gemini_api_key=KEY, gemini_model=MODEL, gemini_endpoint=fake.endpoint)


def engine_for(fake: FakeGemini, timeout: float = 10.0, key: str = KEY) -> GeminiHintEngine:
    return GeminiHintEngine(key, MODEL, fake.endpoint, timeout=timeout)


def test_success_sends_the_evidence_and_the_key_but_not_the_reference(gemini: FakeGemini) -> None:
    result = generate_hints(OVERFLOW.request(), settings_for(gemini))
    assert result.engine == "gemini" and result.note == ""
    assert result.hints == ["hint one"]
    (seen,) = gemini.seen
    assert seen.path.startswith(f"/v1beta/models/{MODEL}:generateContent")
    assert seen.headers.get("x-goog-api-key") == KEY
    prompt = seen.prompt
    assert "Overall verdict: WA" in prompt
    assert "-1294967296" in prompt and "3000000000" in prompt  # the failing evidence
    assert "int product = a * b;" in prompt  # the code
    assert "Write 1 new hint(s)" in prompt and "level 1" in prompt
    assert "64-bit" in prompt  # the reference's approach, in words
    own = set(significant_lines(OVERFLOW.code))  # boilerplate both share (#include, int main) is the student's too
    for line in set(significant_lines(CPP_OVERFLOW_REF)) - own:
        assert line not in prompt, f"reference line sent to Gemini: {line!r}"
    assert "systemInstruction" in seen.body or "system_instruction" in seen.body
    assert seen.body["generationConfig"]["responseMimeType"] == "application/json"


def test_previous_hints_ask_for_the_next_levels(gemini: FakeGemini) -> None:
    gemini.reply(Reply(body=gemini_answer('["second", "third", "fourth"]')))
    request = OVERFLOW.request(previous=("first hint given",))
    hints = engine_for(gemini).hints(request, 2)
    assert hints == ["second", "third"]
    prompt = gemini.seen[0].prompt
    assert "1. first hint given" in prompt
    assert "level 2" in prompt and "level 3" in prompt and "level 1:" not in prompt


@pytest.mark.parametrize("text, expected", [
    ('```json\n["a", "b"]\n```', ["a", "b"]),
    ('{"hints": ["a", "b"]}', ["a", "b"]),
    ("1. Look at the loop bounds.\n2. Check n = 1.", ["Look at the loop bounds.", "Check n = 1."]),
])
def test_answers_in_other_shapes_are_read(gemini: FakeGemini, text: str, expected: list[str]) -> None:
    gemini.reply(Reply(body=gemini_answer(text)))
    assert engine_for(gemini).hints(OVERFLOW.request(), 2) == expected


def test_a_reference_line_in_the_answer_is_removed(gemini: FakeGemini) -> None:
    leaked = "long long product_of_both = first_value * second_value;"
    gemini.reply(Reply(body=gemini_answer(json.dumps([f"Write {leaked} and you are done."]))))
    (hint,) = engine_for(gemini).hints(OVERFLOW.request(), 1)
    assert leaked not in hint


def test_429_falls_back_to_offline_with_a_note(gemini: FakeGemini) -> None:
    gemini.reply(Reply(429, gemini_error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted")))
    result = generate_hints(OVERFLOW.request(), settings_for(gemini), levels=2)
    assert result.engine == "offline"
    assert result.note == "Gemini failed (HTTP 429); hints from the offline engine"
    assert result.hints[0].startswith("Wrong answer") and len(result.hints) == 2
    assert len(gemini.seen) == 1  # no retry loop inside the client: the worker owns retries


def test_429_then_success_when_the_worker_retries(gemini: FakeGemini) -> None:
    gemini.reply(Reply(429, gemini_error(429, "RESOURCE_EXHAUSTED", "slow down")), Reply())
    with pytest.raises(HintEngineError) as info:
        generate_hints(OVERFLOW.request(), settings_for(gemini), fallback=False)
    assert info.value.transient and info.value.status == 429
    assert generate_hints(OVERFLOW.request(), settings_for(gemini), fallback=False).hints == ["hint one"]


@pytest.mark.parametrize("status, transient", [(500, True), (503, True), (400, False), (403, False)])
def test_http_errors(gemini: FakeGemini, status: int, transient: bool) -> None:
    gemini.reply(Reply(status, gemini_error(status, "SOME_STATUS", "server says no")))
    with pytest.raises(HintEngineError) as info:
        engine_for(gemini).hints(OVERFLOW.request(), 1)
    assert info.value.transient is transient
    assert info.value.status == status
    assert len(gemini.seen) == 1  # the client's own 503 retry (600 s) is off


def test_malformed_json_falls_back(gemini: FakeGemini) -> None:
    gemini.reply(Reply(200, b'{"candidates": [{"content": '))
    with pytest.raises(HintEngineError) as info:
        engine_for(gemini).hints(OVERFLOW.request(), 1)
    assert info.value.reason == "malformed response"
    result = generate_hints(OVERFLOW.request(), settings_for(gemini))
    assert result.engine == "offline" and "malformed response" in result.note


def test_timeout_is_transient_and_fast(gemini: FakeGemini) -> None:
    gemini.reply(Reply(delay=8.0))
    started = time.monotonic()
    with pytest.raises(HintEngineError) as info:
        engine_for(gemini, timeout=0.3).hints(OVERFLOW.request(), 1)
    # Not a speed measure: the 0.3 s timeout ended the call long before the server's 8 s reply (a margin that a
    # loaded CI machine cannot eat up).
    assert time.monotonic() - started < 6.0
    assert info.value.transient and info.value.reason == "timeout"


def test_the_key_never_leaks(gemini: FakeGemini, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    # a server (or proxy) that echoes the key back in its error message
    gemini.reply(Reply(400, gemini_error(400, "INVALID_ARGUMENT", f"API key not valid: {KEY}")))
    with pytest.raises(HintEngineError) as info:
        engine_for(gemini).hints(OVERFLOW.request(), 1)
    assert KEY not in str(info.value) and KEY not in repr(info.value) and KEY not in info.value.reason
    assert info.value.__cause__ is None and info.value.__suppress_context__
    result = generate_hints(OVERFLOW.request(), settings_for(gemini))
    assert result.engine == "offline" and "HTTP 400" in result.note and KEY not in result.note
    assert KEY not in repr(engine_for(gemini))
    assert caplog.records, "the fallback is logged"
    for record in caplog.records:
        assert KEY not in record.getMessage()


def test_two_engines_keep_their_own_keys(gemini: FakeGemini) -> None:
    import google.generativeai as genai
    from google.generativeai import client as genai_client

    first, second = engine_for(gemini, key="key-one"), engine_for(gemini, key="key-two")
    first.hints(OVERFLOW.request(), 1)
    second.hints(OVERFLOW.request(), 1)
    first.hints(OVERFLOW.request(), 1)
    assert [s.headers.get("x-goog-api-key") for s in gemini.seen] == ["key-one", "key-two", "key-one"]
    # and the process-global configuration of google-generativeai was not touched
    options = genai_client._client_manager.client_config.get("client_options")
    assert getattr(options, "api_key", None) not in ("key-one", "key-two")
    assert genai.GenerativeModel  # the real library is in use


def test_compile_error_prompt_carries_the_compiler_output(gemini: FakeGemini) -> None:
    case: Case = next(c for c in CASES if c.name == "CE c++ missing semicolon")
    engine_for(gemini).hints(case.request(), 1)
    prompt = gemini.seen[0].prompt
    assert "expected ';' before 'cout'" in prompt and "Overall verdict: CE" in prompt
