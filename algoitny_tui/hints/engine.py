"""Which engine writes the hints: Gemini when a key is set, the offline engine otherwise or when Gemini fails."""

from __future__ import annotations

import logging

from algoitny_tui.config import Settings
from algoitny_tui.gemini import GeminiError, client_for, scrub
from algoitny_tui.hints.base import HintRequest, HintResult
from algoitny_tui.hints.gemini import GeminiHintEngine
from algoitny_tui.hints.offline import OfflineHintEngine

log = logging.getLogger(__name__)


def fallback_note(error: GeminiError) -> str:
    """The one line the app and the CLI show when Gemini was not used."""
    return f"Gemini: {error.reason}; offline hint shown"


def generate_hints(
    request: HintRequest, settings: Settings, *, levels: int = 1, fallback: bool = True
) -> HintResult:
    """The next `levels` hints for a failed submission.

    With a Gemini key, Gemini writes them; when it fails, the offline engine does and `note` says why. A hint never
    fails because Gemini did: only a transient failure (rate limit, server error, timeout) with fallback=False
    raises GeminiError, so the worker can retry it before its last attempt settles for the offline engine.
    """
    levels = max(1, levels)
    key = settings.gemini_key()
    note = ""
    if key:
        try:
            return HintResult(GeminiHintEngine(client_for(settings)).hints(request, levels), "gemini")
        except GeminiError as exc:
            if exc.transient and not fallback:
                raise
            log.warning("Gemini hints failed (%s); using the offline engine", scrub(exc.message, key))
            note = scrub(fallback_note(exc), key)
    return HintResult(OfflineHintEngine().hints(request, levels), "offline", note)
