"""The Gemini hint engine: the hint prompt, sent through the app's one Gemini client (algoitny_tui/gemini.py).

The reference solution is NOT sent. The student's code goes into the same prompt, and it is untrusted text: a
comment can ask the model to print whatever else it was given. The model gets the reference's approach in words
instead (what the offline engine would also say), and every answer still passes the leak guard.
"""

from __future__ import annotations

from algoitny_tui.gemini import DEFAULT_TIMEOUT_S, GeminiClient, GeminiError
from algoitny_tui.hints import offline
from algoitny_tui.hints.base import HintRequest
from algoitny_tui.hints.prompt import HINTS_SCHEMA, SYSTEM, build_prompt, parse_answer
from algoitny_tui.hints.source import approach_in_words, redact


class GeminiHintEngine:
    def __init__(self, client: GeminiClient) -> None:
        self.client = client

    @classmethod
    def connect(
        cls, api_key: str, model: str, endpoint: str | None = None, timeout: float = DEFAULT_TIMEOUT_S
    ) -> GeminiHintEngine:
        return cls(GeminiClient(api_key, model, endpoint, timeout))

    def __repr__(self) -> str:  # never the key
        return f"GeminiHintEngine({self.client!r})"

    def hints(self, request: HintRequest, levels: int) -> list[str]:
        """`levels` hints from Gemini; GeminiError when it fails or answers without the requested JSON."""
        levels = max(1, levels)
        prompt = build_prompt(
            request,
            levels,
            offline.findings(request),
            approach_in_words(request.reference_solution, request.code),
        )
        answer = self.client.generate(prompt, system=SYSTEM, temperature=0.3, schema=HINTS_SCHEMA)
        hints = parse_answer(answer.text, levels)
        if hints is None:
            raise GeminiError(
                f"Gemini's answer is not the requested JSON list of hints: {answer.text[:120]!r}",
                reason="answer not the requested JSON",
            )
        hints = [h for h in (redact(h, request.reference_solution) for h in hints) if h.strip()]
        if not hints:
            raise GeminiError("Gemini answered without any hint", reason="empty answer")
        return hints
