"""The Gemini hint engine, through google-generativeai (imported lazily: the app's start-up stays light).

Client per engine, not `genai.configure`: configure() stores one process-global client config (client.py's
`_client_manager`), so two engines with different keys or endpoints would overwrite each other, and a lock around
configure + request would serialize every Gemini call in the worker. Instead each engine builds its own
`GenerativeServiceClient` with the same arguments configure() would pass (transport="rest", client_options with
api_key and api_endpoint) and hands it to its `GenerativeModel`, which only falls back to the global client when
its own `_client` is unset (generative_models.py). test_two_engines_keep_their_own_keys guards this.

The reference solution is NOT sent. The student's code goes into the same prompt, and it is untrusted text: a
comment can ask the model to print whatever else it was given. The model gets the reference's approach in words
instead (what the offline engine would also say), and every answer still passes the leak guard.
"""

from __future__ import annotations

import logging
import threading
import warnings
from typing import Any

from algoitny_tui.hints import offline
from algoitny_tui.hints.base import HintEngineError, HintRequest
from algoitny_tui.hints.prompt import SYSTEM, build_prompt, parse_answer
from algoitny_tui.hints.source import approach_in_words, redact

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0


def scrub(text: str, secret: str | None) -> str:
    """`text` without the secret (an API key), however it was quoted or URL-encoded."""
    if not secret:
        return text
    from urllib.parse import quote, quote_plus

    for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
        text = text.replace(form, "***")
    return text


class GeminiHintEngine:
    def __init__(self, api_key: str, model: str, endpoint: str | None = None, timeout: float = DEFAULT_TIMEOUT):
        if not api_key:
            raise HintEngineError("Gemini needs an API key (GEMINI_API_KEY)")
        self._key = api_key
        self.model = model
        self.endpoint = endpoint or None
        self.timeout = timeout
        self._client: Any = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # never the key
        return f"GeminiHintEngine(model={self.model!r}, endpoint={self.endpoint!r})"

    def _generative_client(self) -> Any:
        with self._lock:
            if self._client is None:
                from google.ai import generativelanguage as glm
                from google.api_core import client_options, gapic_v1

                options = client_options.ClientOptions(api_key=self._key)
                if self.endpoint:
                    options.api_endpoint = self.endpoint
                self._client = glm.GenerativeServiceClient(
                    transport="rest", client_options=options,
                    client_info=gapic_v1.client_info.ClientInfo(user_agent="algoitny-tui genai-py"))
            return self._client

    def hints(self, request: HintRequest, levels: int) -> list[str]:
        levels = max(1, levels)
        prompt = build_prompt(request, levels, offline.findings(request),
                              approach_in_words(request.reference_solution, request.code))
        try:
            text = self._ask(prompt)
        except HintEngineError:
            raise
        except Exception as exc:  # every library failure becomes one error type, with the key scrubbed out
            raise self._error(exc) from None
        hints = [redact(h, request.reference_solution) for h in parse_answer(text, levels)]
        hints = [h for h in hints if h.strip()]
        if not hints:
            raise HintEngineError("Gemini answered without any hint", reason="empty answer")
        return hints

    def _ask(self, prompt: str) -> str:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # the package announces its successor on import
            import google.generativeai as genai

        model = genai.GenerativeModel(
            self.model, system_instruction=SYSTEM,
            generation_config={"temperature": 0.3, "response_mime_type": "application/json"})
        model._client = self._generative_client()  # our own client: see the module docstring
        # retry=None: the client's default retries 503s for up to 600 s; the worker retries with its own backoff
        options: Any = {"timeout": self.timeout, "retry": None}
        response = model.generate_content(prompt, request_options=options)
        try:
            return str(response.text)
        except ValueError:  # no text: the answer was blocked, or had no candidates
            reason = _finish_reason(response) or "empty"
            raise HintEngineError(f"Gemini returned no text ({reason})", reason=f"no answer: {reason}") from None

    def _error(self, exc: Exception) -> HintEngineError:
        from google.api_core import exceptions as gexc

        key = self._key
        if isinstance(exc, gexc.GoogleAPICallError):
            status = exc.code if isinstance(exc.code, int) else None
            transient = status is not None and (status == 429 or status >= 500)
            detail = scrub(str(exc.message or type(exc).__name__), key)[:200]
            return HintEngineError(f"Gemini request failed: HTTP {status}: {detail}", transient=transient,
                                   status=status, reason=f"HTTP {status}")
        if isinstance(exc, gexc.RetryError | gexc.DeadlineExceeded | TimeoutError):
            return HintEngineError(f"Gemini did not answer within {self.timeout:g} s", transient=True,
                                   reason="timeout")
        name = type(exc).__name__
        module = type(exc).__module__
        if module.startswith(("requests", "urllib3")):
            if "Timeout" in name:
                return HintEngineError(f"Gemini did not answer within {self.timeout:g} s", transient=True,
                                       reason="timeout")
            return HintEngineError(f"cannot reach Gemini: {name}", transient=True, reason="connection failed")
        if module.startswith("google.protobuf"):
            return HintEngineError("Gemini sent a malformed response", reason="malformed response")
        return HintEngineError(scrub(f"Gemini request failed: {name}: {exc}", key)[:300], reason=name)


def _finish_reason(response: Any) -> str:
    try:
        candidates = response.candidates
        if candidates:
            return str(candidates[0].finish_reason.name)
        feedback = response.prompt_feedback
        return f"blocked: {feedback.block_reason.name}" if feedback else ""
    except Exception:
        return ""
