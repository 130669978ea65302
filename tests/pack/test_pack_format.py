"""The built-in pack's format: every problem loads, is complete (statements in English and Korean, samples, tags,
difficulty, time limit, reference solution, example submissions) and its generator is deterministic.

Written over every pack folder, so it checks problems 0001-0020 and 0021-0040 alike.
"""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import pytest

from algoitny_tui.domain import Problem, TestCase
from algoitny_tui.problems import list_submissions, load_problem_dir
from algoitny_tui.problems.builtin import (
    PACK_DIR,
    PLATFORM,
    content_hash,
    generated_tests,
    iter_pack_dirs,
    load_pack_problem,
    materialize,
    pack_version,
    reference_source,
)
from algoitny_tui.problems.files import read_yaml
from algoitny_tui.problems.statements import read_statements

PACK = iter_pack_dirs()
IDS = [p.name for p in PACK]
MIN_PROBLEMS = 40
MAX_PACK_BYTES = 2 * 1024 * 1024

# The tags problems 0001-0020 promise to cover (issue #4, part A).
PART_A_TAGS = {
    "implementation",
    "math",
    "strings",
    "sorting",
    "greedy",
    "binary-search",
    "prefix-sums",
    "two-pointers",
    "stacks-and-queues",
    "bit-tricks",
}

_loaded: dict[Path, tuple[Problem, list[TestCase]]] = {}


def loaded(path: Path) -> tuple[Problem, list[TestCase]]:
    """Each problem is loaded (and its generator run) once per test session."""
    if path not in _loaded:
        _loaded[path] = load_pack_problem(path)
    return _loaded[path]


def meta(path: Path) -> dict:
    data = read_yaml(path / "problem.yaml", path)
    assert isinstance(data, dict), f"{path.name}/problem.yaml is not a mapping"
    return data


def test_pack_has_enough_problems() -> None:
    assert len(PACK) >= MIN_PROBLEMS, f"only {len(PACK)} problems in {PACK_DIR}"


def test_numbers_unique_and_contiguous() -> None:
    numbers = [str(meta(p)["algoitny"]["number"]) for p in PACK]
    assert len(set(numbers)) == len(numbers), "duplicate problem numbers"
    assert numbers == [f"{i:04d}" for i in range(1, len(numbers) + 1)], numbers
    for path, number in zip(PACK, numbers, strict=True):
        assert re.fullmatch(rf"{number}-[a-z0-9]+(-[a-z0-9]+)*", path.name), (
            f"folder {path.name} vs number {number}"
        )


