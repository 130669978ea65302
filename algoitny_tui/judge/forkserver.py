"""The fork server hook (forkserver_hook.c) for C and C++ programs of stress tests.

A program of a stress batch is exec'd once per batch and forked before its constructors and `main` for each case
(sandbox.c, batch mode: start_server), as AFL's fork server does: the exec and libc's start-up, most of what a
small program's run costs, are paid once. For that the program is linked with a small object, built once per
compiler into the compile cache (`forkserver/<key>/hook.o`, beside a `failed` record when that compiler cannot
build it) and named in the link command as `-Wl,PATH` (so it is part of the artifact's cache key, and a
precompiled header is shared with plain compiles). The hook does nothing unless the batch helper started the
program as a fork server, so such a binary runs as usual anywhere else.

Only for GCC- or Clang-style C and C++ compilers on Linux whose program runs as `{exe}`; where the hook cannot be
built or linked, the program is compiled and run as before. ALGOITNY_STRESS_FORKSERVER=0 turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from algoitny_tui.judge.languages import LanguageSpec, ToolchainMissing, resolve_tool, tool_identity
from algoitny_tui.judge.sandbox import Sandbox, remove_tree

FORKSERVER_ENV = "ALGOITNY_STRESS_FORKSERVER"
"""0: stress programs are exec'd for every case (to compare)."""
HOOK_SOURCE = Path(__file__).with_name("forkserver_hook.c")
_C_COMPILER = re.compile(r"^(?:[\w.]+-)*(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+)(?:-[\d.]+)?$")


def forkserver_wanted() -> bool:
    return os.environ.get(FORKSERVER_ENV, "1") != "0" and sys.platform.startswith("linux")


def hookable(spec: LanguageSpec) -> bool:
    """A C or C++ compiler's command whose program runs as itself."""
    return (
        spec.compile is not None
        and spec.run == ["{exe}"]
        and _C_COMPILER.match(Path(spec.compile[0]).name) is not None
    )


def with_hook(spec: LanguageSpec, hook: Path) -> LanguageSpec:
    """The language, its programs linked with the hook."""
    assert spec.compile is not None
    return replace(spec, compile=[*spec.compile, f"-Wl,{hook}"])


def hook_object(spec: LanguageSpec, cache_dir: Path, sandbox: Sandbox) -> Path | None:
    """The hook compiled by this language's compiler (once, then from the cache); None where it cannot be."""
    from algoitny_tui.judge.compile_cache import _compile  # the sandboxed compile every artifact gets

    assert spec.compile is not None
    try:
        compiler = resolve_tool(spec.compile[0])
    except ToolchainMissing:
        return None
    source = HOOK_SOURCE.read_bytes()
    key = hashlib.sha256(tool_identity(compiler).encode() + b"\0" + source).hexdigest()[:32]
    home = cache_dir / "forkserver" / key
    target = home / "hook.o"
    if target.is_file():
        return target
    if (home / "failed").exists():
        return None
    with contextlib.suppress(OSError):
        home.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix="tmp-", dir=home))
        try:
            shutil.copyfile(HOOK_SOURCE, tmp / "hook.c")
            tmp.chmod(0o755)
            command = [compiler, "-x", "c", "-O2", "-c", "-o", "{dir}/hook.o", "{src}"]
            report, _ = _compile(command, tmp, "hook.c", [compiler], sandbox, 60_000)
            if not report.ok or not (tmp / "hook.o").is_file():
                (home / "failed").write_text(report.message)
                return None
            (tmp / "hook.o").chmod(0o444)
            (tmp / "hook.o").replace(target)  # atomic: two judges building it at once both succeed
            home.chmod(0o755)
            return target
        finally:
            remove_tree(tmp)
    return None
