"""What a package's authors expect of each example submission, and whether a judged run agrees.

Three sources, as the Kattis format and DOMjudge define them:
- 2023-07 packages: the default rules of the `submissions/` folders and `submissions/submissions.yaml` (glob keys
  for submissions; `permitted`, `required`, `score`, also under a test group's glob). A folder's own key replaces
  its defaults (keys it does not give are inherited); any other glob adds requirements.
- legacy packages: the folder names the verdict of the whole run (the first test that fails), as problemtools'
  verifyproblem checks it: `accepted` AC, `wrong_answer` WA, `time_limit_exceeded` TLE, `run_time_error` RTE,
  `partially_accepted` AC without the full score.
- `@EXPECTED_RESULTS@: CORRECT, WRONG-ANSWER` in a submission's source (DOMjudge): the run's verdict is one of
  these. As in DOMjudge, the tag counts outside the four official folders only.
Verdicts are compared in the format's terms: RTE covers this judge's RE and MLE.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain import Verdict
from .errors import ProblemFormatError
from .files import read_yaml

FORMAT_VERDICTS = ("AC", "WA", "TLE", "RTE")
DEFAULT_RULES: dict[str, dict[str, list[str]]] = {
    "accepted": {"permitted": ["AC"]},
    "rejected": {"required": ["RTE", "TLE", "WA"]},
    "wrong_answer": {"permitted": ["AC", "WA"], "required": ["WA"]},
    "time_limit_exceeded": {"permitted": ["AC", "TLE"], "required": ["TLE"]},
    "run_time_error": {"permitted": ["AC", "RTE"], "required": ["RTE"]},
    "brute_force": {"permitted": ["AC", "RTE", "TLE"], "required": ["RTE", "TLE"]},
}
LEGACY_FOLDERS = {
    "accepted": "AC",
    "partially_accepted": "PAC",
    "wrong_answer": "WA",
    "time_limit_exceeded": "TLE",
    "run_time_error": "RTE",
}
OFFICIAL_FOLDERS = ("accepted", "wrong_answer", "time_limit_exceeded", "run_time_error")
DOMJUDGE_RESULTS = {
    "CORRECT": "AC",
    "WRONG-ANSWER": "WA",
    "NO-OUTPUT": "WA",
    "TIMELIMIT": "TLE",
    "RUN-ERROR": "RTE",
    "MEMORY-LIMIT": "RTE",
    "OUTPUT-LIMIT": "OLE",
    "COMPILER-ERROR": "CE",
}
_TAG = re.compile(r"@EXPECTED_RESULTS@\s*:\s*([A-Za-z\-_, ]+)")
_RULE_KEYS = ("permitted", "required", "score")


def format_verdict(verdict: Verdict | str) -> str:
    """This judge's verdict in the format's words: RE and MLE are RTE (the others keep their names)."""
    v = str(verdict)
    return {"RE": "RTE", "MLE": "RTE"}.get(v, v)


@dataclass
class Rule:
    """One requirement on the tests under `tests` (a glob of test and group names; None: every test)."""

    permitted: list[str] | None = None
    required: list[str] | None = None
    score: tuple[float, float] | None = None
    tests: str | None = None
    source: str = ""
    """Where the rule comes from, for the report (`submissions.yaml: wrong_answer`)."""

    def describe(self) -> str:
        parts = []
        if self.permitted is not None:
            parts.append(f"permitted {', '.join(self.permitted)}")
        if self.required is not None:
            parts.append(f"required {', '.join(self.required)}")
        if self.score is not None:
            low, high = self.score
            parts.append(f"score {low:g}" if low == high else f"score {low:g}..{high:g}")
        scope = f" on {self.tests}" if self.tests else ""
        return "; ".join(parts) + scope


@dataclass
class Expectation:
    """Everything one submission must satisfy: rules on its tests, or a whole-run verdict (legacy, tags)."""

    rules: list[Rule] = field(default_factory=list)
    verdicts: list[str] | None = None
    """The run's verdict must be one of these (format words; `PAC`: accepted without the full score)."""
    source: str = ""

    def describe(self) -> str:
        if self.verdicts is not None:
            return " or ".join(self.verdicts)
        return " | ".join(r.describe() for r in self.rules) or "anything"


