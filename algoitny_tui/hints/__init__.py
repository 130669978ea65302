"""Hints for failed submissions: an offline engine that reads the evidence, and a Gemini engine.

Importing this package does not import google.genai: the Gemini client loads it on first use.
"""

from algoitny_tui.hints.base import HintEngine, HintRequest, HintResult
from algoitny_tui.hints.engine import generate_hints
from algoitny_tui.hints.gemini import GeminiHintEngine
from algoitny_tui.hints.offline import OfflineHintEngine

__all__ = [
    "GeminiHintEngine",
    "HintEngine",
    "HintRequest",
    "HintResult",
    "OfflineHintEngine",
    "generate_hints",
]
