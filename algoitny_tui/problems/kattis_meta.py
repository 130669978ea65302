"""The types problem.yaml's fields must have, checked before any is used: a list where text belongs is a mistake
(or an attack) that must be named, not turned into the ``str()`` of a list."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .errors import ProblemFormatError

Check = Callable[[Any], bool]


def _is_text(value: Any) -> bool:
    # YAML reads `name: 2048` as a number; that is still a fine title.
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _is_texts(value: Any) -> bool:
    return _is_text(value) or (isinstance(value, list) and all(_is_text(v) for v in value))


def _is_text_by_language(value: Any) -> bool:
    return _is_text(value) or (
        isinstance(value, dict) and all(isinstance(k, str) and _is_text(v) for k, v in value.items())
    )


def _is_number(value: Any) -> bool:
    return _is_text(value)  # "2.5" is a number to Kattis too; its value is checked where it is read


def _is_source(value: Any) -> bool:
    def one(item: Any) -> bool:
        return _is_text(item) or (isinstance(item, dict) and all(_is_text(v) for v in item.values()))

    return one(value) or (isinstance(value, list) and all(one(v) for v in value))


# field -> (check, what it should be, in the message's words)
_FIELDS: dict[str, tuple[Check, str]] = {
    "name": (_is_text_by_language, "text, or a map of language to text"),
    "type": (_is_texts, "text or a list of texts"),
    "validation": (_is_text, "text"),
    "problem_format_version": (_is_text, "text"),
    "validator_flags": (_is_texts, "text or a list of texts"),
    "keywords": (_is_texts, "text or a list of texts"),
    "source_url": (_is_text, "text"),
    "source": (_is_source, "text, a map (name, url) or a list of them"),
    "limits": (lambda v: isinstance(v, dict), "a map (time_limit, memory, ...)"),
}
_LIMIT_FIELDS = ("time_limit", "memory", "output")
_TESTDATA_FIELDS = ("output_validator_args", "output_validator_flags")


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a map"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    return type(value).__name__


def check_problem_yaml(meta: dict[str, Any], path: Path) -> None:
    """ProblemFormatError naming the first field of problem.yaml whose value has the wrong type."""
    for field, (check, wanted) in _FIELDS.items():
        value = meta.get(field)
        if value is not None and not check(value):
            raise ProblemFormatError(f"problem.yaml: {field}: expected {wanted}, got {_kind(value)}", path)
    for field in _LIMIT_FIELDS:
        value = (meta.get("limits") or {}).get(field)
        if value is not None and not _is_number(value):
            raise ProblemFormatError(
                f"problem.yaml: limits.{field}: expected a number, got {_kind(value)}", path
            )


def check_testdata_yaml(data: dict[str, Any], path: Path) -> None:
    for field in _TESTDATA_FIELDS:
        value = data.get(field)
        if value is not None and not _is_texts(value):
            raise ProblemFormatError(
                f"data/testdata.yaml: {field}: expected text or a list of texts, got {_kind(value)}", path
            )
