"""File I/O problems under attack, as root and as an ordinary user, in every simulated kernel (namespaces, Landlock
only, refused): a program that makes its output file a link to a secret the judge's user can read, where the
expected answer IS that secret. Following the link would be AC; the judge must not read through it."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from tests.judge.sandbox_harness import (
    KERNELS,
    JudgeEnv,
    Lab,
    lab_fixture,  # noqa: F401  (the session's Lab)
    new_secret,
)
from tests.judge.test_sandbox_hostile import ACCOUNTS, assert_blocked, ran

pytestmark = pytest.mark.slow

COMBINATIONS = [(account, kernel) for account in ACCOUNTS for kernel in KERNELS]

LINKER_PY = """import os
os.symlink(@TARGET@, "output.txt")
"""
HONEST_PY = """a, b = map(int, open("input.txt").read().split())
open("output.txt", "w").write(f"{a + b}\\n")
"""


@pytest.fixture(params=COMBINATIONS, ids=[f"{a}-{k}" for a, k in COMBINATIONS])
def world(request: pytest.FixtureRequest, lab: Lab) -> JudgeEnv:
    account, kernel = request.param
    return lab.env(account, kernel)


def polygon_file_io(world: JudgeEnv, answer: str) -> Path:
    """A Polygon package whose program reads input.txt and writes output.txt; one test with `answer`."""
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n<problem short-name="fio">\n'
        '  <judging input-file="input.txt" output-file="output.txt">\n    <testset name="tests">\n'
        "      <time-limit>5000</time-limit><memory-limit>268435456</memory-limit><test-count>1</test-count>\n"
        "      <input-path-pattern>tests/%02d</input-path-pattern>\n"
        "      <answer-path-pattern>tests/%02d.a</answer-path-pattern>\n"
        "    </testset>\n  </judging>\n</problem>\n"
    )
    name = f"fio-{uuid.uuid4().hex[:8]}"
    world.write(f"{name}/tests/01", "1 2\n")
    world.write(f"{name}/tests/01.a", answer)
    return world.write(f"{name}/problem.xml", xml).parent


def test_honest_file_io_program_is_accepted(world: JudgeEnv) -> None:
    judged = world.judge(polygon_file_io(world, "3\n"), world.solution("sol.py", HONEST_PY))
    data = ran(judged, world)
    if data is not None:
        assert data["verdict"] == "AC", judged.describe()


def test_output_file_linked_to_a_readable_secret(world: JudgeEnv) -> None:
    secret = new_secret("linked")
    target = world.write("outside/answer.txt", secret + "\n")  # readable by the judge's user, outside the run
    judged = world.judge(
        polygon_file_io(world, secret + "\n"),
        world.solution("link.py", LINKER_PY.replace("@TARGET@", repr(str(target)))),
    )
    assert_blocked(judged, world, also_secret=secret, verdicts=("WA",))
    data = ran(judged, world)
    if data is not None:
        assert "symbolic link" in data["tests"][0]["message"], (
            judged.describe()
        )  # the link was made, not followed
