"""The stress runner's batch mode (judge/batch.py, sandbox.c -B): compiled programs, many cases in one sandbox.

Every test runs `algoitny stress` as a user does, as root and as an ordinary user, with the real compiler and
sandbox, in the full kernel and in kernels that refuse mounting or user namespaces (Landlock then guards the
files; without namespaces init is a subreaper that finds every leftover process by walking its descendants). All
programs are C++, so each case runs in the batch. What is checked is what a user sees: the counterexample's seed, verdict and
output, and the files outside the run directory.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.judge.conftest import processes_with
from tests.judge.sandbox_harness import (
    JudgeEnv,
    Lab,
    lab_fixture,  # noqa: F401  (the session's Lab)
)
from tests.judge.test_stress import DIVISIBLE_BRUTE, DIVISIBLE_GEN

pytestmark = pytest.mark.slow

COMBINATIONS = [(a, k) for a in ("ordinary", "root") for k in ("full", "no-mount", "no-userns")]

GEN_SEED = """#include <cstdio>
#include <cstdlib>
int main(int argc, char** argv) { std::printf("%d\\n", std::atoi(argv[1])); }
"""
ECHO_BRUTE = """#include <iostream>
#include <iterator>
#include <string>
int main() {
    std::string all((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    std::cout << all;
}
"""


@pytest.fixture(params=COMBINATIONS, ids=[f"{a}-{k}" for a, k in COMBINATIONS])
def world(request: pytest.FixtureRequest, lab: Lab) -> JudgeEnv:
    account, kernel = request.param
    return lab.env(account, kernel)


def stress(
    world: JudgeEnv,
    solution: str,
    generator: str,
    *args: str,
    time_limit_s: float = 2,
    brute: str = ECHO_BRUTE,
    secret_env: bool = False,
    extra_env: dict[str, str] | None = None,
) -> dict[str, Any]:
    """`algoitny stress` on a folder problem with C++ programs (the brute force echoes the input unless one is
    given); its JSON."""
    problem = world.problem("echo", [("1\n", "1\n")], time_limit_s=time_limit_s)
    tag = uuid.uuid4().hex[:8]
    done = world.algoitny(
        [
            "stress",
            str(problem),
            str(world.solution(f"sol-{tag}.cpp", solution)),
            "--generator",
            str(world.solution(f"gen-{tag}.cpp", generator)),
            "--brute",
            str(world.solution(f"brute-{tag}.cpp", brute)),
            "--json",
            *args,
        ],
        secret_env=secret_env,
        extra_env=extra_env,
        timeout=300,
    )
    assert done.returncode in (0, 1), (done.returncode, done.stdout, done.stderr)
    data: dict[str, Any] = json.loads(done.stdout)
    assert done.returncode == (1 if data["found"] else 0), (
        done.returncode,
        data,
    )  # exit 1: a difference found
    return data


GEN_SEED_AND_DIRECTORY = """#include <cstdio>
#include <cstdlib>
#include <unistd.h>
int main(int argc, char** argv) {
    char dir[4096] = "?";
    if (!getcwd(dir, sizeof dir)) return 4;
    std::printf("%d\\n%s\\n", std::atoi(argv[1]), dir);
}
"""
LEFTOVERS_SOLUTION = """#include <cstdio>
#include <cstring>
#include <unistd.h>
// Prints its input back, but "stale" if anything of an earlier case is left in its directory. It leaves two
// things behind: a file, and a child that waits until this case's directory is emptied (the next case has
// begun) and then writes into the directory and to its stdout for seconds.
int main() {
    long long n;
    char gen_dir[4096], dir[4096] = "";
    if (std::scanf("%lld %4095s", &n, gen_dir) != 2 || !getcwd(dir, sizeof dir)) return 3;
    bool stale = access("state", F_OK) == 0 || access("late", F_OK) == 0;
    FILE* f = std::fopen("state", "w");
    bool wrote = f != nullptr;
    if (f) std::fclose(f);
    pid_t child = fork();
    if (child == 0) {
        while (access("state", F_OK) == 0) usleep(500);
        for (int i = 0; i < 5000; i++) {
            FILE* g = std::fopen("late", "w");
            if (g) std::fclose(g);
            std::printf("LEAK\\n");
            std::fflush(stdout);
            usleep(1000);
        }
        _exit(0);
    }
    if (stale) std::printf("stale\\n");
    else if (n == @BUG@)
        std::printf("bug state-written=%d child=%d same-sandbox=%d\\n", wrote, child > 0, !std::strcmp(dir, gen_dir));
    else std::printf("%lld\\n%s\\n", n, gen_dir);
}
"""


def test_nothing_of_a_case_reaches_the_next(world: JudgeEnv) -> None:
    """A file written and a background child left by each case: the next cases must not see them, so the first
    difference is the planted bug at seed 25 (a leftover would show as `stale` on an earlier seed). The bug's
    output proves the file was written and the child started, so this cannot pass by the attack not running, and
    that the solution ran in the generator's directory: one batch sandbox (single runs each get a new one), so
    the other tests of this account and kernel run batched too."""
    data = stress(world, LEFTOVERS_SOLUTION.replace("@BUG@", "25"), GEN_SEED_AND_DIRECTORY, "--count", "60")
    assert data["found"] is True, data
    assert (data["seed"], data["cases"], data["verdict"]) == (25, 25, "WA"), data
    assert data["got"] == "bug state-written=1 child=1 same-sandbox=1\n", data
    assert data["input"].startswith("25\n") and data["expected"] == data["input"] and data["args"] == ["25"]


FAILING_SOLUTION = """#include <cstdio>
#include <cstdlib>
#include <unistd.h>
int main() {
    long long n;
    if (std::scanf("%lld", &n) != 1) return 3;
    if (n == 7) {
        @FAIL@
    }
    std::printf("%lld\\n", n);
}
"""
FAILURES = {
    "RE": "std::abort();",
    "TLE": "volatile unsigned long long x = 0; for (;;) x++;",
    "TLE-asleep": "sleep(60);",
    "MLE": "volatile char* p = new char[4096LL << 20]; for (long long i = 0; i < (4096LL << 20); i += 4096) p[i] = 1;",
}


@pytest.mark.parametrize("verdict", sorted(FAILURES))
def test_a_failing_solution_mid_batch_is_reported_for_its_case(world: JudgeEnv, verdict: str) -> None:
    """Six cases pass, the seventh fails the way asked; the report names seed 7 and the verdict, and the seed
    makes the same input again (`gen 7`)."""
    data = stress(
        world,
        FAILING_SOLUTION.replace("@FAIL@", FAILURES[verdict]),
        GEN_SEED,
        "--count",
        "30",
        time_limit_s=0.5,
    )
    assert data["found"] is True, data
    assert (data["seed"], data["cases"], data["verdict"]) == (7, 7, verdict.split("-")[0]), data
    assert (data["input"], data["expected"], data["args"]) == ("7\n", "7\n", ["7"]), data


STOPS_AT_5 = """#include <cstdio>
#include <unistd.h>
int main() {
    long long n;
    if (std::scanf("%lld", &n) != 1) return 3;
    if (n == 5) std::printf("wrong\\n");
    else if (n > 5) sleep(600);  // a case queued after the difference: never waited for
    else std::printf("%lld\\n", n);
}
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cases_after_the_difference_are_ended_with_the_batches(world: JudgeEnv, jobs: str) -> None:
    """A batch keeps a case queued ahead (its helper runs it while the last one is checked), and with two batches
    the other one runs later cases meanwhile. Seed 5 differs; every later seed sleeps for minutes within a 100 s
    time limit. The report is seed 5, and the batches end at once, the sleeping cases killed: the queued one in the
    same batch (`--jobs 1`) and the one the other batch is running (`--jobs 2`); not waited for (up to their
    100 s) nor given the helper's 30 s to end by itself. The bound below only tells those apart (tens of
    seconds), it measures no speed."""
    data = stress(world, STOPS_AT_5, GEN_SEED, "--count", "40", "--jobs", jobs, time_limit_s=100)
    assert data["found"] is True, data
    assert (data["seed"], data["cases"], data["verdict"], data["got"]) == (5, 5, "WA", "wrong\n"), data
    assert data["elapsed_s"] < 20, data
    assert not processes_with(str(world.cache)), "a queued case outlived the stress test"


@pytest.mark.parametrize(
    ("role", "message"),
    [
        ("generator", "the generator failed on seed 4: RE exit code 3"),
        ("brute", "the brute force failed on the input of seed 4: RE exit code 3"),
    ],
    ids=["generator", "brute"],
)
def test_a_generator_or_brute_failing_mid_batch_is_an_error_naming_it(
    world: JudgeEnv, role: str, message: str
) -> None:
    """Exit 2 with the program and the seed named, as without batches (nothing is reported as a difference)."""
    fails_at_4 = """#include <cstdio>
#include <cstdlib>
#include <iostream>
int main(int argc, char** argv) {
    long long n = argc > 1 ? std::atoll(argv[1]) : 0;
    if (argc == 1) std::cin >> n;
    if (n == 4) return 3;
    std::printf("%lld\\n", n);
}
"""
    problem = world.problem("echo", [("1\n", "1\n")])
    tag = uuid.uuid4().hex[:8]
    programs = {"generator": GEN_SEED, "brute": ECHO_BRUTE} | {role: fails_at_4}
    done = world.algoitny(
        [
            "stress",
            str(problem),
            str(world.solution(f"sol-{tag}.cpp", ECHO_BRUTE)),
            "--generator",
            str(world.solution(f"gen-{tag}.cpp", programs["generator"])),
            "--brute",
            str(world.solution(f"brute-{tag}.cpp", programs["brute"])),
            "--count",
            "20",
        ],
        timeout=300,
    )
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert message in done.stderr, done.stderr


HOSTILE_GENERATOR = """#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/socket.h>
// argv[1]: the seed; then "read:PATH" (print what it holds) or PATH (write there). Prints the seed and a report.
int main(int argc, char** argv) {
    // socket() works in any network namespace and under Landlock: only the seccomp filter refuses it
    std::string report = socket(AF_INET, SOCK_STREAM, 0) < 0 ? "denied-socket" : "SOCKET";
    for (int i = 2; i < argc; i++) {
        std::string target = argv[i];
        if (target.rfind("read:", 0) == 0) {
            std::ifstream in(target.substr(5));
            std::stringstream all;
            if (in && (all << in.rdbuf())) report += " READ[" + all.str() + "]";
            else report += " denied-read";
        } else {
            FILE* f = std::fopen(target.c_str(), "w");
            if (f) {
                std::fputs("owned", f);
                std::fclose(f);
                report += " WRITTEN:" + target;
            } else {
                report += " denied-write";
            }
        }
    }
    FILE* own = std::fopen("own-file", "w");
    report += own ? " own-ok" : " own-denied";
    if (own) std::fclose(own);
    std::printf("%s\\n%s\\n", argv[1], report.c_str());
}
"""


def test_a_hostile_generator_in_a_batch_cannot_write_or_read_outside(world: JudgeEnv) -> None:
    """The generator tries to write into a world-writable directory outside, /tmp and the compile cache, and to
    read the user's AWS credentials and settings (secrets), and to open a socket (the seccomp filter, which the
    batch's init installs once for all its programs, refuses it); the solution is wrong on purpose, so the first input,
    the generator's report, comes back as the counterexample. Only a failing sandbox lets a write or a read
    through; the generator's own file shows it ran."""
    outside = world.root / f"outside-{uuid.uuid4().hex[:6]}"
    outside.mkdir()
    outside.chmod(0o777)
    marker = f"algoitny-batch-hostile-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    writes = [str(outside / "owned"), f"/tmp/{marker}", str(world.cache / marker)]
    reads = [f"read:{world.home / '.aws' / 'credentials'}", f"read:{world.algoitny_home / 'settings.toml'}"]
    wrong = '#include <cstdio>\nint main() { std::puts("wrong"); }\n'
    data = stress(world, wrong, HOSTILE_GENERATOR, "--count", "3", "--gen-args", " ".join(writes + reads))
    assert data["found"] is True and data["seed"] == 1, data
    seed, report = data["input"].splitlines()
    assert seed == "1" and report.startswith("denied-socket") and report.endswith("own-ok"), report
    assert report.count("denied-write") == len(writes) and report.count("denied-read") == len(reads), report
    assert not any(secret in json.dumps(data) for secret in world.secrets)
    assert list(outside.iterdir()) == []
    assert not Path(f"/tmp/{marker}").exists() and not (world.cache / marker).exists()


STEALING_GENERATOR = """#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
// argv[1]: the seed; then "file:PATH" (the file's last word, unquoted) or "env:NAME" (the variable). Prints one line: what it
// got of each, or "denied".
int main(int argc, char** argv) {
    std::string line;
    for (int i = 2; i < argc; i++) {
        std::string what = argv[i], got = "denied";
        if (what.rfind("file:", 0) == 0) {
            std::ifstream in(what.substr(5));
            std::string word;
            while (in >> word) got = word;
            got.erase(std::remove(got.begin(), got.end(), '"'), got.end());  // settings.toml's "key"
        } else if (const char* value = std::getenv(what.substr(4).c_str())) {
            got = value;
        }
        line += (i > 2 ? " " : "") + got;
    }
    std::printf("%s\\n", line.c_str());
}
"""


def test_a_generator_in_a_batch_steals_nothing_its_answer_is_the_secrets(world: JudgeEnv) -> None:
    """The brute force's answer is the user's secrets (the AWS key in ~/.aws/credentials, the Gemini key in
    settings.toml, both keys in the worker's environment); the solution prints the generator's output, which is what
    the generator could steal. Only a sandbox that lets the theft through makes them agree (no difference found):
    a working sandbox gives a difference at the first case, with "denied" for every secret."""
    targets = [
        f"file:{world.home / '.aws' / 'credentials'}",
        f"file:{world.algoitny_home / 'settings.toml'}",
        "env:AWS_SECRET_ACCESS_KEY",
        "env:GEMINI_API_KEY",
    ]
    answer = " ".join([world.aws_secret, world.gemini_key, world.env_aws_secret, world.env_gemini_key])
    brute = f'#include <cstdio>\nint main() {{ std::puts("{answer}"); }}\n'
    data = stress(
        world,
        ECHO_BRUTE,
        STEALING_GENERATOR,
        "--count",
        "3",
        "--gen-args",
        " ".join(targets),
        brute=brute,
        secret_env=True,
    )
    assert data["found"] is True and data["seed"] == 1 and data["verdict"] == "WA", data
    assert data["expected"].split() == answer.split()  # the brute force knew the secrets: the test is armed
    assert data["got"].split() == ["denied"] * len(targets), data["got"]


def test_python_runs_in_batches_where_no_zygote_starts_it(world: JudgeEnv, lab: Lab) -> None:
    """An ordinary user's Python has no zygote (it needs root), and root's is turned off here: the pack's wrong
    Python submission, a Python generator and brute force run in batches and the bug is found, its answer right."""
    folder = lab.pythonpath / "algoitny_tui" / "problems" / "builtin" / "pack" / "0005-divisible-count"
    tag = uuid.uuid4().hex[:8]
    done = world.algoitny(
        [
            "stress",
            str(folder),
            str(folder / "submissions" / "wrong_answer" / "off_by_one.py"),
            "--generator",
            str(world.solution(f"gen-{tag}.py", DIVISIBLE_GEN)),
            "--brute",
            str(world.solution(f"brute-{tag}.py", DIVISIBLE_BRUTE)),
            "--json",
        ],
        extra_env={"ALGOITNY_JUDGE_ZYGOTE": "0"},
        timeout=300,
    )
    assert done.returncode == 1, (done.stdout, done.stderr)
    data = json.loads(done.stdout)
    assert data["found"] is True and data["verdict"] == "WA" and data["seed"] == data["cases"]
    q, *rest = map(int, data["input"].split())
    answers = [
        sum(1 for x in range(rest[3 * i], rest[3 * i + 1] + 1) if x % rest[3 * i + 2] == 0) for i in range(q)
    ]
    assert data["expected"].split() == [str(a) for a in answers] != data["got"].split()
