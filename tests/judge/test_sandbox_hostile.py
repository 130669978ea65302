"""Hostile programs against the judge's sandbox, judged through `algoitny judge --json` as a user would: as an
ordinary user and as root, in simulated kernels (simkernel.c) that refuse user namespaces, mounting, or Landlock.

Each attack is a real program whose expected answer is what it tries to steal (or a token it prints only when its
attack worked), so AC means the sandbox failed: every test asserts the verdict is not AC (nor JE or CE, which
would mean the program never ran and the test proved nothing), that no secret shows in the judge's output, and
what the attack would have left behind (a file, a process, a changed helper binary) is not there. Where the kernel
offers no Landlock the judge may refuse to run at all (exit 2, one line naming the `judge_sandbox` setting); that
blocks the attack too. Every run's JSON must say which sandbox ran.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.judge.sandbox_harness import (
    AB,
    AB_TESTS,
    KERNELS,
    MODES,
    SECRET_PREFIX,
    Judged,
    JudgeEnv,
    Lab,
    host_namespace,
    lab_fixture,  # noqa: F401  (the session's Lab)
    new_secret,
    processes_named,
    reverse,
    serve_secret,
)

pytestmark = pytest.mark.slow

ACCOUNTS = ("ordinary", "root")
COMBINATIONS = [(account, kernel) for account in ACCOUNTS for kernel in KERNELS]


@pytest.fixture(params=COMBINATIONS, ids=[f"{a}-{k}" for a, k in COMBINATIONS])
def world(request: pytest.FixtureRequest, lab: Lab) -> JudgeEnv:
    account, kernel = request.param
    return lab.env(account, kernel)


def c_source(template: str, **values: str | float) -> str:
    """Fill @NAME@ in a C program: strings become C string literals (JSON's escapes are C's), numbers stay."""
    for name, value in values.items():
        template = template.replace(f"@{name}@", json.dumps(value) if isinstance(value, str) else str(value))
    assert not re.search(r"@[A-Z_]+@", template), "a placeholder was left unfilled"
    return template


def py_source(template: str, **values: object) -> str:
    for name, value in values.items():
        template = template.replace(f"@{name}@", repr(value))
    return template


# --- what every run must show ---------------------------------------------------------------------------------------


def ran(judged: Judged, world: JudgeEnv) -> dict[str, Any] | None:
    """The JSON of a run; None when the judge refused to run, which it may only where the kernel offers no
    Landlock (and then only with one line naming what is missing and the opt-in setting)."""
    if world.kernel.may_refuse and judged.refused:
        assert "landlock" in judged.stderr.lower(), (
            f"the refusal does not say what is missing:\n{judged.describe()}"
        )
        return None
    data = judged.json
    assert data["compile"]["ok"], f"the program did not compile, so it never ran:\n{judged.describe()}"
    return data


def assert_sandbox_reported(judged: Judged, world: JudgeEnv, data: dict[str, Any]) -> None:
    sandbox = data.get("sandbox")
    assert isinstance(sandbox, dict) and sandbox.get("mode") in MODES, (
        f'--json must hold "sandbox": {{"mode": one of {MODES}, "isolation": [...]}}:\n{judged.describe()}'
    )
    assert isinstance(sandbox.get("isolation"), list) and all(
        isinstance(i, str) for i in sandbox["isolation"]
    ), judged.describe()
    assert sandbox["mode"] != "none", f"ran without a sandbox, though nobody opted in:\n{judged.describe()}"
    if not world.kernel.namespaces:
        assert sandbox["mode"] != "namespaces", (
            f"says namespaces where the kernel refuses them:\n{judged.describe()}"
        )


def assert_blocked(
    judged: Judged,
    world: JudgeEnv,
    test: int = 0,
    also_secret: str | None = None,
    verdicts: tuple[str, ...] | None = None,
    not_timed_out: bool = False,
    min_time_ms: int | None = None,
) -> None:
    """The attack in test number `test` failed: no secret in the judge's output, a verdict other than AC (JE and
    CE are not accepted: the program must have run; nor TLE with not_timed_out, where only the time limit would
    have stopped the attack), or exactly one of `verdicts` when given; and at least min_time_ms shown."""
    for secret in [*world.secrets, *([also_secret] if also_secret else [])]:
        assert not judged.shows(secret), f"a secret reached the judge's output:\n{judged.describe()}"
    data = ran(judged, world)
    if data is None:
        return
    verdict = data["tests"][test]["verdict"]
    if verdicts is not None:
        assert verdict in verdicts, (
            f"expected {verdicts}, got {verdict}: the attack worked\n{judged.describe()}"
        )
    else:
        assert verdict != "AC", f"AC: the attack worked\n{judged.describe()}"
        assert verdict not in ("JE", "CE"), (
            f"{verdict}: the program never ran, so this proves nothing\n{judged.describe()}"
        )
        assert not (not_timed_out and verdict == "TLE"), (
            f"TLE: only the time limit stopped the attack\n{judged.describe()}"
        )
    if min_time_ms is not None:
        assert data["tests"][test]["time_ms"] >= min_time_ms, (
            f"the time shown leaves out CPU time the run used (the wall-clock limit ended it)\n{judged.describe()}"
        )
    assert_sandbox_reported(judged, world, data)


# --- an honest solution is accepted everywhere -----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(AB))
def test_honest_a_plus_b_is_accepted(world: JudgeEnv, name: str) -> None:
    judged = world.judge(world.problem("ab", AB_TESTS), world.solution(name, AB[name]))
    data = ran(judged, world)
    if data is None:
        return
    assert judged.returncode == 0 and data["verdict"] == "AC", judged.describe()
    assert judged.verdicts == ["AC"] * len(AB_TESTS), judged.describe()
    assert_sandbox_reported(judged, world, data)


# --- secrets on disk ------------------------------------------------------------------------------------------------

SECRET_FILES_C = r"""
#include <stdio.h>
#include <string.h>

