"""The fork server of stress batches (judge/forkserver.py, forkserver_hook.c, sandbox.c's start_server): C++
programs linked with a hook, exec'd once per batch as pid 1 of a PID namespace of their own, forked before their
constructors and main for each case.

Every test runs `algoitny stress` as a user does, as root and as an ordinary user, with the real compiler and
sandbox, in the full kernel, in one that refuses mounting and in one without namespaces (no fork server there:
every case is exec'd, as before). Results are compared with the same stress test run with the fork server off
(ALGOITNY_STRESS_FORKSERVER=0); hostile programs try to carry something from one case to the next, or to reach
the server, and print what they got, so a working attack shows in the report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from algoitny_tui.judge.batch import SEED, BatchProgram, open_batch
from algoitny_tui.judge.compile_cache import prepare, tool_dirs
from algoitny_tui.judge.forkserver import hook_object, with_hook
from algoitny_tui.judge.languages import get_language
from algoitny_tui.judge.runner import solution_limits
from algoitny_tui.judge.sandbox import RunResult, Sandbox, build_helper
from tests.judge.conftest import make_problem
from tests.judge.sandbox_harness import (
    JudgeEnv,
    Lab,
    lab_fixture,  # noqa: F401  (the session's Lab)
)
from tests.judge.test_stress_batch import COMBINATIONS, FAILING_SOLUTION, FAILURES, GEN_SEED, stress

pytestmark = pytest.mark.slow

OFF = {"ALGOITNY_STRESS_FORKSERVER": "0"}
REPORTED = ("found", "seed", "cases", "verdict", "input", "expected", "got", "args")


@pytest.fixture(params=COMBINATIONS, ids=[f"{a}-{k}" for a, k in COMBINATIONS])
def world(request: pytest.FixtureRequest, lab: Lab) -> JudgeEnv:
    account, kernel = request.param
    return lab.env(account, kernel)


def both_ways(world: JudgeEnv, solution: str, generator: str, *args: str, **kw: object) -> dict[str, object]:
    """The stress test's report with the fork server (the default) and without it: the same in what a user reads;
    the first."""
    on = stress(world, solution, generator, *args, **kw)  # type: ignore[arg-type]
    off = stress(world, solution, generator, *args, extra_env=OFF, **kw)  # type: ignore[arg-type]
    assert {k: on[k] for k in REPORTED} == {k: off[k] for k in REPORTED}, (on, off)
    return on


NAMESPACE_DEPTH_GEN = """#include <cstdio>
#include <cstring>
// Prints its seed and how many PID namespaces deep it runs (the NSpid line of /proc/self/status).
int main(int argc, char** argv) {
    FILE* f = std::fopen("/proc/self/status", "r");
    char line[512];
    int depth = 0;
    while (f && std::fgets(line, sizeof line, f))
        if (!std::strncmp(line, "NSpid:", 6))
            for (char* t = std::strtok(line + 6, " \\t\\n"); t; t = std::strtok(nullptr, " \\t\\n")) depth++;
    std::printf("%s\\n%d\\n", argv[1], depth);
}
"""
WRONG = '#include <cstdio>\nint main() { std::puts("wrong"); }\n'


def test_cases_run_in_a_fork_server_where_pid_namespaces_can_be_made(world: JudgeEnv) -> None:
    """With the fork server each case runs one PID namespace deeper (its server's) than without it: so the other
    tests of this file, in the same account and kernel, compare the fork server with exec'd programs. Without
    namespaces (no-userns) there is no server and no difference."""
    on = stress(world, WRONG, NAMESPACE_DEPTH_GEN, "--count", "2")
    off = stress(world, WRONG, NAMESPACE_DEPTH_GEN, "--count", "2", extra_env=OFF)
    seed_on, depth_on = on["input"].split()
    seed_off, depth_off = off["input"].split()
    assert seed_on == seed_off == "1" and int(depth_off) >= 1
    if world.kernel.namespaces:
        assert int(depth_on) == int(depth_off) + 1, (on, off)
    else:
        assert depth_on == depth_off, (on, off)


OUTCOMES = {
    "AC": "",
    "WA": 'std::printf("%lld\\n", n + 1); return 0;',
    "OLE": 'for (;;) std::fputs("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\n", stdout);',
    **FAILURES,  # RE, TLE, TLE asleep, MLE: as the batch tests make them
}


@pytest.mark.parametrize("outcome", sorted(OUTCOMES))
def test_the_same_report_as_exec_d_programs(world: JudgeEnv, outcome: str) -> None:
    """Seeds 1-6 pass, the seventh ends the way asked (AC: it passes too, and all 12 cases run): the report is the
    same with and without the fork server, and names seed 7 with the verdict."""
    data = both_ways(
        world,
        FAILING_SOLUTION.replace("@FAIL@", OUTCOMES[outcome]),
        GEN_SEED,
        "--count",
        "12",
        time_limit_s=0.5,
    )
    if outcome == "AC":
        assert (data["found"], data["cases"]) == (False, 12), data
    else:
        assert (data["seed"], data["cases"], data["verdict"]) == (7, 7, outcome.split("-")[0]), data


CARRYING_GENERATOR = """#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <string>
#include <unistd.h>
// Reports what an earlier case could have left it, then leaves all of that for the next case:
//   prev   a global it sets to its seed (one process running two cases would keep it)
//   carry  a file in its directory holding its seed
//   late   a file its left-behind child writes once the directory was emptied (the next case has begun), while it
//          prints LEAK on the stdout it shares with this case
//   args   every argument of /proc/self/cmdline (an earlier seed still in it), fds: open fds above 2 at main
//   env    the fork server's variable, in getenv or /proc/self/environ
static long long prev = -1;
int main(int argc, char** argv) {
    std::string fds;
    if (DIR* d = opendir("/proc/self/fd")) {
        int own = dirfd(d);
        while (dirent* e = readdir(d))
            if (e->d_name[0] != '.' && std::atoi(e->d_name) > 2 && std::atoi(e->d_name) != own) fds += e->d_name, fds += ',';
        closedir(d);
    }
    char carry[64] = "none", cmd[4096];
    if (FILE* f = std::fopen("carry", "r")) {
        if (!std::fgets(carry, sizeof carry, f)) std::strcpy(carry, "empty");
        std::fclose(f);
    }
    std::string args;
    if (FILE* f = std::fopen("/proc/self/cmdline", "r")) {
        size_t n = std::fread(cmd, 1, sizeof cmd - 1, f);
        for (size_t i = 0; i < n; i += std::strlen(cmd + i) + 1)
            if (i > 0 && cmd[i]) args += std::string(args.empty() ? "" : ",") + (cmd + i);
        std::fclose(f);
    }
    std::string env = std::getenv("ALGOITNY_FORKSERVER") ? "GETENV" : "none";
    if (FILE* f = std::fopen("/proc/self/environ", "r")) {
        char all[65536];
        size_t n = std::fread(all, 1, sizeof all, f);
        if (memmem(all, n, "ALGOITNY_FORKSERVER", 19)) env += ",ENVIRON";
        std::fclose(f);
    }
    std::printf("%s\\nprev=%lld carry=%s late=%s args=%s fds=%s env=%s\\n", argv[1], prev, carry,
                access("late", F_OK) == 0 ? "FOUND" : "none", args.c_str(), fds.empty() ? "none" : fds.c_str(),
                env.c_str());
    prev = std::atoll(argv[1]);
    FILE* f = std::fopen("carry", "w");
    bool planted = f && std::fprintf(f, "%s", argv[1]) > 0;
    if (f) std::fclose(f);
    std::fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        setsid();  // its own session: only the server's (or init's) clean-up reaches it
        while (access("carry", F_OK) == 0) usleep(500);
        for (int i = 0; i < 5000; i++) {
            if (FILE* g = std::fopen("late", "w")) std::fclose(g);
            std::printf("LEAK\\n");
            std::fflush(stdout);
            usleep(1000);
        }
        _exit(0);
    }
    std::printf("planted=%d child=%d\\n", planted, child > 0);
}
"""
DETECTING_SOLUTION = """#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <iterator>
#include <string>
#include <unistd.h>
// Echoes its input (as the brute force does), but "stale" when the generator found anything of an earlier case
// (or this case's directory holds the late file), and "bug" at seed 12.
int main() {
    std::string in((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    long long seed = std::atoll(in.c_str());
    std::string clean = "prev=-1 carry=none late=none args=" + std::to_string(seed) + " fds=none env=none\\n";
    if (in.find(clean) == std::string::npos || in.find("LEAK") != std::string::npos || access("late", F_OK) == 0)
        std::printf("stale\\n");
    else if (seed == 12) std::printf("bug\\n");
    else std::cout << in;
}
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_nothing_of_a_case_reaches_the_next_through_the_fork_server(world: JudgeEnv, jobs: str) -> None:
    """Every case's generator leaves a global, a file and a child that writes into the directory and its stdout once
    the next case has begun; it also looks for an earlier seed in its command line, an fd of the server's socket
    and the server's variable. A working attack makes a solution print "stale" on an earlier seed: the first
    difference must be the planted bug at seed 12, whose input shows the generator found nothing and did plant
    everything (so the test cannot pass by the attack not running). The same report without the fork server."""
    data = both_ways(world, DETECTING_SOLUTION, CARRYING_GENERATOR, "--count", "30", "--jobs", jobs)
    assert (data["found"], data["seed"], data["cases"], data["verdict"], data["got"]) == (
        True,
        12,
        12,
        "WA",
        "bug\n",
    )
    assert data["input"] == (
        "12\nprev=-1 carry=none late=none args=12 fds=none env=none\nplanted=1 child=1\n"
    ), data


HOSTILE_SOLUTION = """#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <unistd.h>
// Tries to end whatever started it (its parent, pid 1, every process it may signal) and to talk on any fd it did
// not get (a control socket it could have kept): prints how many fds took a write or gave a read, then its input
// back (wrong at seed 9).
int main() {
    long long n;
    if (std::scanf("%lld", &n) != 1) return 3;
    kill(getppid(), SIGKILL);
    kill(1, SIGKILL);
    kill(-1, SIGKILL);
    int talked = 0;
    char buf[64];
    for (int fd = 3; fd < 1024; fd++) {
        if (write(fd, "D\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0\\0", 24) > 0) talked++;
        if (read(fd, buf, sizeof buf) > 0) talked++;
    }
    if (n == 9) std::printf("wrong talked=%d\\n", talked);
    else if (talked) std::printf("talked=%d\\n", talked);
    else std::printf("%lld\\n", n);
}
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_solution_that_goes_for_the_server_gets_the_right_verdicts(world: JudgeEnv, jobs: str) -> None:
    """Every case's solution signals its parent, pid 1 and everything it may, and writes and reads every fd past 2:
    the report is still seed 9 (WA, with no fd talked to), every case before it judged right; the same without
    the fork server."""
    data = both_ways(world, HOSTILE_SOLUTION, GEN_SEED, "--count", "20", "--jobs", jobs)
    assert (data["found"], data["seed"], data["cases"], data["verdict"]) == (True, 9, 9, "WA"), data
    assert data["got"] == "wrong talked=0\n", data


MINI_TESTLIB_GEN = """#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
// testlib's registerGen seeds its generator from the whole argv, as this does
int main(int argc, char* argv[]) {
    std::string all;
    for (int i = 1; i < argc; i++) { all += argv[i]; all += ' '; }
    std::mt19937 rnd(std::hash<std::string>{}(all));
    int n = argc > 3 ? std::atoi(argv[3]) : 3;
    std::printf("%d\\n", n);
    for (int i = 0; i < n; i++) std::printf("%d ", std::uniform_int_distribution<int>(1, 30)(rnd));
    std::puts("");
}
"""
SUM_BRUTE = """#include <cstdio>
int main() { int n, x; long long s = 0; std::scanf("%d", &n); while (n-- && std::scanf("%d", &x) == 1) s += x; std::printf("%lld\\n", s); }
"""
SUM_SKIPPING_7 = SUM_BRUTE.replace("s += x;", "s += x == 7 ? 0 : x;")


def test_a_testlib_style_generator_gets_each_case_s_seed_in_argv(world: JudgeEnv) -> None:
    """The generator hashes its whole argv (seed, then its arguments) as testlib does: with and without the fork
    server the first input holding a 7 comes from the same seed, with the same numbers."""
    data = both_ways(
        world, SUM_SKIPPING_7, MINI_TESTLIB_GEN, "--count", "200", "--gen-args", "--n 4", brute=SUM_BRUTE
    )
    assert data["found"] is True and data["args"] == [str(data["seed"]), "--n", "4"], data
    count, numbers = data["input"].splitlines()
    assert count == "4" and "7" in numbers.split(), data


CPU_EACH_CASE = """#include <cstdio>
#include <ctime>
// Uses 0.45 s of CPU on each case (seeds 1-8: 3.6 s in all, over the 1 s limit and the 3 s RLIMIT_CPU backstop,
// were they counted together), then loops for ever on seed 9.
int main() {
    long long n;
    if (std::scanf("%lld", &n) != 1) return 3;
    volatile unsigned long long x = 0;
    while (n == 9 || std::clock() < CLOCKS_PER_SEC * 45 / 100) x++;
    std::printf("%lld\\n", n);
}
"""


def test_the_cpu_limit_counts_each_case_alone(world: JudgeEnv) -> None:
    """One server forks every case (`--jobs 1`): eight cases of 0.45 s each pass a 1 s limit, the ninth is TLE,
    and a case after a TLE (the fork server killed with it) runs in a new one."""
    data = both_ways(world, CPU_EACH_CASE, GEN_SEED, "--count", "12", "--jobs", "1", time_limit_s=1)
    assert (data["found"], data["seed"], data["cases"], data["verdict"]) == (True, 9, 9, "TLE"), data


TLE_ON_2 = FAILING_SOLUTION.replace("n == 7", "n == 2").replace("@FAIL@", "for (;;) {}")


def run_batch(cache_dir: Path, forkserver: bool, seeds: list[int]) -> list[dict[str, RunResult]]:
    """The generator and a solution that loops for ever on seed 2, in one batch of this process's sandbox (root, the
    full kernel: the harness's accounts and kernels run the tests above), each case's results."""
    sandbox = Sandbox(build_helper(cache_dir))
    try:
        sandbox.info()
        spec = get_language("cpp")
        hook = hook_object(spec, cache_dir, sandbox) if forkserver else None
        assert hook is not None or not forkserver, "the hook does not build here"
        problem = make_problem(time_ms=500)
        programs = []
        for name, code in (("generator", GEN_SEED), ("solution", TLE_ON_2)):
            artifact, report = prepare(
                with_hook(spec, hook) if hook else spec,
                code,
                cache_dir=cache_dir,
                sandbox=sandbox,
                readable=[str(hook)] if hook else [],
            )
            assert artifact is not None, report.message
            argv = artifact.argv(256)
            programs.append(
                BatchProgram(
                    name,
                    [*argv, SEED] if name == "generator" else argv,
                    solution_limits(problem, spec),
                    seed_at=len(argv) if name == "generator" else None,
                    tools=tool_dirs(artifact.tools),
                    readable=[str(artifact.dir)],
                    forkserver=forkserver,
                )
            )
        with open_batch(sandbox, programs) as batch:
            return [batch.run_case(seed) for seed in seeds]
    finally:
        sandbox.close()


def test_after_a_case_at_its_cpu_limit_the_next_cases_run_fine(cache_dir: Path) -> None:
    """Seed 2's solution is ended at its CPU limit (its fork server with it); seeds 1, 3 and 4 run and print their
    seed, in a new server; the same results (but for times) as with exec'd programs."""
    seeds = [1, 2, 3, 4]
    runs = {way: run_batch(cache_dir, way, seeds) for way in (True, False)}
    for way, results in runs.items():
        for seed, result in zip(seeds, results, strict=True):
            assert result["generator"].stdout == f"{seed}\n".encode(), (way, seed, result)
            mine = result["solution"]
            if seed == 2:
                assert (mine.reason, mine.stdout) == ("cpu", b""), (way, mine)
                assert mine.cpu_ms >= 500, (way, mine)
            else:
                assert (mine.reason, mine.status, mine.stdout) == ("none", 0, f"{seed}\n".encode()), (
                    way,
                    mine,
                )