def test_pack_stays_small() -> None:
    total = sum(p.stat().st_size for p in PACK_DIR.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert total < MAX_PACK_BYTES, f"pack is {total} bytes"


def test_part_a_tags_and_difficulties_covered() -> None:
    part_a = [p for p in PACK if "0001" <= p.name[:4] <= "0020"]
    tags = {tag for p in part_a for tag in meta(p)["keywords"]}
    assert tags >= PART_A_TAGS, f"missing tags: {sorted(PART_A_TAGS - tags)}"
    difficulties = {int(meta(p)["algoitny"]["difficulty"]) for p in part_a}
    assert set(range(1, 8)) <= difficulties, f"difficulties of 0001-0020: {sorted(difficulties)}"


@pytest.mark.parametrize("path", PACK, ids=IDS)
def test_problem_yaml(path: Path) -> None:
    data = meta(path)
    assert set(data["name"]) >= {"en", "ko"} and all(data["name"][k].strip() for k in ("en", "ko"))
    assert data.get("validation", "default").split()[0] in ("default", "custom")
    assert isinstance(data["keywords"], list) and data["keywords"], "keywords: expected a non-empty list"
    assert all(isinstance(k, str) and k == k.strip().lower() and " " not in k for k in data["keywords"])
    assert 1 <= int(data["algoitny"]["difficulty"]) <= 10
    assert data["limits"]["memory"] > 0


@pytest.mark.parametrize("path", PACK, ids=IDS)
def test_time_limit_file(path: Path) -> None:
    seconds = float((path / ".timelimit").read_text().strip())
    assert seconds >= 1, "time limit below 1 s"
    assert (seconds * 2).is_integer(), f"time limit {seconds} s is not a whole or half second"


@pytest.mark.parametrize("path", PACK, ids=IDS)
def test_statements_in_both_languages(path: Path) -> None:
    assert (path / "problem_statement" / "problem.en.md").is_file()
    assert (path / "problem_statement" / "problem.ko.md").is_file()
    statements = read_statements(path)
    for language in ("en", "ko"):
        statement = statements[language]
        assert statement.title, f"{language}: no '# Title' line"
        assert statement.body, f"{language}: empty statement"
        assert statement.input_format, f"{language}: no input section"
        assert statement.output_format, f"{language}: no output section"
    assert re.search(r"[가-힣]", statements["ko"].body), "the Korean statement has no Korean text"


@pytest.mark.parametrize("path", PACK, ids=IDS)
def test_problem_loads(path: Path) -> None:
    problem, tests = loaded(path)
    number = str(meta(path)["algoitny"]["number"])
    assert problem.problem_id == f"{PLATFORM}#{number}"
    assert problem.title == meta(path)["name"]["en"]
    assert problem.statement and problem.statement_ko and problem.input_format and problem.output_format
    interactive = "interactive" in str(meta(path).get("validation", ""))
    assert problem.tags == meta(path)["keywords"] + (["interactive"] if interactive else [])
    assert problem.difficulty == int(meta(path)["algoitny"]["difficulty"])
    assert problem.limits.time_limit_ms == round(float((path / ".timelimit").read_text()) * 1000)
    assert problem.pack_version == pack_version()
    assert problem.test_case_count == len(tests)
    samples = [t for t in tests if t.is_sample]
    secret = [t for t in tests if not t.is_sample]
    assert samples, "no sample test"
    assert secret, "no secret test"
    assert all(t.expected_output is not None for t in tests)
    assert [t.order for t in tests] == list(range(len(tests)))
    assert len({t.test_case_id for t in tests}) == len(tests), "duplicate test ids"


@pytest.mark.parametrize("path", PACK, ids=IDS)
def test_reference_solution_hidden(path: Path) -> None:
    problem, _ = loaded(path)
    assert problem.reference_language == "python3"
    assert problem.reference_solution is not None
    source = base64.b64decode(problem.reference_solution, validate=True).decode("utf-8")
    assert source == reference_source(path)
    assert source == sorted((path / "submissions" / "accepted").glob("*.py"))[0].read_text(encoding="utf-8")
    shown = "\n".join((problem.statement, problem.statement_ko, problem.input_format, problem.output_format))
    assert problem.reference_solution not in shown
    code_lines = [line.strip() for line in source.splitlines() if len(line.strip()) > 25]
    assert not any(line in shown for line in code_lines), (
        "a line of the reference solution is in the statement"
    )


@pytest.mark.parametrize("path", PACK, ids=IDS)
def test_submissions_present(path: Path) -> None:
    submissions = list_submissions(path)
    accepted = submissions.get("accepted", [])
    assert any(p.suffix == ".py" for p in accepted), "no accepted Python solution"
    assert any(p.suffix == ".cpp" for p in accepted), "no accepted C++ solution"
    assert submissions.get("wrong_answer"), "no wrong_answer submission"
    assert set(submissions) <= {"accepted", "wrong_answer", "time_limit_exceeded", "run_time_error"}


@pytest.mark.parametrize("path", PACK, ids=IDS)
def test_generator_deterministic(path: Path) -> None:
    if not (path / "generators" / "gen.py").is_file():
        pytest.skip("no generator")
    _, tests = loaded(path)
    first = {
        t.test_case_id: (t.input, t.expected_output) for t in tests if t.test_case_id.startswith("secret/gen")
    }
    again = generated_tests(path)
    assert again, "generate() returned no tests"
    names = [name for name, _, _ in again]
    assert len(set(names)) == len(names), "duplicate generated test names"
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+", name) for name in names), names
    by_id = {f"secret/{name}": (data, answer) for name, data, answer in again}
    generated_ids = {t.test_case_id for t in tests} & set(by_id)
    assert generated_ids == set(by_id), "generated tests missing from the loaded problem"
    assert {k: v for k, v in first.items() if k in by_id} == by_id, "generate() gave different tests twice"


def test_content_hash_sees_changed_tests(tmp_path: Path) -> None:
    copy = tmp_path / PACK[0].name
    shutil.copytree(PACK[0], copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = content_hash(copy)
    assert before == content_hash(PACK[0])
    answer = sorted((copy / "data" / "secret").glob("*.ans"))[0]
    answer.write_bytes(answer.read_bytes() + b" ")
    assert content_hash(copy) != before
    assert pack_version() == pack_version()


def test_materialize_writes_generated_tests(tmp_path: Path) -> None:
    path = PACK[0]
    target = materialize(path, tmp_path)
    assert target == tmp_path / path.name
    _, pack_tests = loaded(path)
    _, plain_tests = load_problem_dir(target)
    assert {t.test_case_id: (t.input, t.expected_output, t.is_sample) for t in plain_tests} == {
        t.test_case_id: (t.input, t.expected_output, t.is_sample) for t in pack_tests
    }
