"""How verdicts look on a terminal: one colour and one name per verdict, for the app and the command line alike."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

VERDICT_STYLE = {
    "AC": "bold green",
    "WA": "bold red",
    "TLE": "bold yellow",
    "MLE": "bold yellow",
    "RE": "bold magenta",
    "OLE": "bold yellow",
    "CE": "bold magenta",
    "JE": "bold red",
    "SK": "dim",
}
VERDICT_WORDS = {
    "AC": "Accepted",
    "WA": "Wrong answer",
    "TLE": "Time limit exceeded",
    "MLE": "Memory limit exceeded",
    "RE": "Runtime error",
    "OLE": "Output limit exceeded",
    "CE": "Compile error",
    "JE": "Judge error",
    "SK": "Skipped",
}


def describe_score(score: Mapping[str, Any]) -> str:
    """`score 70/100 (secret/group1 40/40, secret/group2 30/60)` from a score's JSON (as `judge --json` prints it
    and history stores it)."""

    def of(value: Any, top: Any) -> str:
        return f"{value}/{top if top is not None else '-'}"

    groups = ", ".join(
        f"{g.get('name')} {of(g.get('score'), g.get('max'))}" for g in score.get("groups") or []
    )
    return f"score {of(score.get('value'), score.get('max'))}" + (f" ({groups})" if groups else "")
