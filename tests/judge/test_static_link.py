"""C and C++ link statically (as Codeforces builds them), and where the compiler cannot (Fedora without
glibc-static, macOS) the judge finds that out once, remembers it and links dynamically: real g++ and gcc throughout.

The machine that lacks static libraries is simulated by a `g++` first on PATH that runs the real g++ and, only when
asked for `-static`, also asks the linker for a library that does not exist: the link then fails exactly as on such
a machine (`ld: cannot find -l...`, `collect2: error: ld returned 1 exit status`), after the real compiler has
compiled the source (a syntax error is still the real compiler's). A fake tool is the only way to take static
libraries away here without uninstalling them for every other test. It logs each call, to count the compiles.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from algoitny_tui.domain import Verdict
from algoitny_tui.judge import judge
from algoitny_tui.judge.compile_cache import CompileReport, prepare
from algoitny_tui.judge.languages import get_language, resolve_tool
from algoitny_tui.judge.sandbox import Sandbox, build_helper
from algoitny_tui.judge.static_link import RECHECK_AFTER_S
from tests.judge.conftest import AB_TESTS, make_problem
from tests.judge.sandbox_harness import (
    DEFAULT_PATH,
    Lab,
    lab_fixture,  # noqa: F401  (the session's Lab)
)

AB_CPP = (
    "#include <iostream>\nint main() { long long a, b; std::cin >> a >> b; std::cout << a + b << '\\n'; }\n"
)
AB_C = '#include <stdio.h>\nint main(void) { long long a, b; scanf("%lld %lld", &a, &b); printf("%lld\\n", a + b); }\n'
SYNTAX_ERROR = "int main() { return 0 }\n"
UNDEFINED = "int helper();\nint main() { return helper(); }\n"
MISSING_LIBRARY = "algoitny-no-static-libc"


def dynamically_linked(binary: Path) -> bool:
    """The program asks for a dynamic loader (readelf: an INTERP program header)."""
    headers = subprocess.run(
        ["readelf", "-lW", str(binary)], capture_output=True, text=True, check=True
    ).stdout
    return "INTERP" in headers


@dataclass
class FakeCompiler:
    """`g++` first on PATH: the real one; with a log, each call's arguments are one line of it."""

    bin_dir: Path
    log: Path | None

    def calls(self) -> list[list[str]]:
        assert self.log is not None
        return [line.split() for line in self.log.read_text().splitlines()] if self.log.exists() else []

    def statics(self) -> list[bool]:
        """For each call so far: whether it linked statically."""
        return ["-static" in call for call in self.calls()]


def make_fake_gxx(top: Path, refuse_static: bool, log: bool = True) -> FakeCompiler:
    real = shutil.which("g++")
    if real is None:
        pytest.skip("g++ not installed")
    bin_dir, logs = top / "bin", top / "log"
    bin_dir.mkdir(mode=0o755)
    logs.mkdir()
    logs.chmod(0o777)  # written by the compile's own uid
    log_file = logs / "calls.txt" if log else None
    refuse = f'[ "$a" = -static ] && exec {real} "$@" -l{MISSING_LIBRARY}' if refuse_static else ":"
    script = bin_dir / "g++"
    script.write_text(
        "#!/bin/sh\n"
        + (f'echo "$*" >> {log_file}\n' if log_file else "")
        + f'for a in "$@"; do {refuse}; done\n'
        + f'exec {real} "$@"\n'
    )
    script.chmod(0o755)
    return FakeCompiler(bin_dir, log_file)


@pytest.fixture
def world_dir() -> Iterator[Path]:
    """A directory every uid may enter (pytest's own are root's alone): the fake compiler and the compile cache."""
    top = Path(tempfile.mkdtemp(prefix="algoitny-linking-", dir="/tmp"))
    top.chmod(0o755)
    try:
        yield top
    finally:
        shutil.rmtree(top, ignore_errors=True)


