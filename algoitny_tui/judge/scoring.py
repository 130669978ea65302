"""The score of a submission to a scoring problem (Kattis format, "Result aggregation"): each accepted test's
score from the validator's score.txt / score_multiplier.txt or its maximum, each group's by its aggregation,
`require_pass`, and `secret`'s from its groups. Breaking a rule the format calls a judge error gives JE."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from algoitny_tui.domain import Scoring, TestGroup, Verdict

EPSILON = 1e-6  # scores are floats: a sum of thirds may land a hair above its maximum


@dataclass
class GroupScore:
    name: str
    score: float
    max: float | None
    verdict: Verdict

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "score": _number(self.score),
            "max": _number(self.max),
            "verdict": str(self.verdict),
        }


@dataclass
class Score:
    value: float
    max: float | None
    groups: list[GroupScore] = field(default_factory=list)
    error: str = ""
    """Why the score is a judge error (empty when it is not)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "value": _number(self.value),
            "max": _number(self.max),
            "groups": [g.to_json() for g in self.groups],
        }


@dataclass
class ScoredTest:
    """What scoring needs of one test's result."""

    name: str
    verdict: Verdict
    score: float | None = None
    score_multiplier: float | None = None


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded


def group_of(test_name: str, groups: Sequence[TestGroup]) -> TestGroup | None:
    """The deepest group holding the test (`secret/g1/03` is in `secret/g1`), None for samples."""
    best = None
    for g in groups:
        if test_name.startswith(g.name + "/") and (best is None or len(g.name) > len(best.name)):
            best = g
    return best


def _all_accepted(tests: Sequence[ScoredTest]) -> bool:
    return all(t.verdict == Verdict.AC for t in tests)


def _group_verdict(tests: Sequence[ScoredTest]) -> Verdict:
    return next((t.verdict for t in tests if t.verdict not in (Verdict.AC, Verdict.SKIPPED)), Verdict.AC)


def _test_score(test: ScoredTest, group: TestGroup, test_max: float | None) -> float:
    """The score of one test; raises ValueError (a judge error) where the format says so."""
    if test.verdict != Verdict.AC:
        return 0.0
    if group.aggregation == "pass-fail":
        if test.score is not None or test.score_multiplier is not None:
            raise ValueError(f"{test.name}: the validator wrote a score in a pass-fail group")
        return 0.0
    if test.score_multiplier is not None:
        if test_max is None:
            raise ValueError(f"{test.name}: score_multiplier.txt in a group of unbounded score")
        return test.score_multiplier * test_max
    if test.score is not None:
        if test_max is not None and test.score > test_max + EPSILON:
            raise ValueError(f"{test.name}: score {test.score:g} is over the test's maximum {test_max:g}")
        return test.score
    if group.accept_score is not None:
        return group.accept_score
    if test_max is None:
        raise ValueError(f"{test.name}: accepted without score.txt in a group of unbounded score")
    return test_max


def _aggregate(mode: str, scores: list[float], max_score: float | None, all_ac: bool) -> float:
    if mode == "pass-fail":
        return (max_score or 0.0) if all_ac else 0.0
    if not scores:
        return 0.0
    if mode == "min":
        return min(scores)
    if mode == "max":
        return max(scores)
    if mode == "avg":
        return sum(scores) / len(scores)
    return sum(scores)


def score_submission(scoring: Scoring, tests: Sequence[ScoredTest]) -> Score:
    groups = scoring.groups
    secret, subgroups = groups[0], groups[1:]
    members: dict[str, list[ScoredTest]] = {g.name: [] for g in groups}
    samples = [t for t in tests if t.name.startswith("sample/")]
    for t in tests:
        g = group_of(t.name, groups)
        if g is not None:
            members[g.name].append(t)
    passed = {name: _all_accepted(ts) for name, ts in members.items()}
    passed["sample"] = _all_accepted(samples)
    for g in subgroups:  # a group's tests count in secret's "all accepted" too
        passed[secret.name] = passed[secret.name] and passed[g.name]
    try:
        leaves = subgroups or [secret]
        results = [_score_group(g, members[g.name], passed) for g in leaves]
        if subgroups:
            all_ac = all(r.verdict == Verdict.AC for r in results)
            value = _aggregate(secret.aggregation, [r.score for r in results], secret.max_score, all_ac)
            if any(not passed.get(r, False) for r in secret.require_pass):
                value = 0.0
            _check_max(secret, value)
        else:
            value = results[0].score
        return Score(value, secret.max_score, results)
    except ValueError as e:
        return Score(0.0, secret.max_score, [], error=str(e))


def _score_group(group: TestGroup, tests: list[ScoredTest], passed: dict[str, bool]) -> GroupScore:
    n = len(tests)
    test_max = (
        None
        if group.max_score is None
        else (group.max_score / n if group.aggregation == "sum" and n else group.max_score)
    )
    scores = [_test_score(t, group, test_max) for t in tests]
    verdict = _group_verdict(tests)
    value = _aggregate(group.aggregation, scores, group.max_score, verdict == Verdict.AC)
    if any(not passed.get(r, False) for r in group.require_pass):
        value = 0.0  # the format: a group whose required groups failed is not run, and scores 0
    _check_max(group, value)
    return GroupScore(group.name, value, group.max_score, verdict)


def _check_max(group: TestGroup, value: float) -> None:
    if group.max_score is not None and value > group.max_score + EPSILON:
        raise ValueError(f"{group.name}: score {value:g} is over its max_score {group.max_score:g}")
