"""`algoitny verify` against problemtools' `verifyproblem -p submissions` on the same packages, in the same run:
the verdict each gives every submission, whether each says it agrees with its folder, and the time each takes.

    python3 -m venv /tmp/ptvenv && /tmp/ptvenv/bin/pip install problemtools
    .venv/bin/python bench/judge/verify_vs_problemtools.py [--verifyproblem /tmp/ptvenv/bin/verifyproblem]
        [--pack 0005-divisible-count 0030-power-tower ...]

Packages: the ones the tests write (tests/judge/kattis_packages.py: two-pass in both formats, scoring in both)
and the chosen built-in problems, materialized with their generated tests. Prints Markdown.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from algoitny_tui.problems.builtin import PACK_DIR, materialize  # noqa: E402
from algoitny_tui.problems.expectations import format_verdict  # noqa: E402
from tests.judge.kattis_packages import (  # noqa: E402
    legacy_scoring_package,
    scoring_package,
    two_pass_package,
)

# problemtools' line per submission: "   accepted/sol.py (Python 3 ...) OK: AC [..." or "... got WA [...".
_PT_LINE = re.compile(
    r"(?P<sub>[\w\-]+/[\w.\-]+) \(.*?\)\)? (?:(?P<ok>OK)(?: with extra time)?: |got )"
    r"(?P<verdict>[A-Z]+)(?: \((?P<score>[\d.]+)\))?"
)
Result = tuple[str, bool, str]
"""(verdict, agrees with its folder, score or "")"""


def run_verify(package: Path, env: dict[str, str]) -> tuple[dict[str, Result], float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "algoitny_tui", "verify", str(package), "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        check=False,
    )
    elapsed = time.monotonic() - started
    report = json.loads(done.stdout)
    return {
        s["submission"]: (s["verdict"], bool(s["ok"]), f"{s['score']['value']:g}" if s.get("score") else "")
        for s in report["submissions"]
    }, elapsed


def run_problemtools(package: Path, verifyproblem: str) -> tuple[dict[str, Result], float]:
    started = time.monotonic()
    done = subprocess.run(
        [verifyproblem, str(package), "-p", "submissions"], capture_output=True, text=True, check=False
    )
    elapsed = time.monotonic() - started
    found = {}
    for line in (done.stdout + done.stderr).splitlines():
        m = _PT_LINE.search(line)
        if m:
            found[m.group("sub")] = (
                m.group("verdict"),
                m.group("ok") is not None and "ERROR" not in line,
                f"{float(m.group('score')):g}" if m.group("score") else "",
            )
    return found, elapsed


def show(result: Result | None) -> str:
    if result is None:
        return "-"
    verdict, ok, score = result
    return f"{verdict}{f' {score}' if score else ''} ({'agrees' if ok else 'DISAGREES'})"


def packages(work: Path, pack: list[str]) -> list[tuple[str, Path]]:
    out = [
        ("two-pass, legacy", two_pass_package(work / "twopass", legacy=True)),
        ("two-pass, 2023-07", two_pass_package(work / "twopass23", legacy=False)),
        ("scoring, 2023-07", scoring_package(work / "points")),
        ("scoring, legacy", legacy_scoring_package(work / "points-legacy")),
    ]
    for name in pack:
        out.append((f"pack {name}", strict_legacy_yaml(materialize(PACK_DIR / name, work / "pack"))))
    return out


def strict_legacy_yaml(package: Path) -> Path:
    """problemtools reads legacy problem.yaml strictly: `name` a string, `keywords` a string, no other keys. The
    pack's yaml has both languages' names and its own `algoitny:` block; both tools get this stricter copy."""
    path = package / "problem.yaml"
    meta = yaml.safe_load(path.read_text())
    meta.pop("algoitny", None)
    if isinstance(meta.get("name"), dict):
        meta["name"] = meta["name"].get("en") or next(iter(meta["name"].values()))
    if isinstance(meta.get("keywords"), list):
        meta["keywords"] = " ".join(meta["keywords"])
    path.write_text(yaml.safe_dump(meta, allow_unicode=True))
    return package


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--verifyproblem", default="/tmp/ptvenv/bin/verifyproblem")
    parser.add_argument(
        "--pack", nargs="*", default=["0005-divisible-count", "0030-power-tower", "0032-guess-the-number"]
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="verify-bench-") as tmp:
        work = Path(tmp)
        env = {**os.environ, "ALGOITNY_HOME": str(work / "home")}
        print("| package | submission | algoitny verify | problemtools | same verdict (and score) |")
        print("|---|---|---|---|---|")
        times = []
        agree = total = 0
        for label, package in packages(work, args.pack):
            ours, our_s = run_verify(package, env)
            theirs, their_s = run_problemtools(package, args.verifyproblem)
            times.append((label, our_s, their_s))
            for sub in sorted(set(ours) | set(theirs)):
                mine = ours.get(sub)
                pt = theirs.get(sub)
                if mine is None or pt is None:  # e.g. problemtools runs only the folders it knows
                    print(f"| {label} | {sub} | {show(mine)} | {show(pt)} | not run by both |")
                    continue
                # scores compared where both give one (problemtools gives none to a rejected submission)
                same = format_verdict(mine[0]) == pt[0] and (not mine[2] or not pt[2] or mine[2] == pt[2])
                agree += same
                total += 1
                print(f"| {label} | {sub} | {show(mine)} | {show(pt)} | {'yes' if same else 'NO'} |")
        print(f"\nsame verdict on {agree}/{total} submissions both ran\n")
        print("| package | algoitny verify | problemtools |")
        print("|---|---|---|")
        for label, our_s, their_s in times:
            print(f"| {label} | {our_s:.1f} s | {their_s:.1f} s |")


if __name__ == "__main__":
    main()
