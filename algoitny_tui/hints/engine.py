"""Which engine writes the hints: Gemini when a key is set, the offline engine otherwise or when Gemini fails."""

from __future__ import annotations

import logging
import threading

from algoitny_tui.config import Settings
from algoitny_tui.hints.base import HintEngineError, HintRequest, HintResult
from algoitny_tui.hints.gemini import GeminiHintEngine, scrub
from algoitny_tui.hints.offline import OfflineHintEngine

log = logging.getLogger(__name__)

_engines: dict[tuple[str, str, str | None], GeminiHintEngine] = {}
_engines_lock = threading.Lock()


def gemini_engine(key: str, model: str, endpoint: str | None) -> GeminiHintEngine:
    """One engine (and so one HTTP client) per key, model and endpoint, reused across tasks of a worker."""
    with _engines_lock:
        engine = _engines.get((key, model, endpoint))
        if engine is None:
            if len(_engines) >= 8:
                _engines.clear()
            engine = _engines[(key, model, endpoint)] = GeminiHintEngine(key, model, endpoint)
        return engine


def generate_hints(request: HintRequest, settings: Settings, *, levels: int = 1,
                   fallback: bool = True) -> HintResult:
    """The next `levels` hints for a failed submission.

    With a Gemini key, Gemini writes them; when it fails, the offline engine does and `note` says why. With
    fallback=False a Gemini failure raises HintEngineError instead (`transient` tells the worker to retry later),
    so a worker can retry a rate-limited request before settling for offline hints on its last attempt.
    """
    levels = max(1, levels)
    key = settings.gemini_key()
    note = ""
    if key:
        try:
            hints = gemini_engine(key, settings.gemini_model, settings.gemini_endpoint).hints(request, levels)
            return HintResult(hints, "gemini")
        except HintEngineError as exc:
            if not fallback:
                raise
            log.warning("Gemini hints failed (%s); using the offline engine", scrub(exc.message, key))
            note = scrub(f"Gemini failed ({exc.reason}); hints from the offline engine", key)
    return HintResult(OfflineHintEngine().hints(request, levels), "offline", note)
