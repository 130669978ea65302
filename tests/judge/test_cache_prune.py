"""The compile cache stays bounded: least recently used entries go first, nothing in use, nothing it did not make."""

from __future__ import annotations

import os
import time
from pathlib import Path

from algoitny_tui.domain import Verdict
from algoitny_tui.judge import judge
from algoitny_tui.judge.cache_prune import STAMP, prune, prune_if_due
from tests.judge.conftest import AB_TESTS, make_problem

DAY = 24 * 3600
MIB = 1 << 20


def entry(root: Path, name: str, age_s: float, size: int = MIB) -> Path:
    """A cache entry of `size` bytes last used `age_s` ago: a directory, or a file for names ending in .json."""
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if name.endswith(".json"):
        path.write_bytes(os.urandom(size))
    else:
        path.mkdir()
        (path / "Main").write_bytes(os.urandom(size))
        path.chmod(0o555)  # sealed, as compile_cache leaves an artifact
    when = time.time() - age_s
    os.utime(path, (when, when))
    return path


def key(n: int, width: int = 40) -> str:
    return f"{n:0{width}x}"


def left(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.parent in (root, root / "pch")}


def test_least_recently_used_go_first_until_under_the_budget(tmp_path: Path) -> None:
    entry(tmp_path, key(1), 5 * DAY)
    entry(tmp_path, f"pch/{key(2, 20)}", 4 * DAY)
    entry(tmp_path, f"ce-{key(3)}.json", 3 * DAY)
    entry(tmp_path, key(4), 2 * DAY)
    entry(tmp_path, key(5), 600)  # used ten minutes ago: kept although the cache is over its budget
    entry(tmp_path, key(6), 300)
    entry(tmp_path, "notes", 90 * DAY)  # not a name the cache makes: never touched
    removed = prune(tmp_path, budget=int(3.5 * MIB), now=time.time())
    assert [p.relative_to(tmp_path).as_posix() for p in removed] == [
        key(1),
        f"pch/{key(2, 20)}",
        f"ce-{key(3)}.json",
    ]
    assert left(tmp_path) == {"pch", key(4), key(5), key(6), "notes"}


def test_entries_in_use_stay_even_over_the_budget(tmp_path: Path) -> None:
    for n in range(3):
        entry(tmp_path, key(n), 1800)
    assert prune(tmp_path, budget=MIB, now=time.time()) == []
    assert len(left(tmp_path)) == 3


def test_a_month_unused_and_leftovers_go_even_under_the_budget(tmp_path: Path) -> None:
    entry(tmp_path, key(1), 31 * DAY)
    entry(tmp_path, key(2), 29 * DAY)
    entry(tmp_path, f"sandbox-{key(3, 16)}", 40 * DAY)  # a helper of an older version
    entry(tmp_path, "tmp-killedcompile", 2 * DAY)  # a compile killed half way
    entry(tmp_path, "tmp-running", 3600)  # a compile under way
    entry(tmp_path, "mine", 90 * DAY)
    prune(tmp_path, now=time.time())
    assert left(tmp_path) == {key(2), "tmp-running", "mine"}


def test_pruning_runs_at_most_once_a_day(tmp_path: Path) -> None:
    entry(tmp_path, key(1), 40 * DAY)
    assert [p.name for p in prune_if_due(tmp_path)] == [key(1)]
    entry(tmp_path, key(2), 40 * DAY)
    assert prune_if_due(tmp_path) == []  # pruned an hour ago at most
    assert key(2) in left(tmp_path)
    yesterday = time.time() - DAY - 60
    os.utime(tmp_path / STAMP, (yesterday, yesterday))
    assert [p.name for p in prune_if_due(tmp_path)] == [key(2)]


def test_a_hit_keeps_an_artifact_and_a_pruned_one_is_compiled_again(tmp_path: Path) -> None:
    """Real judges on one cache: a month-old artifact that is judged again is marked used (kept); one that is not
    is removed once something new is stored; judging it then compiles it again, with the same verdict."""
    sources = [f"a,b=map(int,input().split())\nprint(a+b)  # {n}\n" for n in range(3)]
    first = [judge(make_problem(), AB_TESTS, src, "python3", cache_dir=tmp_path) for src in sources[:2]]
    assert [r.verdict for r in first] == [Verdict.AC, Verdict.AC]
    artifacts = sorted((p for p in tmp_path.iterdir() if len(p.name) == 40), key=lambda p: p.stat().st_mtime)
    assert len(artifacts) == 2
    month_ago = time.time() - 40 * DAY
    for path in [*artifacts, tmp_path / STAMP]:
        os.utime(path, (month_ago, month_ago))
    kept = judge(make_problem(), AB_TESTS, sources[1], "python3", cache_dir=tmp_path)  # a hit: used now
    assert kept.compile.cached and time.time() - artifacts[1].stat().st_mtime < 600
    new = judge(make_problem(), AB_TESTS, sources[2], "python3", cache_dir=tmp_path)  # stored: prunes
    assert new.verdict == Verdict.AC and not new.compile.cached
    assert not artifacts[0].exists() and artifacts[1].exists()
    again = judge(make_problem(), AB_TESTS, sources[0], "python3", cache_dir=tmp_path)
    assert again.verdict == Verdict.AC and not again.compile.cached
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("tmp-")]
