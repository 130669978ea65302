"""The Gemini hint engine through the real google-genai client, pointed at a local HTTP server that answers like
the Gemini API, checks the shape of what the SDK sends, and records it (tests/gemini_server.py)."""

from __future__ import annotations

import json
import logging
import time

import pytest

from algoitny_tui.config import Settings
from algoitny_tui.gemini import GeminiClient, GeminiError, check_key
from algoitny_tui.hints import GeminiHintEngine, generate_hints
from algoitny_tui.hints.source import significant_lines
from tests.gemini_server import KEY, MODEL_VERSION, FakeGemini, Reply
from tests.hints.cases import CASES, CPP_OVERFLOW_REF, Case

MODEL = "gemini-test"
OVERFLOW = next(c for c in CASES if c.name == "WA overflow")


def settings_for(fake: FakeGemini, model: str = MODEL) -> Settings:
    return Settings(gemini_api_key=KEY, gemini_model=model, gemini_endpoint=fake.endpoint)


def engine_for(fake: FakeGemini, timeout: float = 10.0, key: str = KEY) -> GeminiHintEngine:
    return GeminiHintEngine.connect(key, MODEL, fake.endpoint, timeout=timeout)


def test_success_sends_the_evidence_and_the_key_but_not_the_reference(gemini: FakeGemini) -> None:
    result = generate_hints(OVERFLOW.request(), settings_for(gemini))
    assert result.engine == "gemini" and result.note == ""
    assert result.hints == ["hint one"]
    (seen,) = gemini.requests
    assert seen.path == f"/v1beta/models/{MODEL}:generateContent"
    assert seen.api_key == KEY
    prompt = seen.prompt
    assert "Overall verdict: WA" in prompt
    assert "-1294967296" in prompt and "3000000000" in prompt  # the failing evidence
    assert "int product = a * b;" in prompt  # the code
    assert "Write 1 new hint(s)" in prompt and "level 1" in prompt
    assert "64-bit" in prompt  # the reference's approach, in words
    own = set(
        significant_lines(OVERFLOW.code)
    )  # boilerplate both share (#include, int main) is the student's too
    for line in set(significant_lines(CPP_OVERFLOW_REF)) - own:
        assert line not in prompt, f"reference line sent to Gemini: {line!r}"
    assert "patient tutor" in seen.system
    assert seen.config == {
        "temperature": 0.3,
        "responseMimeType": "application/json",
        "responseSchema": {"type": "ARRAY", "items": {"type": "STRING"}},
    }


def test_previous_hints_ask_for_the_next_levels(gemini: FakeGemini) -> None:
    gemini.script(Reply(text='["second", "third", "fourth"]'))
    request = OVERFLOW.request(previous=("first hint given",))
    hints = engine_for(gemini).hints(request, 2)
    assert hints == ["second", "third"]
    prompt = gemini.requests[0].prompt
    assert "1. first hint given" in prompt
    assert "level 2" in prompt and "level 3" in prompt and "level 1:" not in prompt


@pytest.mark.parametrize(
    "text, expected",
    [
        ('```json\n["a", "b"]\n```', ["a", "b"]),
        ('{"hints": ["a", "b"]}', ["a", "b"]),
    ],
)
def test_json_in_other_shapes_is_read(gemini: FakeGemini, text: str, expected: list[str]) -> None:
    gemini.script(Reply(text=text))
    assert engine_for(gemini).hints(OVERFLOW.request(), 2) == expected


def test_an_answer_that_is_not_the_requested_json_gives_an_offline_hint(gemini: FakeGemini) -> None:
    gemini.script(Reply(text="1. Look at the loop bounds.\n2. Check n = 1."))
    with pytest.raises(GeminiError) as info:
        engine_for(gemini).hints(OVERFLOW.request(), 1)
    assert not info.value.transient and info.value.reason == "answer not the requested JSON"
    result = generate_hints(OVERFLOW.request(), settings_for(gemini), fallback=False)
    assert result.engine == "offline" and result.hints[0].startswith("Wrong answer")
    assert result.note == "Gemini: answer not the requested JSON; offline hint shown"


def test_a_reference_line_in_the_answer_is_removed(gemini: FakeGemini) -> None:
    leaked = "long long product_of_both = first_value * second_value;"
    gemini.script(Reply(text=json.dumps([f"Write {leaked} and you are done."])))
    (hint,) = engine_for(gemini).hints(OVERFLOW.request(), 1)
    assert leaked not in hint and "Write" in hint


