"""Compile once: artifacts are kept by a hash of what decides them, so a resubmission compiles nothing.

Key = sha256(language name, source file name, compile command, the compiler's identity (real path, size, mtime:
a "version" that costs no process start), source). Each artifact is a directory `<cache>/<key>` holding the
source, the compiled output and `meta.json` (written last). A compile happens in a temporary directory next to
it and is renamed into place, so two workers compiling the same source at once both succeed and one copy wins.
Interpreted languages get an artifact too (just the source), so every run reads a stable, read-only file.

A source the compiler rejects (CE) is remembered too, in `<cache>/ce-<digest>.json` holding the compiler's message:
the digest adds to the key what could make the same compiler fail for reasons of its own (the sandbox helper, the
user, the toolchain homes), so a failure is only replayed where it would happen again. A compile that timed out or
could not start is never remembered.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from algoitny_tui.atomic_write import write_atomic
from algoitny_tui.judge.cache_prune import prune_if_due, remove_entry, touch
from algoitny_tui.judge.languages import (
    LanguageSpec,
    ToolchainMissing,
    java_main_class,
    java_source_name,
    resolve_tool,
    tool_identity,
)
from algoitny_tui.judge.pch import pch_include_dir, pch_options
from algoitny_tui.judge.sandbox import RunLimits, Sandbox, remove_tree
from algoitny_tui.judge.static_link import (
    PROBE_SOURCE,
    can_link_statically,
    failed_at_link,
    fallback_note,
    links_statically,
    remember,
    without_static,
)
from algoitny_tui.locations import Locations

COMPILE_TIMEOUT_MS = 30_000
ARTIFACT_FORMAT = "2"
"""Part of every cache key: bumped when what an artifact records (meta.json: Java's main class) is derived
differently, so an artifact cached by an older version is never reused with a stale record."""
MESSAGE_CAP = 16 * 1024
TOOL_HOMES = ("RUSTUP_HOME", "CARGO_HOME", "GOROOT", "JAVA_HOME")


def default_cache_dir() -> Path:
    return Locations.from_env().compile_cache_dir


@dataclass
class CompileReport:
    """How the compile went (`cached`: nothing was compiled, the cache had it)."""

    ok: bool
    time_ms: int = 0
    message: str = ""
    cached: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "time_ms": self.time_ms, "message": self.message}


@dataclass
class Artifact:
    """A ready-to-run program: its directory and how to start it."""

    dir: Path
    language: LanguageSpec
    src: Path
    main_class: str | None
    tools: list[str]
    """Real paths of the programs (and their homes) the run needs to see."""

    def argv(self, memory_mb: int) -> list[str]:
        stack_mb = max(16, min(memory_mb, 256))
        values = {
            "{src}": str(self.src),
            "{dir}": str(self.dir),
            "{exe}": str(self.dir / "Main"),
            "{main_class}": self.main_class or "Main",
            "{memory_mb}": str(memory_mb),
            "{stack_mb}": str(stack_mb),
        }
        out = [_fill(a, values) for a in self.language.run]
        if out and not self.language.run[0].startswith("{") and os.sep not in self.language.run[0]:
            out[0] = resolve_tool(self.language.run[0])
        return out


def _fill(arg: str, values: dict[str, str]) -> str:
    for k, v in values.items():
        arg = arg.replace(k, v)
    return arg


def _needed_tools(spec: LanguageSpec) -> list[str]:
    names = [cmd[0] for cmd in (spec.compile, spec.run) if cmd and not cmd[0].startswith("{")]
    paths = []
    for name in names:
        try:
            paths.append(resolve_tool(name))
        except ToolchainMissing:
            hint = f": {spec.install_hint}" if spec.install_hint else ""
            raise ToolchainMissing(f"{name} not found{hint}") from None
    return paths


def tool_env(workdir: Path) -> dict[str, str]:
    """A small, fixed environment: nothing of the judge's own leaks into programs."""
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(workdir),
        "TMPDIR": str(workdir),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    home = Path.home()
    defaults = {"RUSTUP_HOME": home / ".rustup", "CARGO_HOME": home / ".cargo"}
    for name in TOOL_HOMES:
        value = os.environ.get(name) or (
            str(defaults[name]) if name in defaults and _exists(defaults[name]) else None
        )
        if value:
            env[name] = value
    return env


def _exists(path: Path) -> bool:
    """exists(), where a directory the judge may not enter (a HOME made unreadable) counts as missing."""
    try:
        return path.exists()
    except OSError:
        return False


def tool_dirs(tools: list[str]) -> list[str]:
    """Paths a run must see: the tools, plus the homes of toolchains they come from (rustup's proxies read
    RUSTUP_HOME). Only the relevant ones: every extra bind mount costs a little on each run."""
    homes = [v for k, v in tool_env(Path("/")).items() if k in TOOL_HOMES]
    used = [h for h in homes if any(t.startswith(h.rstrip("/") + "/") for t in tools)]
    if used and any(k in ("CARGO_HOME", "RUSTUP_HOME") for k, v in tool_env(Path("/")).items() if v in used):
        used = [v for k, v in tool_env(Path("/")).items() if k in ("CARGO_HOME", "RUSTUP_HOME")]
    return [*tools, *used]


def prepare(
    spec: LanguageSpec,
    source: str,
    *,
    cache_dir: Path,
    sandbox: Sandbox,
    compile_timeout_ms: int = COMPILE_TIMEOUT_MS,
    source_name: str | None = None,
    extra_files: dict[str, str] | None = None,
    readable: Sequence[str] = (),
) -> tuple[Artifact | None, CompileReport]:
    """Find or build the artifact of `source`. Raises ToolchainMissing naming the missing program.

    `extra_files` (relative path -> text) are written next to the source first: headers such as testlib.h
    of a checker program. `readable`: paths the compile command names besides the source (an object it links);
    they are part of the command, so of the key."""
    tools = _needed_tools(spec)
    extra_files = extra_files or {}
    if source_name is None:
        source_name = _source_name(spec, source)
    key = _artifact_key(spec, source, source_name, tools, extra_files)
    final = cache_dir / key
    main_class = None
    cached = _cached(final, spec, source_name, tools)
    if cached is not None:
        return cached, CompileReport(ok=True, cached=True)
    rejected = _rejection_path(cache_dir, key, sandbox)
    cached_error = _read_rejection(rejected)
    if cached_error is not None:
        touch(rejected)
        return None, CompileReport(ok=False, message=cached_error, cached=True)

    cache_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="tmp-", dir=cache_dir))
    started = time.monotonic()
    try:
        for rel, text in extra_files.items():
            target = (tmp / rel).resolve()
            if not target.is_relative_to(tmp.resolve()):
                raise ValueError(f"program file {rel!r} points outside its directory")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", errors="surrogateescape")
        (tmp / source_name).write_text(source, encoding="utf-8", errors="surrogateescape")
        tmp.chmod(0o755)
        report = CompileReport(ok=True)
        if spec.compile:
            options = pch_options(spec.compile)
            include_first = (
                pch_include_dir(cache_dir, tools[0], options, source) if options is not None else None
            )
            report, by_compiler = _compile_and_link(
                spec.compile,
                tmp,
                source_name,
                tools,
                sandbox,
                compile_timeout_ms,
                include_first,
                cache_dir,
                readable,
            )
            if not report.ok:
                if by_compiler:
                    _remember_rejection(rejected, report.message)
                return None, report
        if spec.name == "java":
            main_class = java_main_class(source)
            if main_class is None:
                return None, CompileReport(
                    ok=False,
                    time_ms=report.time_ms,
                    message="no class with `public static void main(String[] args)`",
                )
        _seal(tmp)
        (tmp / "meta.json").write_text(json.dumps({"main_class": main_class, "language": spec.name}))
        try:
            tmp.rename(final)
        except OSError:
            if not (final / "meta.json").exists():  # lost a race to a half-written dir: impossible by rename
                raise
        prune_if_due(cache_dir)  # something new was stored: the cache may have grown past its budget
        report.time_ms = int((time.monotonic() - started) * 1000)
        return Artifact(final, spec, final / source_name, main_class, tools), report
    finally:
        if tmp.exists():
            remove_tree(tmp)


