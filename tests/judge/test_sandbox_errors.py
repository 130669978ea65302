"""The judge's own failures, as a user meets them through `algoitny judge --json`: no C compiler, a HOME it cannot
read, a kernel without a safe sandbox. Each is exit 2 with one line that names the cause (never a traceback, never
a summary that calls it a compile error), or a run that is safe and correct; and unsandboxed runs happen only when
the user opts in with `judge_sandbox = "none"`."""

from __future__ import annotations

import re

import pytest

from tests.judge.sandbox_harness import (
    AB,
    AB_TESTS,
    DEFAULT_PATH,
    KERNELS,
    MODES,
    Judged,
    JudgeEnv,
    Lab,
    lab_fixture,  # noqa: F401  (the session's Lab)
)

pytestmark = pytest.mark.slow


def judge_ab(
    world: JudgeEnv, name: str, path: str = DEFAULT_PATH, extra_env: dict[str, str] | None = None
) -> Judged:
    return world.judge(
        world.problem("ab", AB_TESTS), world.solution(name, AB[name]), path=path, extra_env=extra_env
    )


def one_line_error(judged: Judged) -> str:
    """Exit 2 and exactly one line on stderr, no traceback, nothing that calls it a compile error."""
    lines = judged.stderr.strip().splitlines()
    assert judged.returncode == 2 and len(lines) == 1, f"expected exit 2 and one line:\n{judged.describe()}"
    assert "Traceback" not in judged.stderr, judged.describe()
    assert "compilation failed" not in judged.stdout + judged.stderr, judged.describe()
    assert '"CE"' not in judged.stdout, judged.describe()
    return lines[0]


def accepted(judged: Judged) -> dict[str, object]:
    assert "Traceback" not in judged.stderr, judged.describe()
    data = judged.json
    assert judged.returncode == 0 and data["verdict"] == "AC", judged.describe()
    assert judged.verdicts == ["AC"] * len(AB_TESTS), judged.describe()
    sandbox = data.get("sandbox")
    assert isinstance(sandbox, dict) and sandbox.get("mode") in MODES, judged.describe()
    return sandbox


NAMES_A_COMPILER = re.compile(r"\b(cc|gcc|clang)\b|C compiler", re.IGNORECASE)


@pytest.mark.parametrize("account", ["ordinary", "root"])
def test_no_c_compiler_on_the_path(lab: Lab, account: str) -> None:
    """PATH holds everything in /usr/bin but cc/gcc/clang; a fresh ALGOITNY_HOME has no helper built yet. A C
    solution cannot be judged: exit 2 naming the compiler. A Python one is judged safely, or the same exit 2 (when
    the sandbox itself needs the compiler)."""
    world = lab.env(account, "full", fresh=True)
    path = lab.path_without_cc()
    line = one_line_error(judge_ab(world, "sol.c", path=path))
    assert NAMES_A_COMPILER.search(line), f"the message does not name the missing compiler: {line!r}"
    judged = judge_ab(world, "sol.py", path=path)
    if judged.returncode == 2:
        line = one_line_error(judged)
        assert NAMES_A_COMPILER.search(line), f"the message does not name the missing compiler: {line!r}"
    else:
        assert accepted(judged)["mode"] != "none", judged.describe()


@pytest.mark.parametrize("name", sorted(AB))
def test_unreadable_home(lab: Lab, name: str) -> None:
    """The ordinary user's HOME is chmod 000 (toolchains such as ~/.rustup live there): a safe AC run, or exit 2
    with one line; never a traceback."""
    world = lab.env("ordinary", "full", fresh=True)
    world.home.chmod(0)
    try:
        judged = judge_ab(world, name)
    finally:
        world.home.chmod(0o755)
    if judged.returncode == 2:
        one_line_error(judged)
    else:
        assert accepted(judged)["mode"] != "none", judged.describe()


@pytest.mark.parametrize("how", ["environment", "settings file"])
@pytest.mark.parametrize("account", ["ordinary", "root"])
def test_opting_in_to_no_sandbox(lab: Lab, account: str, how: str) -> None:
    """No namespaces and no Landlock: no safe mode. With judge_sandbox = "none" (ALGOITNY_JUDGE_SANDBOX=none)
    the user chose to run unsandboxed: an honest A+B is accepted and the JSON says mode "none"."""
    world = lab.env(account, "no-userns-no-landlock", fresh=True)
    extra: dict[str, str] = {}
    if how == "environment":
        extra["ALGOITNY_JUDGE_SANDBOX"] = "none"
    else:
        settings = world.algoitny_home / "settings.toml"
        settings.write_text(settings.read_text() + 'judge_sandbox = "none"\n')
    for name in sorted(AB):
        judged = judge_ab(world, name, extra_env=extra)
        assert accepted(judged)["mode"] == "none", judged.describe()


@pytest.mark.parametrize("kernel", ["no-landlock", "no-userns-no-landlock"])
def test_without_landlock_the_judge_runs_safely_or_refuses_clearly(lab: Lab, kernel: str) -> None:
    """Not opted in: a safe mode (not "none"; the attacks in test_sandbox_hostile.py run in these kernels too), or
    exit 2 with one line naming what is missing and the setting that opts in."""
    world = lab.env("ordinary", kernel, fresh=True)
    judged = judge_ab(world, "sol.py")
    if judged.returncode == 2:
        line = one_line_error(judged)
        assert "landlock" in line.lower(), f"the message does not say Landlock is missing: {line!r}"
        if not KERNELS[kernel].namespaces:
            assert "namespace" in line.lower(), f"the message does not say namespaces are refused: {line!r}"
        assert "judge_sandbox" in line and "none" in line, f"the message does not say how to opt in: {line!r}"
    else:
        assert accepted(judged)["mode"] != "none", judged.describe()
