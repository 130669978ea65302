"""`algoitny hints --check`: one small request with the configured key and model, through the real CLI and the
real google-genai client against the fake Gemini (tests/gemini_server.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.gemini_server import KEY, MODEL_VERSION, FakeGemini, Reply


def check(*extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "algoitny_tui", "hints", "--check", *extra],
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        timeout=60,
    )


def test_check_names_the_model_that_answered(gemini: FakeGemini) -> None:
    gemini.script(Reply(text='"ok"'))
    done = check()
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"Gemini answered: model {MODEL_VERSION} (gemini_model = gemini-flash-latest)\n"
    as_json = check("--json")
    assert json.loads(as_json.stdout) == {
        "ok": True,
        "model": MODEL_VERSION,
        "gemini_model": "gemini-flash-latest",
        "endpoint": gemini.endpoint,
    }
    assert [r.model for r in gemini.requests] == ["gemini-flash-latest"] * 2 and gemini.requests[
        0
    ].api_key == KEY


@pytest.mark.parametrize(
    "status, message, code, says",
    [
        (404, "models/gemini-flash-latest is not found for API version v1beta", 2, "set gemini_model"),
        (400, "API key not valid. Please pass a valid API key.", 2, "check gemini_api_key"),
        (503, "The model is overloaded.", 1, "Gemini server error (HTTP 503"),
    ],
)
def test_check_failures_name_the_setting(
    gemini: FakeGemini, status: int, message: str, code: int, says: str
) -> None:
    gemini.script((status, f"{message} ({KEY})"))  # a server that echoes the key: it is never printed
    done = check()
    assert done.returncode == code and done.stdout == ""
    assert done.stderr.startswith("algoitny: Gemini check failed: ") and says in done.stderr
    assert "Traceback" not in done.stderr and KEY not in done.stderr
    assert len(gemini.requests) == 1


def test_check_without_a_key_says_which_setting() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("GEMINI_API_KEY", "ALGOITNY_GEMINI_API_KEY")}
    done = check(env=env)
    assert done.returncode == 2
    assert (
        done.stderr
        == "algoitny: Gemini check failed: no Gemini key: set gemini_api_key (or GEMINI_API_KEY)\n"
    )


def test_a_history_id_is_still_required_without_check() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "algoitny_tui", "hints"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "give a HISTORY_ID" in done.stderr