/* stdin names what to steal: "settings" (the Gemini key in settings.toml) or "aws" (~/.aws/credentials) */
int main(void) {
    char what[32] = "", line[1024];
    if (scanf("%31s", what) != 1) return 0;
    int settings = strcmp(what, "settings") == 0;
    const char *path = settings ? @SETTINGS@ : @AWS@;
    const char *key = settings ? "gemini_api_key" : "aws_secret_access_key";
    FILE *f = fopen(path, "r");
    if (!f) { perror("open"); return 0; }
    while (fgets(line, sizeof line, f)) {
        char *value = strstr(line, @PREFIX@);
        if (strncmp(line, key, strlen(key)) == 0 && value) {
            for (size_t n = strspn(value, "abcdefghijklmnopqrstuvwxyz0123456789"); n > 0; n--) putchar(value[n - 1]);
            putchar('\n');
        }
    }
    return 0;
}
"""


def test_reading_the_gemini_key_and_aws_credentials(world: JudgeEnv) -> None:
    source = c_source(
        SECRET_FILES_C,
        SETTINGS=str(world.algoitny_home / "settings.toml"),
        AWS=str(world.home / ".aws" / "credentials"),
        PREFIX=SECRET_PREFIX,
    )
    problem = world.problem(
        "secret-files",
        [("settings\n", reverse(world.gemini_key) + "\n"), ("aws\n", reverse(world.aws_secret) + "\n")],
    )
    judged = world.judge(problem, world.solution("steal.c", source))
    assert_blocked(judged, world, test=0)
    assert_blocked(judged, world, test=1)


WALKER_PY = r"""
import os, sys, time
MODE = @MODE@
mine = sys.stdin.buffer.read()
deadline = time.monotonic() + 3
PRUNE = {'/proc', '/sys', '/dev', '/usr', '/boot', '/etc', '/run', '/var/lib', '/var/cache', '/snap'}
PRUNE_NAMES = {'.git', '.venv', 'node_modules', '__pycache__', 'site-packages'}
roots = ['/tmp', os.environ.get('HOME', '/'), @HOME@, '/var/tmp', '/dev/shm', '/home', '/root', '/']
seen = set()


def copies_of_my_input():
    for top in roots:
        for d, dirs, files in os.walk(top):
            if d in seen or time.monotonic() > deadline:
                dirs[:] = []
                continue
            seen.add(d)
            dirs[:] = [x for x in dirs if x not in PRUNE_NAMES and os.path.join(d, x) not in PRUNE]
            for f in files:
                p = os.path.join(d, f)
                try:
                    if os.path.getsize(p) == len(mine) and open(p, 'rb').read() == mine:
                        yield p
                except OSError:
                    pass