def test_an_unknown_model_gives_an_offline_hint_and_names_the_setting(gemini: FakeGemini) -> None:
    gemini.script(
        (
            404,
            "models/gemini-1.5-flash is not found for API version v1beta, or is not supported for "
            "generateContent.",
        )
    )
    with pytest.raises(GeminiError) as info:
        GeminiHintEngine(GeminiClient(KEY, "gemini-1.5-flash", gemini.endpoint)).hints(OVERFLOW.request(), 1)
    assert not info.value.transient and info.value.status == 404 and info.value.setting == "gemini_model"
    assert "set gemini_model to a current model" in str(info.value)
    # permanent: even the worker's early attempts (fallback=False) settle for the offline engine at once
    result = generate_hints(OVERFLOW.request(), settings_for(gemini, "gemini-1.5-flash"), fallback=False)
    assert result.engine == "offline" and result.hints[0].startswith("Wrong answer")
    assert result.note == "Gemini: model not found (gemini_model = gemini-1.5-flash); offline hint shown"
    assert [s.model for s in gemini.requests] == ["gemini-1.5-flash", "gemini-1.5-flash"]


@pytest.mark.parametrize(
    "status, message, reason, setting",
    [
        (
            400,
            "API key not valid. Please pass a valid API key.",
            "key refused (HTTP 400, gemini_api_key)",
            "gemini_api_key",
        ),
        (
            403,
            "Method doesn't allow unregistered callers.",
            "key refused (HTTP 403, gemini_api_key)",
            "gemini_api_key",
        ),
        (400, "Invalid JSON payload received.", "request refused (HTTP 400)", None),
    ],
)
def test_refusals_are_permanent(
    gemini: FakeGemini, status: int, message: str, reason: str, setting: str | None
) -> None:
    gemini.script((status, message))
    with pytest.raises(GeminiError) as info:
        engine_for(gemini).hints(OVERFLOW.request(), 1)
    assert (info.value.transient, info.value.status, info.value.reason, info.value.setting) == (
        False,
        status,
        reason,
        setting,
    )
    assert message in str(info.value)
    result = generate_hints(OVERFLOW.request(), settings_for(gemini), fallback=False)
    assert result.engine == "offline" and result.note == f"Gemini: {reason}; offline hint shown"
    assert len(gemini.requests) == 2  # one each: the SDK does not retry


@pytest.mark.parametrize(
    "status, reason",
    [(429, "rate limited (HTTP 429)"), (500, "server error (HTTP 500)"), (503, "server error (HTTP 503)")],
)
def test_transient_errors_are_left_to_the_worker_then_fall_back(
    gemini: FakeGemini, status: int, reason: str
) -> None:
    gemini.script((status, "try later"))
    with pytest.raises(GeminiError) as info:
        generate_hints(OVERFLOW.request(), settings_for(gemini), fallback=False)
    assert info.value.transient and info.value.status == status and info.value.reason == reason
    assert len(gemini.requests) == 1  # the SDK's own retries are off: the worker retries with its backoff
    result = generate_hints(OVERFLOW.request(), settings_for(gemini), levels=2)
    assert result.engine == "offline" and len(result.hints) == 2
    assert result.note == f"Gemini: {reason}; offline hint shown"


def test_429_then_success_when_the_worker_retries(gemini: FakeGemini) -> None:
    gemini.script((429, "Resource has been exhausted"), Reply())
    with pytest.raises(GeminiError) as info:
        generate_hints(OVERFLOW.request(), settings_for(gemini), fallback=False)
    assert info.value.transient and info.value.status == 429
    result = generate_hints(OVERFLOW.request(), settings_for(gemini), fallback=False)
    assert result.engine == "gemini" and result.hints == ["hint one"]


def test_a_body_that_is_not_json_is_a_malformed_response(gemini: FakeGemini) -> None:
    gemini.script(Reply(raw=b"<html><body>502 from a proxy</body></html>"))
    with pytest.raises(GeminiError) as info:
        engine_for(gemini).hints(OVERFLOW.request(), 1)
    assert info.value.reason == "malformed response" and not info.value.transient
    result = generate_hints(OVERFLOW.request(), settings_for(gemini))
    assert result.engine == "offline" and result.note == "Gemini: malformed response; offline hint shown"


