"""The one way the app talks to Gemini: google-genai's `Client` (imported lazily: the app's start-up stays light).

Every caller (hints, test generators, page extraction, the key check) sends one `generate_content` request through
`GeminiClient.generate` and gets back text, or a `GeminiError` from `gemini_error`, the one place that decides what
a failure means: transient (429, 5xx, timeouts, no connection: the worker retries with its own backoff, so the
SDK's retries stay off) or permanent (400, 401, 403, 404, an answer that cannot be read), with a short reason that
names the setting to change. The API key never appears in a message: every text from the SDK goes through `scrub`.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, quote_plus

if TYPE_CHECKING:
    from algoitny_tui.config import Settings

DEFAULT_TIMEOUT_S = 30.0
LONG_TIMEOUT_S = 60.0
"""For answers that take longer to write: generator programs, a whole problem read from a page."""
KEY_SETTING = "gemini_api_key (or GEMINI_API_KEY)"
API_VERSION = "v1beta"
CHECK_PROMPT = 'Answer with the JSON string "ok".'


class GeminiError(Exception):
    """A Gemini request failed. `transient`: worth retrying later; `reason`: one short line for notes
    ("model not found (gemini_model = x)"); `setting`: the setting a user changes to fix it, when there is one."""

    def __init__(
        self,
        message: str,
        *,
        transient: bool = False,
        status: int | None = None,
        reason: str = "",
        setting: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.transient = transient
        self.status = status
        self.reason = reason or message
        self.setting = setting

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Answer:
    text: str
    model: str
    """The model version that answered (Gemini resolves aliases such as gemini-flash-latest)."""


def scrub(text: str, secret: str | None) -> str:
    """`text` without the secret (an API key), however it was quoted or URL-encoded."""
    if not secret:
        return text
    for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
        text = text.replace(form, "***")
    return text


class GeminiClient:
    """One API key, model and endpoint. Thread-safe: the SDK client is built once and shared."""

    def __init__(
        self, api_key: str, model: str, endpoint: str | None = None, timeout: float = DEFAULT_TIMEOUT_S
    ) -> None:
        if not api_key:
            raise GeminiError(f"no Gemini key: set {KEY_SETTING}", reason="no key", setting="gemini_api_key")
        self._key = api_key
        self.model = model
        self.endpoint = endpoint or None
        self.timeout = timeout
        self._sdk: Any = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # never the key
        return f"GeminiClient(model={self.model!r}, endpoint={self.endpoint!r})"

    def _client(self) -> Any:
        with self._lock:
            if self._sdk is None:
                from google import genai
                from google.genai import types

                # vertexai=False: a GOOGLE_GENAI_USE_VERTEXAI in the environment must not send the key elsewhere.
                # No retry_options: the SDK then tries once; the worker owns retries.
                self._sdk = genai.Client(
                    api_key=self._key,
                    vertexai=False,
                    http_options=types.HttpOptions(
                        base_url=self.endpoint, api_version=API_VERSION, timeout=int(self.timeout * 1000)
                    ),
                )
            return self._sdk

    def generate(
        self, prompt: str, *, system: str, temperature: float = 0.2, schema: dict[str, Any] | None = None
    ) -> Answer:
        """Gemini's text answer; with a `schema`, JSON of that shape is asked for. GeminiError when it fails."""
        try:
            from google.genai import types

            config = types.GenerateContentConfig(
                system_instruction=system,
                temperature=temperature,
                response_mime_type="application/json" if schema is not None else None,
                response_schema=schema,
            )
            response = self._client().models.generate_content(
                model=self.model, contents=prompt, config=config
            )
            text = response.text
        except GeminiError:
            raise
        except Exception as exc:  # every library failure becomes one error type, with the key scrubbed out
            raise self.error(exc) from None
        if not text or not text.strip():
            why = _finish_reason(response)
            raise GeminiError(f"Gemini returned no text ({why})", reason=f"no answer ({why})")
        return Answer(text, str(response.model_version or self.model))

    def error(self, exc: BaseException) -> GeminiError:
        return gemini_error(
            exc, key=self._key, model=self.model, endpoint=self.endpoint, timeout=self.timeout
        )