for found in copies_of_my_input():
    stem, folder = os.path.splitext(found)[0], os.path.dirname(found)
    if MODE == 'answer':
        for suffix in ('.ans', '.out'):
            try:
                sys.stdout.write(open(stem + suffix).read())
                sys.exit(0)
            except OSError:
                pass
    else:
        try:
            others = sorted(n for n in os.listdir(folder) if n.endswith('.in') and os.path.join(folder, n) != found)
        except OSError:
            continue
        if others:
            for name in others:
                print(open(os.path.join(folder, name)).read().strip()[::-1])
            sys.exit(0)
"""


def test_reading_the_hidden_answer_from_disk(world: JudgeEnv) -> None:
    """A program that computes nothing: it finds its own input on disk and prints the answer file beside it."""
    answer = new_secret("answer")
    problem = world.problem("hidden-answer", [(f"probe {uuid.uuid4().hex}\n", answer + "\n")], time_limit_s=5)
    judged = world.judge(
        problem, world.solution("walk.py", py_source(WALKER_PY, MODE="answer", HOME=str(world.home)))
    )
    assert_blocked(judged, world)


def test_reading_another_tests_input_from_disk(world: JudgeEnv) -> None:
    other_input = new_secret("input")
    problem = world.problem(
        "other-input",
        [(f"probe {uuid.uuid4().hex}\n", reverse(other_input) + "\n"), (other_input + "\n", "whatever\n")],
        time_limit_s=5,
    )
    judged = world.judge(
        problem, world.solution("walk.py", py_source(WALKER_PY, MODE="input", HOME=str(world.home)))
    )
    assert_blocked(judged, world, test=0, also_secret=other_input)


# --- the judge's environment and memory -----------------------------------------------------------------------------

ENVIRON_C = r"""
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char var[64];

/* only strings shaped like the test's secrets are ever printed */
static int show(const char *value) {
    if (strncmp(value, @PREFIX@, strlen(@PREFIX@)) != 0) return 0;
    for (size_t n = strspn(value, "abcdefghijklmnopqrstuvwxyz0123456789"); n > 0; n--) putchar(value[n - 1]);
    putchar('\n');
    return 1;
}

static int hunt(const char *path) {
    static char buf[1 << 20];
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f), len = strlen(var);
    fclose(f);
    buf[n] = 0;
    for (size_t i = 0; i < n; i += strlen(buf + i) + 1)
        if (strncmp(buf + i, var, len) == 0 && buf[i + len] == '=' && show(buf + i + len + 1)) return 1;
    return 0;
}

/* stdin names the variable: GEMINI_API_KEY or AWS_SECRET_ACCESS_KEY */
int main(void) {
    char path[64];
    if (scanf("%63s", var) != 1) return 0;
    if (getenv(var) && show(getenv(var))) return 0;
    snprintf(path, sizeof path, "/proc/%d/environ", (int)getppid());
    if (hunt(path) || hunt("/proc/1/environ")) return 0;
    DIR *d = opendir("/proc");
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (isdigit((unsigned char)e->d_name[0])) {
            snprintf(path, sizeof path, "/proc/%s/environ", e->d_name);
            if (hunt(path)) return 0;
        }
    return 0;
}
"""


def test_reading_the_judges_environment(world: JudgeEnv) -> None:
    """The judge runs with GEMINI_API_KEY and AWS_SECRET_ACCESS_KEY set (as a worker does): its own environment,
    its parent's, pid 1's and every /proc/*/environ are tried."""
    problem = world.problem(
        "environ",
        [
            ("GEMINI_API_KEY\n", reverse(world.env_gemini_key) + "\n"),
            ("AWS_SECRET_ACCESS_KEY\n", reverse(world.env_aws_secret) + "\n"),
        ],
    )
    judged = world.judge(
        problem, world.solution("environ.c", c_source(ENVIRON_C, PREFIX=SECRET_PREFIX)), secret_env=True
    )
    assert_blocked(judged, world, test=0)
    assert_blocked(judged, world, test=1)


# The judge's processes above the program: pid 1 when the program has its own PID namespace (the machine's own
# init is left alone), the parent and its parents up to, not including, this test process.
ANCESTORS_C = r"""
static int own_pid_namespace(void) {
    char ns[128] = "";
    ssize_t n = readlink("/proc/self/ns/pid", ns, sizeof ns - 1);
    if (n > 0) ns[n] = 0;
    return strcmp(ns, @HOST_PID_NS@) != 0;
}

static int parent_of(int pid) {
    char path[64], buf[1024];
    int ppid = 0;
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')');
    if (p) sscanf(p + 2, "%*c %d", &ppid);
    return ppid;
}

static int targets(int *out) {
    int n = 0;
    if (own_pid_namespace()) out[n++] = 1;
    for (int pid = getppid(); pid > 1 && pid != @TEST_PID@ && n < 32; pid = parent_of(pid))
        if (pid != 1) out[n++] = pid;
    return n;
}
"""

PTRACE_C = (
    r"""
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>
"""
    + ANCESTORS_C
    + r"""
static unsigned long first_readable(int pid) {
    char path[64], line[512];
    unsigned long start = 0, end;
    char perms[8];
    snprintf(path, sizeof path, "/proc/%d/maps", pid);
    FILE *f = fopen(path, "r");
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "%lx-%lx %7s", &start, &end, perms) == 3 && perms[0] == 'r') break;
        else start = 0;
    if (f) fclose(f);
    return start;
}

/* read a word of its memory through /proc/PID/mem, else attach and PEEKDATA. PTRACE_SEIZE has the same permission
   check as PTRACE_ATTACH, and the target goes on running should this program be killed while attached. */