@pytest.mark.parametrize(
    "body, reason",
    [
        ({"candidates": [{"finishReason": "SAFETY", "index": 0}]}, "no answer (SAFETY)"),
        ({"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"}}, "no answer (PROHIBITED_CONTENT)"),
    ],
)
def test_an_answer_without_text_says_why(gemini: FakeGemini, body: dict[str, object], reason: str) -> None:
    gemini.script(Reply(raw=json.dumps(body).encode()))
    with pytest.raises(GeminiError) as info:
        engine_for(gemini).hints(OVERFLOW.request(), 1)
    assert info.value.reason == reason and not info.value.transient
    result = generate_hints(OVERFLOW.request(), settings_for(gemini))
    assert result.engine == "offline" and result.note == f"Gemini: {reason}; offline hint shown"


def test_a_slow_server_past_the_timeout_is_transient(gemini: FakeGemini) -> None:
    gemini.script(Reply(delay=8.0))
    started = time.monotonic()
    with pytest.raises(GeminiError) as info:
        engine_for(gemini, timeout=0.5).hints(OVERFLOW.request(), 1)
    # Not a speed measure: the 0.5 s timeout ended the call long before the server's 8 s reply (a margin that a
    # loaded CI machine cannot eat up).
    assert time.monotonic() - started < 6.0
    assert info.value.transient and info.value.reason == "no answer within 0.5 s"


def test_an_endpoint_nobody_listens_on_is_transient_and_named() -> None:
    import socket

    with socket.socket() as sock:  # a free port, closed again: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    endpoint = f"http://127.0.0.1:{port}"
    with pytest.raises(GeminiError) as info:
        GeminiHintEngine.connect(KEY, MODEL, endpoint).hints(OVERFLOW.request(), 1)
    assert info.value.transient and info.value.reason == f"cannot reach gemini_endpoint = {endpoint}"


def test_the_key_never_leaks(gemini: FakeGemini, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    # a server (or proxy) that echoes the key back in its error message
    gemini.script((400, f"API key not valid: {KEY}"))
    with pytest.raises(GeminiError) as info:
        engine_for(gemini).hints(OVERFLOW.request(), 1)
    assert KEY not in str(info.value) and KEY not in repr(info.value) and KEY not in info.value.reason
    assert info.value.__cause__ is None and info.value.__suppress_context__
    result = generate_hints(OVERFLOW.request(), settings_for(gemini))
    assert result.engine == "offline" and "HTTP 400" in result.note and KEY not in result.note
    assert KEY not in repr(engine_for(gemini)) and KEY not in repr(engine_for(gemini).client)
    assert caplog.records, "the fallback is logged"
    for record in caplog.records:
        assert KEY not in record.getMessage()


def test_two_engines_keep_their_own_keys(gemini: FakeGemini) -> None:
    first, second = engine_for(gemini, key="key-one"), engine_for(gemini, key="key-two")
    first.hints(OVERFLOW.request(), 1)
    second.hints(OVERFLOW.request(), 1)
    first.hints(OVERFLOW.request(), 1)
    assert [s.api_key for s in gemini.requests] == ["key-one", "key-two", "key-one"]


def test_compile_error_prompt_carries_the_compiler_output(gemini: FakeGemini) -> None:
    case: Case = next(c for c in CASES if c.name == "CE c++ missing semicolon")
    engine_for(gemini).hints(case.request(), 1)
    prompt = gemini.requests[0].prompt
    assert "expected ';' before 'cout'" in prompt and "Overall verdict: CE" in prompt


def test_the_key_check_names_the_model_that_answered(gemini: FakeGemini) -> None:
    gemini.script(Reply(text='"ok"'))
    answer = check_key(settings_for(gemini, "gemini-flash-latest"))
    assert answer.model == MODEL_VERSION  # the version behind the alias, as Gemini reports it
    (seen,) = gemini.requests
    assert seen.model == "gemini-flash-latest" and seen.api_key == KEY
    gemini.script((404, "models/gemini-x is not found"))
    with pytest.raises(GeminiError) as info:
        check_key(settings_for(gemini, "gemini-x"))
    assert info.value.setting == "gemini_model" and "gemini-x" in str(info.value)


def test_the_fake_refuses_requests_of_another_shape() -> None:
    """The shape check every test above relies on can fail: a request as the retired SDK's REST transport or a
    hand-written client might send it is refused, field by field."""
    from tests.gemini_server import shape_problems

    problems = shape_problems(
        "/v1/models/gemini-test:generateContent?key=x",
        {"content-type": "application/json"},
        {
            "contents": [{"parts": [{"text": "hi"}]}],
            "generation_config": {"response_mime_type": "application/json"},
        },
    )
    assert any(p.startswith("path") for p in problems) and "no x-goog-api-key header" in problems
    assert any(p.startswith("user-agent") for p in problems)
    assert any("generation_config" in p for p in problems) and any(p.startswith("contents") for p in problems)
