"""One Gemini request for the worker's own prompts (test generators, page extraction).

Same conventions as the hint engine (algoitny_tui/hints/gemini.py): google-generativeai with its REST transport, a
client of our own (not the process-global `genai.configure`), the endpoint from settings, no client-side retries
(Huey retries transient failures with backoff), transient failures as HintEngineError(transient=True) and the key
never in a message.
"""

from __future__ import annotations

import re
import threading
import warnings
from typing import Any

from algoitny_tui.config import Settings
from algoitny_tui.hints.base import HintEngineError
from algoitny_tui.hints.gemini import scrub
from algoitny_tui.worker.errors import PermanentTaskError

TIMEOUT_S = 60.0
_REQUEST_PREFIX = re.compile(r"^(GET|POST) \S+: ")

_clients: dict[tuple[str, str | None], Any] = {}
_lock = threading.Lock()


def gemini_available(settings: Settings) -> bool:
    return bool(settings.gemini_key())


def _client(key: str, endpoint: str | None) -> Any:
    with _lock:
        client = _clients.get((key, endpoint))
        if client is None:
            from google.ai import generativelanguage as glm
            from google.api_core import client_options

            options = client_options.ClientOptions(api_key=key)
            if endpoint:
                options.api_endpoint = endpoint
            client = _clients[(key, endpoint)] = glm.GenerativeServiceClient(transport="rest",
                                                                             client_options=options)
        return client


def ask_gemini(settings: Settings, prompt: str, *, system: str, json_answer: bool = False) -> str:
    """Gemini's text answer to `prompt`; HintEngineError(transient=True) or PermanentTaskError when it fails."""
    key = settings.gemini_key()
    if not key:
        raise PermanentTaskError("no Gemini key: set GEMINI_API_KEY")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # the package announces its successor on import
        import google.generativeai as genai

    config: dict[str, Any] = {"temperature": 0.2}
    if json_answer:
        config["response_mime_type"] = "application/json"
    model = genai.GenerativeModel(settings.gemini_model, system_instruction=system,
                                  generation_config=config)  # type: ignore[arg-type]
    model._client = _client(key, settings.gemini_endpoint)  # our own client, as the hint engine does
    try:
        options: Any = {"timeout": TIMEOUT_S, "retry": None}
        response = model.generate_content(prompt, request_options=options)
        return str(response.text)
    except ValueError as exc:  # no text: blocked, or no candidates
        raise PermanentTaskError(f"Gemini returned no text: {scrub(str(exc), key)[:200]}") from None
    except Exception as exc:
        raise _error(exc, key) from None


def _error(exc: Exception, key: str) -> Exception:
    """HintEngineError(transient=True) for what a retry may cure (429, 5xx, no connection), else a
    PermanentTaskError: the job's error then reads as the message itself."""
    from google.api_core import exceptions as gexc

    if isinstance(exc, gexc.GoogleAPICallError):
        status = exc.code if isinstance(exc.code, int) else None
        # The REST transport puts "POST <url>: " before the server's message: the URL says nothing to a user.
        detail = _REQUEST_PREFIX.sub("", str(exc.message or type(exc).__name__))
        message = f"Gemini request failed: HTTP {status}: {scrub(detail, key)[:200]}"
        if status is not None and (status == 429 or status >= 500):
            return HintEngineError(message, transient=True, status=status)
        return PermanentTaskError(message)
    module = type(exc).__module__
    if module.startswith(("requests", "urllib3")) or isinstance(exc, TimeoutError | gexc.RetryError):
        return HintEngineError(f"cannot reach Gemini: {type(exc).__name__}", transient=True)
    return PermanentTaskError(scrub(f"Gemini request failed: {type(exc).__name__}: {exc}", key)[:300])


def strip_code_fence(text: str) -> str:
    """The code inside a ```lang ... ``` block when the answer has one; the answer itself otherwise."""
    lines = text.strip().splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().startswith("```")), None)
    if start is None:
        return text.strip() + "\n"
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip().startswith("```")), len(lines))
    return "\n".join(lines[start + 1:end]).strip() + "\n"