static int read_memory(int pid) {
    char path[64];
    long word;
    unsigned long addr = first_readable(pid);
    snprintf(path, sizeof path, "/proc/%d/mem", pid);
    int fd = open(path, O_RDONLY);
    int ok = fd >= 0 && addr && pread(fd, &word, sizeof word, (off_t)addr) == (ssize_t)sizeof word;
    if (fd >= 0) close(fd);
    if (ok) return 1;
    if (ptrace(PTRACE_SEIZE, pid, 0, 0) != 0) return 0;
    ok = 1; /* attached: it is ours to stop and read */
    if (addr && ptrace(PTRACE_INTERRUPT, pid, 0, 0) == 0 && waitpid(pid, NULL, __WALL) == pid) {
        errno = 0;
        ptrace(PTRACE_PEEKDATA, pid, (void *)addr, 0);
    }
    ptrace(PTRACE_DETACH, pid, 0, 0);
    return ok;
}

int main(void) {
    int t[33], n = targets(t);
    for (int i = 0; i < n; i++)
        if (read_memory(t[i])) {
            fprintf(stderr, "read the memory of pid %d\n", t[i]);
            puts(@TOKEN@);
            return 0;
        }
    return 0;
}
"""
)


def ancestors_values() -> dict[str, str | int]:
    return {"HOST_PID_NS": host_namespace("pid"), "TEST_PID": os.getpid()}


def test_ptrace_of_init_and_parent(world: JudgeEnv) -> None:
    token = new_secret("ptrace")
    problem = world.problem("ptrace", [("\n", token + "\n")])
    source = c_source(PTRACE_C, TOKEN=token, **ancestors_values())
    judged = world.judge(problem, world.solution("ptrace.c", source), secret_env=True)
    assert_blocked(judged, world)


FORGE_C = (
    r"""
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
"""
    + ANCESTORS_C
    + r"""
int main(void) {
    static const char forged[] = "ns 0 0 0 0 none\nnamespaces 0 0 0 0 none -\n";
    int t[33], n = targets(t);
    struct stat out, err;
    fstat(1, &out);
    fstat(2, &err);
    puts(@TOKEN@);
    fflush(stdout);
    usleep(300000); /* the judge has read the answer by now: a forged "exit 0" makes it AC */
    for (int i = 0; i < n; i++)
        for (int fd = 0; fd <= 64; fd++) {
            char path[64];
            struct stat st;
            snprintf(path, sizeof path, "/proc/%d/fd/%d", t[i], fd);
            if (stat(path, &st) != 0 || !S_ISFIFO(st.st_mode)) continue; /* a result channel is a pipe */
            if (st.st_ino == out.st_ino || st.st_ino == err.st_ino) continue; /* not its own output */
            int w = open(path, O_WRONLY | O_NONBLOCK);
            if (w >= 0) {
                if (write(w, forged, strlen(forged)) > 0) fprintf(stderr, "wrote to %s\n", path);
                close(w);
            }
        }
    for (;;) {
    }
}
"""
)


def test_forged_result_line(world: JudgeEnv) -> None:
    """The program writes a "finished in time" result into every pipe of init and its parents, then loops."""
    token = new_secret("forge")
    problem = world.problem("forge", [("\n", token + "\n")], time_limit_s=1)
    judged = world.judge(
        problem, world.solution("forge.c", c_source(FORGE_C, TOKEN=token, **ancestors_values()))
    )
    assert_blocked(judged, world, verdicts=("TLE",))


# --- mounts and files ------------------------------------------------------------------------------------------------

REMOUNT_C = r"""
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