@dataclass
class TestOutcome:
    __test__ = False

    name: str
    verdict: str
    """In the format's words (format_verdict)."""


def check(
    expectation: Expectation,
    verdict: str,
    tests: Sequence[TestOutcome],
    score: float | None = None,
    max_score: float | None = None,
    group_scores: dict[str, float] | None = None,
) -> str | None:
    """Why the run disagrees with the expectation, or None when it agrees."""
    if expectation.verdicts is not None:
        wanted = expectation.verdicts
        if verdict in wanted:
            return None
        if verdict == "AC" and "PAC" in wanted:
            if score is not None and score != max_score:
                return None
            return "fully accepted (expected a partial score)"
        return f"got {verdict}, expected {' or '.join(wanted)}"
    for rule in expectation.rules:
        scoped = [t for t in tests if rule.tests is None or matches_test(rule.tests, t.name)]
        if rule.permitted is not None:
            bad = next((t for t in scoped if t.verdict not in rule.permitted), None)
            if bad is not None:
                return f"{bad.name}: {bad.verdict} is not permitted ({rule.source}: {rule.describe()})"
        if rule.required is not None and not any(t.verdict in rule.required for t in scoped):
            return f"no test got {' or '.join(rule.required)} ({rule.source}: {rule.describe()})"
        if rule.score is not None:
            got = score if rule.tests is None else (group_scores or {}).get(rule.tests)
            low, high = rule.score
            if got is None or not low - 1e-6 <= got <= high + 1e-6:
                return f"score {'none' if got is None else format(got, 'g')} is not {rule.describe()} ({rule.source})"
    return None


# --- globs: `*` stays inside one path part; `{a,b}` expands ----------------------------------------------------


def _expand_braces(pattern: str) -> list[str]:
    m = re.search(r"\{([^{}]*)\}", pattern)
    if m is None:
        return [pattern]
    return [
        expanded
        for option in m.group(1).split(",")
        for expanded in _expand_braces(pattern[: m.start()] + option + pattern[m.end() :])
    ]


def _glob_regex(pattern: str) -> re.Pattern[str]:
    parts = "|".join(
        re.escape(p).replace(r"\*", "[^/]*").replace(r"\?", "[^/]") for p in _expand_braces(pattern)
    )
    # a name matches when it, or one of the folders above it, matches
    return re.compile(rf"(?:{parts})(?:/.*)?")


def matches_path(pattern: str, name: str) -> bool:
    return _glob_regex(pattern.strip("/")).fullmatch(name) is not None


def matches_test(pattern: str, test_name: str) -> bool:
    return matches_path(pattern, test_name)


# --- reading --------------------------------------------------------------------------------------------------


def _verdict_list(value: Any, where: str, path: Path) -> list[str]:
    items = value if isinstance(value, list) else [value]
    verdicts = [str(v).upper() for v in items]
    unknown = [v for v in verdicts if v not in FORMAT_VERDICTS]
    if unknown:
        raise ProblemFormatError(
            f"{where}: unknown verdict {unknown[0]!r} (expected {', '.join(FORMAT_VERDICTS)})", path
        )
    return verdicts


def _score_range(value: Any, where: str, path: Path) -> tuple[float, float]:
    try:
        if isinstance(value, list) and len(value) == 2:
            return float(value[0]), float(value[1])
        return float(value), float(value)
    except (TypeError, ValueError):
        raise ProblemFormatError(
            f"{where}: score must be a number or [low, high], got {value!r}", path
        ) from None


