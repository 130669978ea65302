"""Static linking where the compiler can, dynamic where it cannot (the built-in C and C++ compile commands).

A program linked with `-static` (as Codeforces builds C and C++) starts without the dynamic loader: a small C++
program starts in about half the time (no relocations of libstdc++), which is most of what a stress test of small
programs spends (bench/README.md). Not every machine can link statically: Fedora has no static C or C++ library
unless glibc-static and libstdc++-static are installed, and macOS has none at all.

So a compile command that holds `-static` is tried as it is; when that compile fails at the link (the linker's own
"ld returned 1 exit status" or clang's "linker command failed"), an empty program is linked with the same command.
If that fails too, this compiler cannot link statically: that is remembered in the compile cache
(`static-link/<key>.json`, per compiler and command, for RECHECK_AFTER_S, so installing the static libraries takes
effect the next day), and the program is compiled again without `-static`; from then on compiles go straight to
the dynamic link, so the fallback does not double every compile. If the empty program links, the failure is the
program's own (an undefined reference) and is reported as it is, once. A compile error before the link (a syntax
error) is never retried.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
import time
from collections.abc import Sequence
from pathlib import Path

from algoitny_tui.atomic_write import write_atomic
from algoitny_tui.judge.languages import tool_identity

STATIC = "-static"
RECHECK_AFTER_S = 24 * 3600
PROBE_SOURCE = "int main(void) { return 0; }\n"
"""Linked to tell the compiler's failure from the program's: valid C and C++; g++ links libstdc++ even for it."""
_LINK_FAILED = re.compile(r"\bld returned \d+ exit status|\blinker command failed")


def links_statically(command: Sequence[str]) -> bool:
    return STATIC in command


def without_static(command: Sequence[str]) -> list[str]:
    return [arg for arg in command if arg != STATIC]


def failed_at_link(message: str) -> bool:
    """The compiler's message says the link failed (the source itself compiled)."""
    return _LINK_FAILED.search(message) is not None


def _record(cache_dir: Path, compiler: str, command: Sequence[str]) -> Path:
    key = hashlib.sha256(json.dumps([tool_identity(compiler), list(command)]).encode()).hexdigest()[:40]
    return cache_dir / "static-link" / f"{key}.json"


def can_link_statically(cache_dir: Path, compiler: str, command: Sequence[str]) -> bool | None:
    """What was found out about this compiler and command (the template, with `-static`) within RECHECK_AFTER_S;
    None when nothing is known."""
    try:
        found = json.loads(_record(cache_dir, compiler, command).read_text())
        if time.time() - float(found["checked"]) < RECHECK_AFTER_S:
            return bool(found["static"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return None


def remember(cache_dir: Path, compiler: str, command: Sequence[str], static: bool, message: str) -> None:
    record = {"static": static, "checked": time.time(), "message": message[-2000:]}
    # a read-only or full cache: found out again next time, nothing else changes
    with contextlib.suppress(OSError):
        write_atomic(_record(cache_dir, compiler, command), json.dumps(record))


def fallback_note(compiler: str, probe_message: str) -> str:
    """Said once, with the first program compiled without `-static`."""
    why = next((line.strip() for line in probe_message.splitlines() if "cannot find" in line), "")
    return (
        f"note: {Path(compiler).name} cannot link statically here{f' ({why})' if why else ''}; "
        "programs are linked dynamically (slower to start)"
    )
