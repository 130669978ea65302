"""A precompiled `<bits/stdc++.h>` for C++ compiles: a typical contest solution compiles in ~0.25 s instead of ~1.2 s.

GCC reads `DIR/bits/stdc++.h.gch` in place of the header when DIR is first on the include path and the file was
built by the same compiler with the same options (and the same macros defined before the include); otherwise it
reads the header as usual. So an unusable file costs nothing but a lookup, and a program compiles the same either
way.

The file is built once per compiler and option set, into the compile cache (about 100 MB each), by a detached
background process started after the first compile that includes the header: that compile does not wait for it,
and the next ones use it. ALGOITNY_JUDGE_PCH=0 turns it off. Run as `python -m algoitny_tui.judge.pch DIR
COMPILER OPTION...` it is that background build.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from algoitny_tui.judge.cache_prune import touch
from algoitny_tui.judge.languages import tool_identity

PCH_ENV = "ALGOITNY_JUDGE_PCH"
HEADER = "bits/stdc++.h"
_INCLUDES_BITS = re.compile(r"^\s*#\s*include\s*<bits/stdc\+\+\.h>", re.M)
_GCC_DRIVERS = ("g++", "c++")
BUILD_TIMEOUT_S = 120


def pch_options(compile_argv: Sequence[str]) -> list[str] | None:
    """The options that shape a precompiled header (the template without its output and source), or None when the
    command is not a GCC C++ compile."""
    if not compile_argv or not Path(compile_argv[0]).name.startswith(_GCC_DRIVERS):
        return None
    options, skip = [], False
    for arg in compile_argv[1:]:
        if skip:
            skip = False
        elif arg == "-o":
            skip = True
        elif arg not in ("{src}", "-pipe", "-static") and not arg.startswith("-Wl,"):
            options.append(
                arg
            )  # not the link's options (-static, the fork server's hook): one header serves all
    return options


def pch_include_dir(cache_dir: Path, compiler: str, options: Sequence[str], source: str) -> Path | None:
    """The directory to put first on the include path for this compile, when its header is built; otherwise None,
    after starting the build when `source` includes the header (so the next compile has it)."""
    if os.environ.get(PCH_ENV, "1") == "0" or not _INCLUDES_BITS.search(source):
        return None
    key = hashlib.sha256("\0".join([tool_identity(compiler), *options]).encode()).hexdigest()[:20]
    root = cache_dir / "pch" / key
    if (root / f"{HEADER}.gch").is_file():
        touch(root)
        return root
    if not (root / "failed").exists():  # a compiler that cannot build it is not asked again
        with contextlib.suppress(OSError):  # a read-only or full cache: compile without it, as always
            _start_build(root, compiler, options)
    return None


def _start_build(root: Path, compiler: str, options: Sequence[str]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    lock = root / "building"
    try:  # one builder per header: the lock file says a build is under way (one left by a killed build expires)
        if time.time() - lock.stat().st_mtime > 2 * BUILD_TIMEOUT_S:
            lock.unlink(missing_ok=True)
    except FileNotFoundError:
        pass
    try:
        fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)
    try:
        with open(os.devnull, "rb") as devnull_in, open(os.devnull, "wb") as devnull_out:
            subprocess.Popen(
                [sys.executable, "-m", "algoitny_tui.judge.pch", str(root), compiler, *options],
                stdin=devnull_in,
                stdout=devnull_out,
                stderr=devnull_out,
                start_new_session=True,
            )
    except OSError:
        lock.unlink(missing_ok=True)
        raise


def build(root: Path, compiler: str, options: Sequence[str]) -> bool:
    """Build `root/bits/stdc++.h.gch` from the header the compiler finds (atomically: a half-written file is never
    seen). False when the compiler cannot."""
    ok = False
    try:
        found = subprocess.run(
            [compiler, *options, "-x", "c++", "-E", "-H", "-o", os.devnull, "-"],
            input=f"#include <{HEADER}>\n",
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_S,
        )
        first = next((line for line in found.stderr.splitlines() if line.startswith(". ")), "")
        header = first[2:].strip()
        if found.returncode != 0 or not header.endswith(HEADER):
            return False
        target = root / f"{HEADER}.gch"
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        made = subprocess.run(
            [compiler, *options, "-x", "c++-header", header, "-o", str(partial)],
            capture_output=True,
            timeout=BUILD_TIMEOUT_S,
        )
        if made.returncode != 0:
            partial.unlink(missing_ok=True)
            return False
        partial.chmod(0o644)
        os.replace(partial, target)
        ok = True
        return True
    except (OSError, subprocess.TimeoutExpired):
        return False
    finally:
        if not ok:
            (root / "failed").touch()
        (root / "building").unlink(missing_ok=True)


def _yield_the_cpu() -> None:
    """The build runs only when nothing else wants the CPU (SCHED_IDLE, inherited by the compiler it starts), so
    it never slows the tests being judged meanwhile; plain `nice` where SCHED_IDLE is not available."""
    try:
        os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    except (AttributeError, OSError):
        os.nice(19)


if __name__ == "__main__":
    _yield_the_cpu()
    raise SystemExit(0 if build(Path(sys.argv[1]), sys.argv[2], sys.argv[3:]) else 1)
