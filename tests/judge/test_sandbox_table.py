"""The README's sandbox table is what the judge reports: for each account and simulated kernel, the mode and the
layers of isolation an honest A+B run got (or that it was refused)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.judge.sandbox_harness import AB, AB_TESTS, KERNELS, Lab, lab_fixture  # noqa: F401

README = Path(__file__).resolve().parents[2] / "README.md"

pytestmark = pytest.mark.slow


def readme_rows() -> dict[tuple[str, str], tuple[str, tuple[str, ...]]]:
    text = README.read_text()
    block = re.search(r"<!-- sandbox-table -->\n(.*?)<!-- /sandbox-table -->", text, re.S)
    assert block, "README.md has no sandbox table"
    rows = {}
    for line in block.group(1).splitlines()[2:]:
        user, kernel, mode, isolation = (cell.strip() for cell in line.strip("|").split("|"))
        rows[(user, kernel)] = (mode, tuple(i.strip() for i in isolation.split(",") if i.strip()))
    return rows


def test_the_readme_table_is_what_the_judge_reports(lab: Lab) -> None:
    rows = readme_rows()
    assert set(rows) == {(user, kernel) for user in ("ordinary", "root") for kernel in KERNELS}
    for (user, kernel), wanted in rows.items():
        world = lab.env(user, kernel)
        judged = world.judge(world.problem("ab", AB_TESTS), world.solution("sol.c", AB["sol.c"]))
        if judged.returncode == 2:
            got: tuple[str, tuple[str, ...]] = ("refused", ())
        else:
            sandbox = judged.json["sandbox"]
            assert judged.json["verdict"] == "AC", judged.describe()
            got = (sandbox["mode"], tuple(sandbox["isolation"]))
        assert got == wanted, f"{user} / {kernel}: the judge reports {got}, README.md says {wanted}"