static int own_mount_namespace(void) {
    char ns[128] = "";
    ssize_t n = readlink("/proc/self/ns/mnt", ns, sizeof ns - 1);
    if (n > 0) ns[n] = 0;
    return strcmp(ns, @HOST_MNT_NS@) != 0;
}

int main(void) {
    static char mounts[512][512];
    char line[4096];
    int n = 0;
    mount(NULL, "/", NULL, MS_REMOUNT | MS_BIND, NULL);
    if (own_mount_namespace()) { /* the machine's own mounts are left alone */
        FILE *f = fopen("/proc/self/mountinfo", "r");
        while (f && n < 512 && fgets(line, sizeof line, f))
            if (sscanf(line, "%*s %*s %*s %*s %511s", mounts[n]) == 1) n++;
        for (int i = n - 1; i >= 0; i--) mount(NULL, mounts[i], NULL, MS_REMOUNT | MS_BIND, NULL);
        /* whatever is mounted over HOME (or a parent of it) goes, to uncover the real one */
        for (int i = n - 1; i >= 0; i--)
            if (strcmp(mounts[i], "/") != 0 && strncmp(@HOME@, mounts[i], strlen(mounts[i])) == 0)
                umount2(mounts[i], MNT_DETACH);
    }
    FILE *out = fopen(@TARGET@, "w");
    if (out && fputs("escaped\n", out) >= 0 && fclose(out) == 0) puts(@TOKEN@);
    else perror("write");
    return 0;
}
"""


def test_remount_and_write_into_home(world: JudgeEnv) -> None:
    token = new_secret("remount")
    target = world.home / f"remounted-{uuid.uuid4().hex}"
    source = c_source(
        REMOUNT_C, HOST_MNT_NS=host_namespace("mnt"), HOME=str(world.home), TARGET=str(target), TOKEN=token
    )
    judged = world.judge(
        world.problem("remount", [("\n", token + "\n")]), world.solution("remount.c", source)
    )
    written = target.exists()
    target.unlink(missing_ok=True)
    assert not written, f"the program wrote {target}:\n{judged.describe()}"
    assert_blocked(judged, world)


WRITE_OUTSIDE_PY = r"""
import os, sys
wrote = []
for path in @TARGETS@:
    try:
        with open(path, 'w') as f:
            f.write('escaped')
        wrote.append(path)
    except OSError as e:
        print('blocked', path, e.strerror, file=sys.stderr)
for folder, _, files in os.walk(@CACHE@):
    for name in files:  # the sandbox helper, the compiled programs: replaced, the next judge would run ours
        try:
            with open(os.path.join(folder, name), 'ab') as f:
                f.write(b'\n#replaced by a submission\n')
            wrote.append(os.path.join(folder, name))
        except OSError:
            pass
if wrote:
    print(@TOKEN@)
    print('wrote', wrote, file=sys.stderr)