def cached_artifact(spec: LanguageSpec, source: str, *, cache_dir: Path) -> Artifact | None:
    """The artifact prepare() would return for `source` when the cache already holds it; None otherwise (nothing
    is compiled). Raises ToolchainMissing as prepare() does."""
    tools = _needed_tools(spec)
    source_name = _source_name(spec, source)
    return _cached(cache_dir / _artifact_key(spec, source, source_name, tools, {}), spec, source_name, tools)


def _source_name(spec: LanguageSpec, source: str) -> str:
    """The file the source is written to: Java's is named after its public class."""
    return java_source_name(source) if spec.name == "java" else spec.source_name


def _artifact_key(
    spec: LanguageSpec, source: str, source_name: str, tools: list[str], extra_files: dict[str, str]
) -> str:
    h = hashlib.sha256()
    for part in (
        ARTIFACT_FORMAT,
        spec.name,
        source_name,
        json.dumps(spec.compile),
        *map(tool_identity, tools),
    ):
        h.update(part.encode())
        h.update(b"\0")
    for rel, text in sorted(extra_files.items()):
        h.update(f"\0{rel}\0{len(text)}\0".encode())
        h.update(text.encode("utf-8", "surrogateescape"))
    h.update(source.encode("utf-8", "surrogateescape"))
    return h.hexdigest()[:40]