@pytest.fixture
def on_path(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """PATH changes take effect for the judge's tool lookup (cached per name), and are undone after."""
    resolve_tool.cache_clear()
    yield
    monkeypatch.undo()
    resolve_tool.cache_clear()


def compile_cpp(source: str, cache: Path) -> tuple[Path | None, CompileReport]:
    """prepare() as the judge calls it, in a sandbox without isolation (judge_sandbox = "none"): only so that the
    fake compiler may write its log outside the compile's directory; test_fallback_in_the_sandbox checks the
    sandboxed way."""
    sandbox = Sandbox(build_helper(cache), unsafe=True)
    try:
        artifact, report = prepare(get_language("cpp"), source, cache_dir=cache, sandbox=sandbox)
    finally:
        sandbox.close()
    return (artifact.dir / "Main" if artifact else None), report


@pytest.mark.parametrize(("language", "source"), [("cpp", AB_CPP), ("c", AB_C)])
def test_c_and_cpp_are_linked_statically(tmp_path: Path, language: str, source: str) -> None:
    compiler = get_language(language).compile
    assert compiler is not None and "-static" in compiler
    report = judge(make_problem(), AB_TESTS, source, language, cache_dir=tmp_path)
    assert report.verdict == Verdict.AC, report.compile.message
    assert "cannot link statically" not in report.compile.message
    binaries = list(tmp_path.glob("*/Main"))
    assert len(binaries) == 1 and not dynamically_linked(binaries[0])
    assert not list(tmp_path.glob("static-link/*")), "a static link that worked needs no record"


def test_without_static_libraries_links_dynamically_and_remembers(world_dir: Path, on_path: None) -> None:
    fake = make_fake_gxx(world_dir, refuse_static=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATH", f"{fake.bin_dir}:{DEFAULT_PATH}")
        resolve_tool.cache_clear()
        cache = world_dir / "cache"

        # The first compile finds out: the program's static link fails, so does an empty program's; then the
        # program is compiled again without -static, and the report says why.
        binary, report = compile_cpp(AB_CPP, cache)
        assert report.ok and binary is not None, report.message
        assert fake.statics() == [True, True, False]
        assert "static-probe-" in " ".join(fake.calls()[1]), "the second call links the empty program"
        assert dynamically_linked(binary)
        assert "g++ cannot link statically here" in report.message
        assert f"cannot find -l{MISSING_LIBRARY}" in report.message
        # ... and it judges: the artifact is the cached one (same compiler, same command)
        judged = judge(make_problem(), AB_TESTS, AB_CPP, "cpp", cache_dir=cache)
        assert judged.verdict == Verdict.AC and judged.compile.cached

        # Remembered: the next program compiles once, dynamically, with no note.
        binary, report = compile_cpp(AB_CPP.replace("a + b", "b + a"), cache)
        assert report.ok and binary is not None and dynamically_linked(binary)
        assert fake.statics()[3:] == [False] and "cannot link statically" not in report.message

        # A real compile error: one compile, the compiler's own message, nothing about linking.
        binary, report = compile_cpp(SYNTAX_ERROR, cache)
        assert binary is None and not report.ok
        assert fake.statics()[4:] == [False]
        assert "error: expected" in report.message and "static" not in report.message

        # A day later it is checked again (the static libraries may have been installed meanwhile).
        (record,) = list((cache / "static-link").glob("*.json"))
        stale = json.loads(record.read_text())
        assert stale["static"] is False and MISSING_LIBRARY in stale["message"]
        record.write_text(json.dumps({**stale, "checked": time.time() - RECHECK_AFTER_S - 60}))
        binary, report = compile_cpp(AB_CPP.replace("a + b", "a + b + 0"), cache)
        assert report.ok and binary is not None and dynamically_linked(binary)
        assert fake.statics()[5:] == [True, True, False]


def test_a_link_error_of_the_program_is_reported_once(world_dir: Path, on_path: None) -> None:
    """Static libraries are there: a program that does not link (an undefined function) is a compile error with the
    linker's message; an empty program is linked once to tell, and that is remembered."""
    fake = make_fake_gxx(world_dir, refuse_static=False)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATH", f"{fake.bin_dir}:{DEFAULT_PATH}")
        resolve_tool.cache_clear()
        cache = world_dir / "cache"

        binary, report = compile_cpp(SYNTAX_ERROR, cache)  # fails before the link: no second call
        assert binary is None and "error: expected" in report.message and fake.statics() == [True]

        binary, report = compile_cpp(UNDEFINED, cache)
        assert binary is None and not report.ok
        assert (
            "undefined reference to `helper()'" in report.message
            and "cannot link statically" not in report.message
        )
        assert fake.statics()[1:] == [True, True]  # the program, then the empty program (which links)

        binary, report = compile_cpp(UNDEFINED.replace("helper", "other"), cache)
        assert binary is None and "undefined reference to `other()'" in report.message
        assert fake.statics()[3:] == [True], "known to link statically: no second call"

        binary, report = compile_cpp(AB_CPP, cache)
        assert report.ok and binary is not None and not dynamically_linked(binary)
        assert fake.statics()[4:] == [True]


@pytest.mark.slow
@pytest.mark.parametrize("account", ["ordinary", "root"])
def test_fallback_in_the_sandbox(lab: Lab, account: str) -> None:
    """`algoitny judge` in the real sandbox, as root and as an ordinary user, with a g++ that cannot link
    statically: A+B is accepted (linked dynamically, the message says why) and a syntax error is the compiler's."""
    world = lab.env(account, "full", fresh=True)
    top = lab.base / f"fake-gxx-{account}-{time.monotonic_ns()}"
    top.mkdir(mode=0o755)
    fake = make_fake_gxx(top, refuse_static=True, log=False)  # the sandbox lets it write nowhere else
    path = f"{fake.bin_dir}:{DEFAULT_PATH}"
    problem = world.problem("ab", [("1 2\n", "3\n"), ("10 20\n", "30\n")])

    judged = world.judge(problem, world.solution("ab.cpp", AB_CPP), path=path)
    data = judged.json
    assert data["verdict"] == "AC", judged.describe()
    assert "g++ cannot link statically here" in data["compile"]["message"], judged.describe()
    binaries = [p for p in world.cache.rglob("Main") if p.parent.name != "pch"]
    assert binaries and all(dynamically_linked(p) for p in binaries)

    judged = world.judge(problem, world.solution("bad.cpp", SYNTAX_ERROR), path=path)
    data = judged.json
    assert data["verdict"] == "CE" and "error: expected" in data["compile"]["message"], judged.describe()
    assert "static" not in data["compile"]["message"]