"""


def test_writing_outside_its_directory(world: JudgeEnv, lab: Lab) -> None:
    """HOME, ALGOITNY_HOME, the compile cache (with the sandbox helper), the problem, TMPDIR and /tmp: nothing
    appears and no cached file changes. A fresh ALGOITNY_HOME: should the attack work, it breaks that cache."""
    fresh = lab.env(world.account.name, world.kernel.name, fresh=True)
    fresh.copy_cache_from(world)
    warm = fresh.judge(fresh.problem("ab", AB_TESTS), fresh.solution("sol.c", AB["sol.c"]))  # fills the cache
    if ran(warm, fresh) is None:
        return  # refused: nothing runs here
    assert warm.returncode == 0, warm.describe()
    before = fresh.file_hashes(fresh.algoitny_home)
    helpers = fresh.helpers()
    assert any(fresh.cache in p.parents for p in before), (
        "the compile cache is empty: this would prove nothing"
    )
    token = new_secret("write")
    problem = fresh.problem("write-outside", [("\n", token + "\n")])
    name = f"escaped-{uuid.uuid4().hex}"
    targets = [
        fresh.home / name,
        fresh.algoitny_home / name,
        fresh.cache / name,
        problem / name,
        fresh.tmpdir / name,
        Path("/tmp") / name,
        Path("/var/tmp") / name,
        Path("/dev/shm") / name,
    ]
    source = py_source(
        WRITE_OUTSIDE_PY, TARGETS=[str(t) for t in targets], CACHE=str(fresh.cache), TOKEN=token
    )
    judged = fresh.judge(problem, fresh.solution("write.py", source))
    appeared = [t for t in targets if t.exists()]
    for t in appeared:
        t.unlink()
    assert appeared == [], f"the program wrote {appeared}:\n{judged.describe()}"
    after = fresh.file_hashes(fresh.algoitny_home)
    changed = [str(p) for p, digest in before.items() if after.get(p) != digest]
    assert changed == [], f"the program changed {changed} (helpers: {helpers}):\n{judged.describe()}"
    assert_blocked(judged, fresh)


# --- the network ----------------------------------------------------------------------------------------------------

TCP_C = r"""
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void) {
    struct sockaddr_in a = {0};
    char buf[256];
    a.sin_family = AF_INET;
    a.sin_port = htons(@PORT@);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof a) != 0) { perror("connect"); return 0; }
    ssize_t n = read(s, buf, sizeof buf);
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) n--;
    for (; n > 0; n--) putchar(buf[n - 1]);
    putchar('\n');
    return 0;
}
"""

ABSTRACT_SOCKET_PY = r"""
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(3)
try:
    s.connect('\0' + @NAME@)
    print(s.makefile().readline().strip()[::-1])
except OSError as e:
    print('blocked:', e, file=sys.stderr)
"""


def test_tcp_to_a_loopback_listener(world: JudgeEnv) -> None:
    secret = new_secret("tcp")
    with serve_secret(socket.AF_INET, secret) as server:
        problem = world.problem("tcp", [("\n", reverse(secret) + "\n")])
        judged = world.judge(problem, world.solution("tcp.c", c_source(TCP_C, PORT=int(server.address))))
    assert server.connections == 0, (
        f"the program connected to 127.0.0.1:{server.address}:\n{judged.describe()}"
    )
    assert_blocked(judged, world, also_secret=secret)


def test_abstract_unix_socket(world: JudgeEnv) -> None:
    secret = new_secret("unix")
    with serve_secret(socket.AF_UNIX, secret) as server:
        problem = world.problem("abstract", [("\n", reverse(secret) + "\n")])
        judged = world.judge(
            problem, world.solution("unix.py", py_source(ABSTRACT_SOCKET_PY, NAME=server.address))
        )
    assert server.connections == 0, f"the program connected to @{server.address}:\n{judged.describe()}"
    assert_blocked(judged, world, also_secret=secret)


# --- processes and limits -------------------------------------------------------------------------------------------

DAEMON_C = r"""
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    pid_t child = fork();
    if (child == 0) {
        setsid();
        if (fork() == 0) {
            prctl(PR_SET_NAME, @MARKER@);
            signal(SIGHUP, SIG_IGN);
            signal(SIGTERM, SIG_IGN);
            close(0); close(1); close(2);
            for (;;) sleep(1000);
        }
        _exit(0);
    }
    waitpid(child, NULL, 0);
    puts(@TOKEN@);
    return 0;
}
"""


def test_daemon_does_not_outlive_the_judge(world: JudgeEnv) -> None:
    marker = f"aitd{uuid.uuid4().hex[:11]}"  # a process name holds 15 characters
    token = new_secret("daemon")
    judged = world.judge(
        world.problem("daemon", [("\n", token + "\n")]),
        world.solution("daemon.c", c_source(DAEMON_C, MARKER=marker, TOKEN=token)),
    )
    left = processes_named(marker)
    for pid in left:  # the daemon this test started
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"the daemon {marker} outlived the judge (pids {left}):\n{judged.describe()}"
    assert_blocked(judged, world, verdicts=("AC",))  # the program itself is honest: it ran and answered


BURN_C = r"""
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void burn(double seconds) {
    struct timespec t;
    do clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    while (t.tv_sec + t.tv_nsec / 1e9 < seconds);
}