def gemini_error(
    exc: BaseException, *, key: str, model: str, endpoint: str | None, timeout: float
) -> GeminiError:
    """What a failure of the SDK means for a user: retryable or not, and which setting to look at."""
    from google.genai import errors

    if isinstance(exc, errors.APIError):
        status = int(exc.code) if isinstance(exc.code, int) else None
        detail = scrub(str(exc.message or exc.status or type(exc).__name__), key)[:200]
        return _http_error(status, detail, model, scrub(endpoint, key) if endpoint else None)
    name = type(exc).__name__
    transport = type(exc).__module__.startswith(
        ("httpx", "httpcore")
    )  # the SDK's (httpx, or its fork httpx2)
    if isinstance(exc, TimeoutError) or (transport and "Timeout" in name):
        return GeminiError(
            f"Gemini did not answer within {timeout:g} s",
            transient=True,
            reason=f"no answer within {timeout:g} s",
        )
    if transport:  # no connection, or one lost mid-answer
        where = scrub(f"gemini_endpoint = {endpoint}", key) if endpoint else "Gemini"
        return GeminiError(
            f"cannot reach {where} ({name})",
            transient=True,
            reason=f"cannot reach {where}",
            setting="gemini_endpoint" if endpoint else None,
        )
    if isinstance(
        exc, ValueError
    ):  # a body that is not Gemini's JSON (a proxy's HTML page, a cut-off answer)
        return GeminiError("Gemini sent a malformed response", reason="malformed response")
    return GeminiError(scrub(f"Gemini request failed: {name}: {exc}", key)[:300], reason=name)


def _http_error(status: int | None, detail: str, model: str, endpoint: str | None) -> GeminiError:
    if status == 404:
        where = f" at gemini_endpoint = {endpoint}" if endpoint else ""
        return GeminiError(
            f"Gemini does not know the model {model!r}{where} (HTTP 404: {detail}): set gemini_model to a current "
            "model, e.g. gemini-flash-latest",
            status=404,
            reason=f"model not found (gemini_model = {model})",
            setting="gemini_model",
        )
    key_refused = status in (401, 403) or (status == 400 and "api key" in detail.lower())
    if key_refused:
        return GeminiError(
            f"Gemini refused the key (HTTP {status}: {detail}): check {KEY_SETTING}",
            status=status,
            reason=f"key refused (HTTP {status}, gemini_api_key)",
            setting="gemini_api_key",
        )
    if status == 429:
        return GeminiError(
            f"Gemini rate limit (HTTP 429: {detail})",
            transient=True,
            status=429,
            reason="rate limited (HTTP 429)",
        )
    if status is not None and (status >= 500 or status == 408):
        return GeminiError(
            f"Gemini server error (HTTP {status}: {detail})",
            transient=True,
            status=status,
            reason=f"server error (HTTP {status})",
        )
    return GeminiError(
        f"Gemini refused the request (HTTP {status}: {detail})",
        status=status,
        reason=f"request refused (HTTP {status})",
    )


def _finish_reason(response: Any) -> str:
    """Why an answer has no text: the candidate's finish reason (SAFETY, MAX_TOKENS, ...) or the prompt's block."""
    candidates = response.candidates or []
    reason = candidates[0].finish_reason if candidates else None
    if reason is None and response.prompt_feedback is not None:
        reason = response.prompt_feedback.block_reason
    return str(getattr(reason, "value", reason) or "empty")


_clients: dict[tuple[str, str, str | None, float], GeminiClient] = {}
_clients_lock = threading.Lock()


def client_for(settings: Settings, timeout: float = DEFAULT_TIMEOUT_S) -> GeminiClient:
    """The client for the settings' key, model and endpoint, reused across the tasks of a worker."""
    key = settings.gemini_key()
    if not key:
        raise GeminiError(f"no Gemini key: set {KEY_SETTING}", reason="no key", setting="gemini_api_key")
    ident = (key, settings.gemini_model, settings.gemini_endpoint or None, timeout)
    with _clients_lock:
        client = _clients.get(ident)
        if client is None:
            if len(_clients) >= 8:
                _clients.clear()
            client = _clients[ident] = GeminiClient(
                key, settings.gemini_model, settings.gemini_endpoint, timeout
            )
        return client


def check_key(settings: Settings, timeout: float = 20.0) -> Answer:
    """One small request with the settings' key and model: the model that answered, or GeminiError."""
    return client_for(settings, timeout).generate(
        CHECK_PROMPT, system="You check that an API key works.", temperature=0.0, schema={"type": "STRING"}
    )
