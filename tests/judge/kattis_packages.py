"""Kattis packages written by the tests: a two-pass problem, a scoring problem with two groups and a score.txt
validator. Each holds its own submissions/ (with the verdicts their authors expect), so `algoitny verify` can be
tested on them too."""

from __future__ import annotations

from pathlib import Path

Tree = dict[str, str]


def write_package(root: Path, files: Tree) -> Path:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return root


# Pass 1: the program gets n and must print 2n; the validator then asks for a second pass on n + 2, remembering
# n + 2 in the feedback directory (so pass 2 is checked right only when the feedback dir is kept between passes).
TWO_PASS_VALIDATOR = r"""
import os, sys
feedback = sys.argv[3]
state = os.path.join(feedback, "state.txt")
words = sys.stdin.read().split()
got = int(words[0]) if words and words[0].lstrip("-").isdigit() else None
if not os.path.exists(state):
    n = int(open(sys.argv[1]).read())
    if got != 2 * n:
        open(os.path.join(feedback, "judgemessage.txt"), "a").write(f"pass 1: expected {2 * n}, got {got}\n")
        sys.exit(43)
    open(state, "w").write(str(n + 2))
    open(os.path.join(feedback, "nextpass.in"), "w").write(f"{n + 2}\n")
    sys.exit(42)
n = int(open(state).read())
if got != 2 * n:
    open(os.path.join(feedback, "judgemessage.txt"), "a").write(f"pass 2: expected {2 * n}, got {got}\n")
    sys.exit(43)
sys.exit(42)
"""

DOUBLE = "print(2 * int(input()))\n"
# Right on the first pass only: it remembers nothing, so it cannot know the second input... it prints 2 * 5.
FIRST_PASS_ONLY = "input()\nprint(10)\n"


def two_pass_package(
    root: Path, *, legacy: bool, validator: str = TWO_PASS_VALIDATOR, passes: int | None = None
) -> Path:
    if legacy:
        meta = "name: Double twice\nvalidation: custom multi-pass\n"
    else:
        meta = "problem_format_version: 2023-07-draft\nname: Double twice\ntype: multi-pass\n"
    if passes is not None:
        meta += f"limits:\n  validation_passes: {passes}\n"
    return write_package(
        root,
        {
            "problem.yaml": meta,
            "data/sample/1.in": "5\n",
            "data/sample/1.ans": "unused\n",
            "data/secret/1.in": "21\n",
            "data/secret/1.ans": "unused\n",
            # the validator's folder as each format names it
            ("output_validators/v/validate.py" if legacy else "output_validator/validate.py"): validator,
            "submissions/accepted/double.py": DOUBLE,
            "submissions/wrong_answer/first_pass_only.py": FIRST_PASS_ONLY,
            # DOMjudge's tag, outside the official folders: either verdict is fine
            "submissions/mixed/either.py": "# @EXPECTED_RESULTS@: CORRECT, WRONG-ANSWER\n" + FIRST_PASS_ONLY,
        },
    )


# Answers say how a test is checked: `exact K` (the output must be K) or `score K` (any 0 <= y <= K is accepted,
# scoring y / K of the test's maximum through score_multiplier.txt... no: through score.txt, as 30 * y / K).
SCORE_VALIDATOR = r"""
import os, sys
kind, k = open(sys.argv[2]).read().split()
k = int(k)
words = sys.stdin.read().split()
try:
    y = int(words[0])
except (IndexError, ValueError):
    sys.exit(43)
if kind == "exact":
    sys.exit(42 if y == k else 43)
if not 0 <= y <= k:
    sys.exit(43)
open(os.path.join(sys.argv[3], "score.txt"), "w").write(str(30 * y / k))
sys.exit(42)
"""

# group1 (pass-fail, 40 points): print the input. group2 (sum, 60 points over two tests): print up to the input.
PERFECT = "print(int(input()))\n"
HALF_ON_GROUP2 = "n = int(input())\nprint(n if n < 100 else n // 2)\n"
WRONG_ON_GROUP1 = "n = int(input())\nprint(n if n >= 100 else n + 1)\n"


def legacy_scoring_package(root: Path) -> Path:
    """The scoring package in the legacy format: `validation: custom score`, 1 point per accepted test unless the
    validator writes score.txt, the maximum from `range`."""
    scoring_package(root)
    (root / "problem.yaml").write_text("name: Points\ntype: scoring\nvalidation: custom score\n")
    (root / "data" / "testdata.yaml").write_text("grader_flags: ignore_sample\n")
    # the groups inherit secret's keys (problemtools: also ignore_sample, unless a group sets its own flags)
    (root / "data" / "secret" / "testdata.yaml").write_text("range: 0 62\ngrader_flags: sum\n")
    (root / "output_validator").rename(root / "output_validators")
    # with `custom score` every accepted test needs a score.txt: 1 point for an exact answer
    (root / "output_validators" / "validate.py").write_text(
        SCORE_VALIDATOR.replace(
            "    sys.exit(42 if y == k else 43)",
            "    if y != k:\n        sys.exit(43)\n    open(os.path.join(sys.argv[3], 'score.txt'), 'w').write('1')\n"
            "    sys.exit(42)",
        )
    )
    (root / "submissions" / "submissions.yaml").unlink()
    return root


def scoring_package(root: Path, *, require_pass: bool = False) -> Path:
    group2_yaml = "max_score: 60\nscore_aggregation: sum\n"
    if require_pass:
        group2_yaml += "require_pass: secret/group1\n"
    return write_package(
        root,
        {
            "problem.yaml": "problem_format_version: 2023-07-draft\nname: Points\ntype: scoring\n",
            "data/sample/1.in": "3\n",
            "data/sample/1.ans": "exact 3\n",
            "data/secret/group1/test_group.yaml": "max_score: 40\n",
            "data/secret/group1/1.in": "7\n",
            "data/secret/group1/1.ans": "exact 7\n",
            "data/secret/group1/2.in": "8\n",
            "data/secret/group1/2.ans": "exact 8\n",
            "data/secret/group2/test_group.yaml": group2_yaml,
            "data/secret/group2/1.in": "100\n",
            "data/secret/group2/1.ans": "score 100\n",
            "data/secret/group2/2.in": "200\n",
            "data/secret/group2/2.ans": "score 200\n",
            "output_validator/validate.py": SCORE_VALIDATOR,
            "submissions/accepted/perfect.py": PERFECT,
            "submissions/partially_accepted/half.py": HALF_ON_GROUP2,
            "submissions/wrong_answer/wrong_group1.py": WRONG_ON_GROUP1,
            "submissions/submissions.yaml": SUBMISSIONS_YAML,
        },
    )


SUBMISSIONS_YAML = """\
partially_accepted/half.py:
  score: 70
  secret/group1:
    permitted: [AC]
wrong_answer/*.py:
  score: [50, 60]
  secret/group2:
    permitted: [AC]
  sample:
    required: [WA]
"""