int main(void) {
    int done[2];
    if (pipe(done) != 0) return 1;
    pid_t middle = @ORPHANS@ ? fork() : 0;
    if (middle == 0) {
        for (int i = 0; i < 3; i++)
            if (fork() == 0) {
                close(done[0]);
                burn(@SECONDS@);
                _exit(0);
            }
        if (@ORPHANS@) _exit(0); /* the burners are orphans now: nobody waits for them */
        while (wait(NULL) > 0) {
        }
    }
    close(done[1]);
    waitpid(middle, NULL, 0);
    char c;
    while (read(done[0], &c, 1) > 0) { /* EOF: every burner has finished */
    }
    puts(@TOKEN@);
    return 0;
}
"""


@pytest.mark.parametrize("orphans", [False, True], ids=["waited-for", "orphans"])
def test_childrens_cpu_time_counts(world: JudgeEnv, orphans: bool) -> None:
    """Three children each burn just under the CPU limit while the parent only waits: TLE, for CPU time (the time
    shown reaches the limit). The limit is small (0.25 s) because the wall-clock limit (here 1.5 s) must not come
    first on a busy machine: the run then needs only a sixth of a core. Should it come first all the same, which
    says nothing either way, the run is judged again (at most three times)."""
    token = new_secret("cpu")
    problem = world.problem("burn", [("\n", token + "\n")], time_limit_s=0.25)
    solution = world.solution("burn.c", c_source(BURN_C, ORPHANS=int(orphans), SECONDS=0.24, TOKEN=token))
    for _ in range(3):
        judged = world.judge(problem, solution)
        if not ended_by_the_wall_clock(judged, time_limit_ms=250):
            break
    assert_blocked(judged, world, verdicts=("TLE",), min_time_ms=250)


def ended_by_the_wall_clock(judged: Judged, time_limit_ms: int) -> bool:
    """TLE with less CPU time shown than the limit: the machine was too busy to give the run its CPU in time."""
    try:
        test = json.loads(judged.stdout)["tests"][0]
    except (ValueError, KeyError, IndexError, TypeError):
        return False
    return bool(test["verdict"] == "TLE" and test["time_ms"] < time_limit_ms)


DISK_FILL_C = r"""
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    static char block[1 << 20];
    long long total = 0, goal = 2LL << 30;
    memset(block, 'x', sizeof block);
    signal(SIGXFSZ, SIG_IGN); /* a file size limit: go on with another file */
    for (int file = 0; total < goal; file++) {
        char name[32];
        snprintf(name, sizeof name, "fill%04d", file);
        int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) break;
        int full = 0;
        for (int i = 0; i < 32 && total < goal; i++) { /* 32 MB per file */
            ssize_t w = write(fd, block, sizeof block);
            if (w <= 0) { full = errno != EFBIG; break; }
            total += w;
        }
        close(fd);
        if (full) break;
    }
    fprintf(stderr, "wrote %lld bytes\n", total);
    if (total >= goal) puts(@TOKEN@);
    return 0;
}
"""


def test_filling_the_disk(world: JudgeEnv) -> None:
    """2 GB into its own directory: a verdict (not AC, not JE, and not TLE: a limit on the directory stops it long
    before its 10 s), the judge exits normally, the space comes back."""
    token = new_secret("disk")
    before = set(world.tmpdir.iterdir())
    free_before = shutil.disk_usage(world.tmpdir).free
    judged = world.judge(
        world.problem("disk", [("\n", token + "\n")], time_limit_s=10),
        world.solution("fill.c", c_source(DISK_FILL_C, TOKEN=token)),
    )
    left = sorted(set(world.tmpdir.iterdir()) - before)
    lost = free_before - shutil.disk_usage(world.tmpdir).free
    for p in left:
        shutil.rmtree(p, ignore_errors=True)
    assert left == [], f"run directories left behind in TMPDIR: {left}\n{judged.describe()}"
    assert lost < 1 << 30, f"{lost >> 20} MB of disk did not come back\n{judged.describe()}"
    assert_blocked(judged, world, not_timed_out=True)
