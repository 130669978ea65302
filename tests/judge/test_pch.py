"""The precompiled <bits/stdc++.h>: built once in the background, then used by the next C++ compiles; a stale or
broken file is never a failure (GCC reads the header instead). Real g++ throughout."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from algoitny_tui.domain import Verdict
from algoitny_tui.judge import judge
from algoitny_tui.judge.languages import get_language, resolve_tool
from algoitny_tui.judge.pch import PCH_ENV, build, pch_include_dir, pch_options
from tests.judge.conftest import AB_TESTS, make_problem

BITS = (
    "#include <bits/stdc++.h>\nusing namespace std;\n"
    "int main() { long long a, b; cin >> a >> b; cout << a + b << '\\n'; }\n"
)


def gch_files(cache: Path) -> list[Path]:
    return list(cache.glob("pch/*/bits/stdc++.h.gch"))


def wait_for_build(cache: Path, timeout: float = 120.0) -> Path:
    """The background build finished: its file is there and its lock is gone (so no process is left behind)."""
    deadline = time.monotonic() + timeout
    while not gch_files(cache) or list(cache.glob("pch/*/building")) or builders(cache):
        assert time.monotonic() < deadline, "the precompiled header was not built"
        time.sleep(0.2)
    return gch_files(cache)[0]


def builders(cache: Path) -> list[str]:
    """Background builders working for this cache (their command line names its directory)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "algoitny_tui.judge.pch" in text and str(cache) in text:
            found.append(cmdline.parent.name)
    return found


def test_built_after_the_first_compile_then_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PCH_ENV, "1")
    cache = tmp_path / "cache"
    first = judge(make_problem(), AB_TESTS, BITS, "cpp", cache_dir=cache)
    assert first.verdict == Verdict.AC  # the first compile does not wait for the header
    gch = wait_for_build(cache)
    # The file is one g++ accepts for these options: `-H` marks a used precompiled header with "!".
    options = pch_options(get_language("cpp").compile or [])
    assert options is not None
    shown = subprocess.run(
        [resolve_tool("g++"), *options, f"-I{gch.parent.parent}", "-H", "-fsyntax-only", "-x", "c++", "-"],
        input="#include <bits/stdc++.h>\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert any(line.startswith("! ") and line.endswith("stdc++.h.gch") for line in shown.stderr.splitlines())
    # The next compile (another source) gets it, and judges the same.
    assert pch_include_dir(cache, resolve_tool("g++"), options, BITS + "// edited\n") == gch.parent.parent
    again = judge(make_problem(), AB_TESTS, BITS + "// edited\n", "cpp", cache_dir=cache)
    assert again.verdict == Verdict.AC and not again.compile.cached
    debug = "#define _GLIBCXX_DEBUG\n" + BITS  # other macros before the include: GCC reads the header itself
    assert judge(make_problem(), AB_TESTS, debug, "cpp", cache_dir=cache).verdict == Verdict.AC


def test_a_broken_file_still_compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PCH_ENV, "1")
    cache = tmp_path / "cache"
    root = cache / "pch" / "x"
    (root / "bits").mkdir(parents=True)
    (root / "bits" / "stdc++.h.gch").write_bytes(b"not a precompiled header" * 100)
    # Put first on the include path whatever the cache holds (a file cut short, another GCC's, ...).
    monkeypatch.setattr("algoitny_tui.judge.compile_cache.pch_include_dir", lambda *a, **k: root)
    assert judge(make_problem(), AB_TESTS, BITS, "cpp", cache_dir=cache).verdict == Verdict.AC


def test_only_sources_that_include_it_and_a_failing_compiler_is_not_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PCH_ENV, "1")
    options = ["-std=gnu++17", "-O2"]
    assert (
        pch_include_dir(tmp_path, resolve_tool("g++"), options, "#include <iostream>\nint main(){}\n") is None
    )
    assert not (tmp_path / "pch").exists()  # nothing started for a source without the header
    root = tmp_path / "pch" / "broken"
    root.mkdir(parents=True)
    assert build(root, "/bin/false", options) is False
    assert (root / "failed").exists() and not (root / "building").exists()
    assert pch_options(["javac", "{src}"]) is None and pch_options(
        ["g++", "-O2", "-o", "{exe}", "{src}"]
    ) == ["-O2"]
    monkeypatch.setenv(PCH_ENV, "0")
    assert pch_include_dir(tmp_path, resolve_tool("g++"), options, BITS) is None


def test_a_read_only_cache_only_means_no_precompiled_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PCH_ENV, "1")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "pch").write_text(
        "a file where the folder should be"
    )  # mkdir under it fails, as on a read-only disk
    assert pch_include_dir(cache, resolve_tool("g++"), ["-std=gnu++17", "-O2"], BITS) is None