def _cached(final: Path, spec: LanguageSpec, source_name: str, tools: list[str]) -> Artifact | None:
    """The entry at `final`; None when there is none, or when it is damaged (it is removed: compiled again)."""
    meta_path = final / "meta.json"
    if not meta_path.exists():
        return None
    try:
        main_class = json.loads(meta_path.read_text()).get("main_class")
        if main_class is not None and not isinstance(main_class, str):
            raise TypeError(f"main_class {main_class!r}")
    except (OSError, ValueError, AttributeError, TypeError):  # unreadable, not JSON, not the entry's fields
        remove_entry(final.parent, final)
        return None
    touch(final)
    return Artifact(final, spec, final / source_name, main_class, tools)


def _rejection_path(cache_dir: Path, key: str, sandbox: Sandbox) -> Path:
    """Where a CE of this key is remembered, for this sandbox, user and set of toolchain homes only."""
    homes = sorted((k, v) for k, v in tool_env(Path("/")).items() if k in TOOL_HOMES)
    context = json.dumps([key, sandbox.helper, os.geteuid(), sandbox.unsafe, homes])
    return cache_dir / f"ce-{hashlib.sha256(context.encode()).hexdigest()[:40]}.json"


def _read_rejection(path: Path) -> str | None:
    try:
        return str(json.loads(path.read_text())["message"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _remember_rejection(path: Path, message: str) -> None:
    write_atomic(path, json.dumps({"message": message}))  # a reader sees the whole message or nothing


def _compile_and_link(
    command: list[str],
    workdir: Path,
    source_name: str,
    tools: list[str],
    sandbox: Sandbox,
    timeout_ms: int,
    include_first: Path | None,
    cache_dir: Path,
    readable: Sequence[str] = (),
) -> tuple[CompileReport, bool]:
    """_compile, linking statically when the command asks and the compiler can (static_link.py), else dynamically."""
    compiler = tools[0]
    static = links_statically(command)
    known = can_link_statically(cache_dir, compiler, command) if static else None
    first = without_static(command) if known is False else command
    report, by_compiler = _compile(
        first, workdir, source_name, tools, sandbox, timeout_ms, include_first, readable
    )
    if report.ok or not static or known is not None or not by_compiler or not failed_at_link(report.message):
        return report, by_compiler
    # The static link failed: this compiler's lack (no static libraries) or the program's own (an undefined name)?
    probe = Path(tempfile.mkdtemp(prefix="static-probe-", dir=cache_dir))
    try:
        (probe / source_name).write_text(PROBE_SOURCE)
        probe.chmod(0o755)
        probed, _ = _compile(command, probe, source_name, tools, sandbox, timeout_ms, readable=readable)
    finally:
        remove_tree(probe)
    if probed.ok or not failed_at_link(probed.message):  # the compiler can (or the probe failed otherwise)
        if probed.ok:
            remember(cache_dir, compiler, command, True, "")
        return report, by_compiler
    remember(cache_dir, compiler, command, False, probed.message)
    report, by_compiler = _compile(
        without_static(command), workdir, source_name, tools, sandbox, timeout_ms, include_first, readable
    )
    if report.ok:
        note = fallback_note(compiler, probed.message)
        report.message = f"{note}\n{report.message}".strip()
    return report, by_compiler


def _compile(
    command: list[str],
    workdir: Path,
    source_name: str,
    tools: list[str],
    sandbox: Sandbox,
    timeout_ms: int,
    include_first: Path | None = None,
    readable: Sequence[str] = (),
) -> tuple[CompileReport, bool]:
    """The compile's report, and whether a failure is the compiler's own verdict on the source (it ran to the
    end and said no), which the same compiler would repeat."""
    values = {"{src}": str(workdir / source_name), "{dir}": str(workdir), "{exe}": str(workdir / "Main")}
    argv = [_fill(a, values) for a in command]
    argv[0] = tools[0]
    if include_first is not None:  # a precompiled <bits/stdc++.h> (pch.py)
        argv.insert(1, f"-I{include_first}")
    env = tool_env(workdir)
    env["GOCACHE"] = str(workdir / ".gocache")
    env["GOPATH"] = str(workdir / ".gopath")
    limits = RunLimits(
        cpu_ms=timeout_ms * 2,
        wall_ms=timeout_ms,
        max_processes=1024,
        file_size_kb=512 * 1024,
        output_limit=MESSAGE_CAP,
        stderr_cap=MESSAGE_CAP,
    )
    started = time.monotonic()
    with sandbox.uid_lease() as uid:
        if uid is not None:
            os.chown(workdir, uid, uid)
        with open(os.devnull, "rb") as devnull:
            res = sandbox.run(
                argv,
                workdir=workdir,
                uid=uid,
                limits=limits,
                stdin=devnull.fileno(),
                env=env,
                tools=tool_dirs(tools),
                readable=[*([str(include_first)] if include_first else []), *readable],
            )
    elapsed = int((time.monotonic() - started) * 1000)
    message = (res.stdout.decode("utf-8", "replace") + res.stderr_text).strip()
    if res.reason == "wall" or res.reason == "cpu":
        return CompileReport(
            ok=False, time_ms=elapsed, message=f"compilation took longer than {timeout_ms} ms"
        ), False
    if res.reason.startswith(("exec:", "setup:")):
        return CompileReport(
            ok=False, time_ms=elapsed, message=f"could not start {argv[0]} ({res.reason})"
        ), False
    if res.exit_code != 0:
        by_compiler = res.reason == "none" and res.exit_code is not None  # not killed (by a signal, a limit)
        report = CompileReport(
            ok=False, time_ms=elapsed, message=message[:MESSAGE_CAP] or "compilation failed"
        )
        return report, by_compiler
    for junk in (".gocache", ".gopath"):
        remove_tree(workdir / junk)
    return CompileReport(ok=True, time_ms=elapsed, message=message[:MESSAGE_CAP]), False


def _seal(path: Path) -> None:
    """Artifacts belong to the judge and are readable (not writable) by every run's uid."""
    me = os.geteuid()
    for root, dirs, files in os.walk(path):
        for name in [*dirs, *files]:
            p = os.path.join(root, name)
            try:
                if os.lstat(p).st_uid != me:
                    os.lchown(p, me, os.getegid())
                if not os.path.islink(p):
                    mode = os.stat(p).st_mode
                    os.chmod(p, (mode & 0o755) | 0o444 | (0o111 if mode & 0o111 else 0))
            except OSError:
                pass
    os.chown(path, me, os.getegid())
    path.chmod(0o755)
