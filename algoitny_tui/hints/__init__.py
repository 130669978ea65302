"""Hints for failed submissions: an offline engine that reads the evidence, and a Gemini engine.

Importing this package does not import google.generativeai: the Gemini engine loads it on first use.
"""

from algoitny_tui.hints.base import HintEngine, HintEngineError, HintRequest, HintResult
from algoitny_tui.hints.engine import generate_hints
from algoitny_tui.hints.gemini import GeminiHintEngine
from algoitny_tui.hints.offline import OfflineHintEngine

__all__ = ["GeminiHintEngine", "HintEngine", "HintEngineError", "HintRequest", "HintResult", "OfflineHintEngine",
           "generate_hints"]