def _rule(data: dict[str, Any], *, tests: str | None, where: str, path: Path) -> Rule:
    return Rule(
        permitted=_verdict_list(data["permitted"], f"{where}.permitted", path)
        if "permitted" in data
        else None,
        required=_verdict_list(data["required"], f"{where}.required", path) if "required" in data else None,
        score=_score_range(data["score"], f"{where}.score", path) if "score" in data else None,
        tests=tests,
        source=where,
    )


def _rules_of(data: Any, where: str, path: Path) -> list[Rule]:
    """Rules of one submissions.yaml entry: its own keys, and those under test-group keys."""
    if not isinstance(data, dict):
        raise ProblemFormatError(f"{where}: expected a mapping", path)
    rules = []
    own = {k: v for k, v in data.items() if k in _RULE_KEYS}
    if own:
        rules.append(_rule(own, tests=None, where=where, path=path))
    for key, value in data.items():
        if "/" in str(key) or str(key) in ("sample", "secret"):
            if not isinstance(value, dict):
                raise ProblemFormatError(f"{where}.{key}: expected a mapping", path)
            scoped = {k: v for k, v in value.items() if k in _RULE_KEYS}
            if scoped:
                rules.append(_rule(scoped, tests=str(key), where=f"{where}.{key}", path=path))
    return rules


def read_submissions_yaml(root: Path) -> dict[str, Any]:
    path = root / "submissions" / "submissions.yaml"
    if not path.is_file():
        return {}
    data = read_yaml(path, root)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ProblemFormatError("submissions/submissions.yaml: expected a mapping of globs", path)
    return {str(k): v for k, v in data.items()}


def expected_results_tag(source: str) -> list[str] | None:
    """The verdicts of a DOMjudge `@EXPECTED_RESULTS@:` tag in the source, in the format's words."""
    m = _TAG.search(source)
    if m is None:
        return None
    names = [w.strip().upper().replace("_", "-") for w in m.group(1).split(",") if w.strip()]
    return [DOMJUDGE_RESULTS.get(n, n) for n in names]


def expectation_for(
    root: Path, submission: Path, *, modern: bool, source: str, yaml_entries: dict[str, Any] | None = None
) -> Expectation:
    """What the authors expect of `submission` (a path under `root/submissions`)."""
    relative = submission.relative_to(root / "submissions").as_posix()
    folder = relative.split("/", 1)[0]
    tagged = expected_results_tag(source)
    if tagged is not None and folder not in OFFICIAL_FOLDERS:
        return Expectation(verdicts=tagged, source="@EXPECTED_RESULTS@")
    if not modern:
        if folder in LEGACY_FOLDERS:
            return Expectation(verdicts=[LEGACY_FOLDERS[folder]], source=f"submissions/{folder}")
        return Expectation(source=f"submissions/{folder} (no verdict required)")
    entries = yaml_entries if yaml_entries is not None else read_submissions_yaml(root)
    yaml_path = root / "submissions" / "submissions.yaml"
    rules: list[Rule] = []
    defaults = dict(DEFAULT_RULES.get(folder, {}))
    where = f"submissions/{folder}"
    if isinstance(entries.get(folder), dict):  # the folder's own key replaces its defaults, key by key
        defaults.update({k: v for k, v in entries[folder].items() if k in _RULE_KEYS})
        where = f"submissions.yaml: {folder}"
    if defaults:
        rules.append(_rule(defaults, tests=None, where=where, path=yaml_path))
    if isinstance(entries.get(folder), dict):
        rules += [r for r in _rules_of(entries[folder], f"submissions.yaml: {folder}", yaml_path) if r.tests]
    for pattern, data in entries.items():
        if pattern != folder and matches_path(pattern, relative):
            rules += _rules_of(data, f"submissions.yaml: {pattern}", yaml_path)
    return Expectation(rules=rules, source="submissions.yaml" if entries else f"submissions/{folder}")
