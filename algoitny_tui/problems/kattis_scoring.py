"""The test groups of a Kattis scoring problem: 2023-07 `test_group.yaml` (`max_score`, `score_aggregation`,
`require_pass`; also accepted under the draft's older name `testdata.yaml`) and legacy `testdata.yaml`
(`grader_flags` sum/avg/min/max, `accept_score`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..domain import Scoring, TestGroup
from .errors import ProblemFormatError
from .files import natural_key, read_yaml

SECRET_MAX_DEFAULT = 100.0  # 2023-07: `max_score` of `secret` when test_group.yaml says nothing
_AGGREGATIONS = ("pass-fail", "sum", "min")
_LEGACY_MODES = ("sum", "avg", "min", "max")


def read_scoring(root: Path, *, legacy: bool, custom_score: bool) -> Scoring:
    secret = root / "data" / "secret"
    if not secret.is_dir():
        raise ProblemFormatError("data/secret: a scoring problem needs secret test data", secret)
    folders = [secret] + sorted(
        (p for p in secret.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: natural_key(p.name),
    )
    if legacy:
        # legacy testdata.yaml keys a group does not set are inherited from the group above (data/, then secret)
        inherited, _ = _config(root, root / "data")
        secret_config = inherited | _config(root, secret)[0]
        groups = [
            _legacy_group(root, folder, secret_config, is_secret=folder == secret, custom_score=custom_score)
            for folder in folders
        ]
    else:
        groups = [_group(root, folder, is_secret=folder == secret) for folder in folders]
    if legacy and groups[0].max_score is None:
        # legacy packages state no maximum: infer it from the groups' (or tests') maxima
        subgroup_max = [g.max_score for g in groups[1:]]
        if subgroup_max and all(m is not None for m in subgroup_max):
            groups[0].max_score = sum(m for m in subgroup_max if m is not None)
    if (
        not legacy
    ):  # legacy groups may be unbounded under a bounded `range`: problemtools checks the range only
        _check(root, groups)
    return Scoring(groups=groups, custom_score=custom_score)


def _config(root: Path, folder: Path) -> tuple[dict[str, Any], Path | None]:
    for name in ("test_group.yaml", "testdata.yaml"):
        path = folder / name
        if path.is_file():
            data = read_yaml(path, root)
            if data is None:
                return {}, path
            if not isinstance(data, dict):
                raise ProblemFormatError(f"{path.relative_to(root)}: expected a mapping of keys", path)
            return data, path
    return {}, None


def _name(root: Path, folder: Path) -> str:
    return folder.relative_to(root / "data").as_posix()


def _group(root: Path, folder: Path, *, is_secret: bool) -> TestGroup:
    data, path = _config(root, folder)
    where = path.relative_to(root).as_posix() if path else _name(root, folder)
    max_score: float | None = SECRET_MAX_DEFAULT if is_secret else None
    if data.get("max_score") is not None:
        value = data["max_score"]
        max_score = (
            None if value == "unbounded" else _non_negative(value, f"{where}: max_score", path or folder)
        )
    aggregation = str(data.get("score_aggregation") or ("sum" if is_secret else "pass-fail"))
    if aggregation not in _AGGREGATIONS:
        raise ProblemFormatError(
            f"{where}: score_aggregation must be one of {', '.join(_AGGREGATIONS)}, got {aggregation!r}",
            path or folder,
        )
    require = data.get("require_pass") or []
    require_pass = [str(r) for r in (require if isinstance(require, list) else [require])]
    return TestGroup(
        name=_name(root, folder), max_score=max_score, aggregation=aggregation, require_pass=require_pass
    )


def _legacy_group(
    root: Path, folder: Path, parent: dict[str, Any], *, is_secret: bool, custom_score: bool
) -> TestGroup:
    own, path = _config(root, folder)
    data = parent | own
    where = path.relative_to(root).as_posix() if path else _name(root, folder)
    flags = str(data.get("grader_flags") or "").split()
    mode = next((f for f in flags if f in _LEGACY_MODES), "sum")
    accept = _non_negative(data.get("accept_score", 1), f"{where}: accept_score", path or folder)
    tests = sum(1 for p in folder.iterdir() if p.suffix == ".in")
    max_score: float | None = None
    if data.get("range") is not None:  # `range: LOW HIGH`: the group's maximum, when finite
        words = str(data["range"]).split()
        try:
            high = float(words[1])
        except (IndexError, ValueError):
            raise ProblemFormatError(
                f"{where}: range must be two numbers, got {data['range']!r}", path or folder
            ) from None
        max_score = high if high != float("inf") else None
    elif custom_score:
        max_score = None  # the validator's score.txt can be anything: no maximum to infer
    elif not is_secret or tests:
        max_score = accept * tests if mode == "sum" else accept
    if custom_score:
        # `validation: custom score`: every accepted test must bring its score.txt (problemtools: else JE)
        return TestGroup(
            name=_name(root, folder), max_score=max_score if is_secret else None, aggregation=mode
        )
    return TestGroup(name=_name(root, folder), max_score=max_score, aggregation=mode, accept_score=accept)


def _non_negative(value: Any, where: str, path: Path) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ProblemFormatError(f"{where}: expected a number or `unbounded`, got {value!r}", path) from None
    if number < 0:
        raise ProblemFormatError(f"{where}: must not be negative, got {value!r}", path)
    return number


def _check(root: Path, groups: list[TestGroup]) -> None:
    secret, subgroups = groups[0], groups[1:]
    names = {g.name for g in groups} | {"sample"}
    for g in groups:
        if g.aggregation == "pass-fail" and g.max_score is None:
            raise ProblemFormatError(
                f"data/{g.name}: pass-fail aggregation needs a bounded max_score", root / "data"
            )
        if secret.max_score is not None and g.max_score is None:
            raise ProblemFormatError(
                f"data/{g.name}: max_score is unbounded but secret's is {secret.max_score:g}: "
                "give the group a max_score",
                root / "data" / g.name,
            )
        for required in g.require_pass:
            if required not in names:
                raise ProblemFormatError(
                    f"data/{g.name}: require_pass names {required!r}, which is not a group",
                    root / "data" / g.name,
                )
    if secret.aggregation == "pass-fail" and any(g.aggregation != "pass-fail" for g in subgroups):
        raise ProblemFormatError(
            "data/secret: pass-fail aggregation needs pass-fail groups", root / "data" / "secret"
        )
