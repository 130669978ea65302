"""How the judge compiles and runs each language of the language table (algoitny_tui/languages.py), which owns the
names, aliases and file extensions.

Commands are argument lists with placeholders, filled per run:
  {src}        the source file (inside the artifact directory)
  {dir}        the artifact directory (compiled output lives here)
  {exe}        {dir}/Main
  {main_class} Java: the class holding `main` (found in the source: any name works)
  {memory_mb}  the problem's memory limit, for runtimes that size their own heap (-Xmx, --max-old-space-size)
  {stack_mb}   stack size for those runtimes
C and C++ link statically (`-static`, as Codeforces builds them: a program starts in half the time, which is what
stress tests of small programs spend most on); where the compiler cannot, the judge links them dynamically
(static_link.py).
The first word of a command is a program name looked up on PATH when the judge starts using the language; a
pyenv shim is resolved to the real interpreter, so no shell script runs per test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from algoitny_tui.languages import BUILTIN, language_for_file, language_table, resolve_name


class ToolchainMissing(Exception):
    """A compiler or interpreter the language needs is not installed. The message names it."""


class UnknownLanguage(ValueError):
    """No language of that name, or no language for that file extension."""


@dataclass(frozen=True, kw_only=True)
class LanguageSpec:
    """How to build and run one language. User settings may define new ones or override built-ins.

    A dataclass, not a model: every spec comes from this module's table or from settings pydantic already checked,
    and building a validator for it cost every judge run ~7 ms."""

    name: str
    extensions: list[str] = field(default_factory=list)
    """File extensions, with the dot: [".cpp", ".cc"] (from the language table)."""
    source_name: str = "Main.txt"
    """Name the source is saved under before compiling (Java renames it after its public class)."""
    compile: list[str] | None = None
    run: list[str]
    memory_model: str = "rlimit"
    """`rlimit`: RLIMIT_AS = memory limit + address_space_extra_mb. `runtime`: no RLIMIT_AS, the run command
    sizes the heap itself (Java -Xmx); MLE is then read from the runtime's own error."""
    address_space_extra_mb: int = 0
    """Extra address space on top of the memory limit (Node reserves ~1 GiB of virtual memory just to start)."""
    max_processes: int = 64
    """RLIMIT_NPROC per run. Threads count too, so JVMs and Go need more."""
    install_hint: str = ""
    """Said when the toolchain is missing, e.g. "install a JDK to judge Java"."""
    zygote: bool = False
    """Run tests by forking a warm interpreter instead of starting one per test (zygote.py; Python only: the run
    command must be the built-in python3 one). Off for everyone with ALGOITNY_JUDGE_ZYGOTE=0."""


_PY_BOOT = (
    # `-S` skips site (saves 25+ ms of .pth processing here) but also drops exit()/quit(), which solutions use;
    # put them back, then run the file as __main__ in this clean module, the way `python3 file.py` would.
    "import sys,builtins,_sitebuiltins\n"
    "builtins.exit=_sitebuiltins.Quitter('exit','Ctrl-D (i.e. EOF)')\n"
    "builtins.quit=_sitebuiltins.Quitter('quit','Ctrl-D (i.e. EOF)')\n"
    "sys.argv=sys.argv[1:];__file__=sys.argv[0]\n"
    # glibc sizes a thread's default stack from RLIMIT_STACK (raised to the memory limit for deep recursion),
    # so RLIMIT_AS would refuse every thread: give threads the usual 8 MB (the zygote does the same)
    "import _thread;_thread.stack_size(8<<20)\n"
    "del sys,builtins,_sitebuiltins,_thread\n"
    "exec(compile(open(__file__,'rb').read(),__file__,'exec'))\n"
)

_PY_COMPILE = (
    # Byte-compile only (nothing written: runs compile the source themselves): a syntax error is a compile error
    # (CE, as on Kattis, DOMjudge and Codeforces), printed as `python3 main.py` prints it, naming the line.
    "import sys\n"
    "path=sys.argv[1]\n"
    "with open(path,'rb') as f: text=f.read()\n"
    "try: compile(text,path.rsplit('/',1)[-1],'exec',dont_inherit=True)\n"
    "except (SyntaxError,ValueError) as e:\n"  # ValueError: NUL bytes in the source (Python < 3.12)
    " import traceback\n"
    " sys.stderr.write(''.join(traceback.format_exception_only(type(e),e)))\n"
    " sys.exit(1)\n"
)

_JAVA_RUN = [
    "java",
    "-Xmx{memory_mb}m",
    "-Xss{stack_mb}m",
    "-XX:+UseSerialGC",
    "-XX:TieredStopAtLevel=1",
    "-XX:-UsePerfData",
    "-Xshare:auto",
    "-Dfile.encoding=UTF-8",
    "-cp",
    "{dir}",
    "{main_class}",
]


def _builtin(name: str, **build: Any) -> LanguageSpec:
    """A built-in language's spec: its name and extensions from the language table, how to build and run it here."""
    return LanguageSpec(name=name, extensions=list(BUILTIN[name].extensions), **build)


BUILTIN_LANGUAGES: dict[str, LanguageSpec] = {
    spec.name: spec
    for spec in [
        _builtin(
            "python3",
            source_name="main.py",
            compile=["python3", "-S", "-I", "-c", _PY_COMPILE, "{src}"],
            run=["python3", "-S", "-I", "-c", _PY_BOOT, "{src}"],
            zygote=True,
            install_hint="install Python 3 to judge Python",
        ),
        _builtin(
            "pypy3",
            source_name="main.py",
            compile=["pypy3", "-S", "-I", "-c", _PY_COMPILE, "{src}"],
            run=["pypy3", "{src}"],
            address_space_extra_mb=256,
            install_hint="install PyPy 3 to judge with pypy3",
        ),
        _builtin(
            "c",
            source_name="Main.c",
            compile=["gcc", "-std=gnu11", "-O2", "-pipe", "-static", "-o", "{exe}", "{src}", "-lm"],
            run=["{exe}"],
            install_hint="install gcc to judge C",
        ),
        _builtin(
            "cpp",
            source_name="Main.cpp",
            compile=["g++", "-std=gnu++17", "-O2", "-pipe", "-static", "-o", "{exe}", "{src}"],
            run=["{exe}"],
            install_hint="install g++ to judge C++",
        ),
        _builtin(
            "cpp20",
            source_name="Main.cpp",
            compile=["g++", "-std=gnu++20", "-O2", "-pipe", "-static", "-o", "{exe}", "{src}"],
            run=["{exe}"],
            install_hint="install g++ to judge C++",
        ),
        _builtin(
            "java",
            source_name="Main.java",
            compile=["javac", "-J-Xshare:auto", "-encoding", "UTF-8", "-d", "{dir}", "{src}"],
            run=_JAVA_RUN,
            memory_model="runtime",
            max_processes=512,
            install_hint="install a JDK to judge Java",
        ),
        _builtin(
            "kotlin",
            source_name="Main.kt",
            compile=["kotlinc", "{src}", "-include-runtime", "-d", "{dir}/main.jar"],
            run=[*_JAVA_RUN[:-3], "-jar", "{dir}/main.jar"],
            memory_model="runtime",
            max_processes=512,
            install_hint="install kotlinc to judge Kotlin",
        ),
        _builtin(
            "javascript",
            source_name="main.js",
            run=["node", "--max-old-space-size={memory_mb}", "--stack-size=65500", "{src}"],
            address_space_extra_mb=4096,
            max_processes=128,
            install_hint="install Node.js to judge JavaScript",
        ),
        _builtin(
            "rust",
            source_name="main.rs",
            compile=["rustc", "--edition", "2021", "-O", "-o", "{exe}", "{src}"],
            run=["{exe}"],
            max_processes=128,
            install_hint="install rustc (rustup) to judge Rust",
        ),
        _builtin(
            "go",
            source_name="main.go",
            compile=["go", "build", "-o", "{exe}", "{src}"],
            run=["{exe}"],
            address_space_extra_mb=1024,
            max_processes=256,
            install_hint="install Go to judge Go",
        ),
    ]
}


def all_languages(overrides: Mapping[str, LanguageSpec] | None = None) -> dict[str, LanguageSpec]:
    """Built-ins with the user's definitions merged over them (same name replaces)."""
    merged = dict(BUILTIN_LANGUAGES)
    for name, spec in (overrides or {}).items():
        merged[name] = spec if spec.name == name else replace(spec, name=name)
    return merged


def get_language(name: str, overrides: Mapping[str, LanguageSpec] | None = None) -> LanguageSpec:
    languages = all_languages(overrides)
    key = resolve_name(name, languages)
    if key is None:
        raise UnknownLanguage(f"unknown language {name!r} (known: {', '.join(sorted(languages))})")
    return languages[key]


def detect_language(
    filename: str | os.PathLike[str], overrides: Mapping[str, LanguageSpec] | None = None
) -> str:
    """The language of a file, by its extension. User languages win over built-ins."""
    found = language_for_file(filename, all_languages(overrides), preferred=overrides or ())
    if found is not None:
        return found
    raise UnknownLanguage(f"cannot tell the language of {Path(filename).name!r} from its extension")


@lru_cache(maxsize=64)
def resolve_tool(name: str) -> str:
    """Absolute path of the real program behind `name`, or ToolchainMissing.

    A pyenv shim is a bash script that costs 20-50 ms per start: ask pyenv for the real binary once.
    """
    found = shutil.which(name) if os.sep not in name else (name if os.access(name, os.X_OK) else None)
    if found is None:
        if name in ("python3", "python") and sys.executable:
            return os.path.realpath(sys.executable)
        raise ToolchainMissing(f"{name} not found")
    if _is_pyenv_shim(found):
        fast = _pyenv_version_binary(name, Path(found))
        if fast is not None:
            return fast
        try:
            out = subprocess.run(["pyenv", "which", name], capture_output=True, text=True, timeout=20)
            if out.returncode == 0 and out.stdout.strip():
                return os.path.realpath(out.stdout.strip())
        except (OSError, subprocess.TimeoutExpired):
            pass
        if name.startswith("python") and sys.executable:
            return os.path.realpath(sys.executable)
    # Not realpath: multi-call binaries (rustup's rustc -> rustup) decide what to be by argv[0].
    return os.path.abspath(found)


def _pyenv_version_binary(name: str, shim: Path) -> str | None:
    """What `pyenv which NAME` says, without its 50-100 ms of bash, for the usual setups: versions named
    exactly (PYENV_VERSION, else the nearest .python-version, else $PYENV_ROOT/version) and installed under
    $PYENV_ROOT/versions. None for anything else (system, prefixes like "3.11", PYENV_DIR): ask pyenv then."""
    root = Path(os.environ.get("PYENV_ROOT") or shim.parent.parent)
    if "PYENV_DIR" in os.environ:
        return None
    versions = os.environ.get("PYENV_VERSION", "").replace(":", " ").split()
    if not versions:
        here = Path.cwd()
        for d in (here, *here.parents):
            if (d / ".python-version").is_file():
                version_file = d / ".python-version"
                break
        else:
            version_file = root / "version"
        try:
            lines = version_file.read_text().splitlines()
        except OSError:
            return None
        versions = [w for line in lines for w in line.split("#", 1)[0].split()]
    for version in versions:
        if version == "system" or "/" in version or version.startswith("."):
            return None
        binary = root / "versions" / version / "bin" / name
        if os.access(binary, os.X_OK):
            return os.path.realpath(binary)
        if not (root / "versions" / version).is_dir():
            return None  # a prefix or an alias pyenv resolves itself
    return None


def _is_pyenv_shim(path: str) -> bool:
    try:
        with open(path, "rb") as f:
            head = f.read(512)
    except OSError:
        return False
    return head.startswith(b"#!") and b"pyenv" in head


def tool_identity(path: str) -> str:
    """Compiler "version" for cache keys, without running it: its real path, size and mtime."""
    try:
        st = os.stat(path)
    except OSError:
        return path
    return f"{path}:{st.st_size}:{st.st_mtime_ns}"


_PUBLIC_CLASS = re.compile(
    r"\bpublic\s+(?:(?:final|abstract|sealed|strictfp)\s+)*(?:class|record|enum|interface)\s+(\w+)"
)
_TYPE_DECL = re.compile(r"\b(?:class|record|enum|interface)\s+(\w+)")
_MAIN = re.compile(r"\bstatic\s+(?:final\s+)?(?:public\s+)?void\s+main\s*\(")
_PACKAGE = re.compile(r"^\s*package\s+([\w.]+)\s*;", re.M)
_JAVA_NOISE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def java_source_name(source: str) -> str:
    """javac insists a public class X lives in X.java."""
    m = _PUBLIC_CLASS.search(_JAVA_NOISE.sub(" ", source))
    return f"{m.group(1)}.java" if m else "Main.java"


def java_main_class(source: str) -> str | None:
    """The top-level class whose body holds `static void main(`, found by brace depth (comments and string
    literals removed first), with its package when the file declares one (an IDE's `package contest.a;` line: javac
    -d puts the class under contest/a/, and java wants `contest.a.Solution`). None when there is none."""
    text = _JAVA_NOISE.sub(" ", source)
    package = _PACKAGE.search(text)
    name = _java_main_class_name(text)
    return f"{package.group(1)}.{name}" if package and name else name


def _java_main_class_name(text: str) -> str | None:
    main_pos = [m.start() for m in _MAIN.finditer(text)]
    if not main_pos:
        return None
    top: list[tuple[int, int, str]] = []  # (start, end, name) of top-level type bodies
    depth = 0
    pending: str | None = None
    start = 0
    decls = {m.end(): m.group(1) for m in _TYPE_DECL.finditer(text)}
    last_decl: str | None = None
    for i, ch in enumerate(text):
        if i in decls and depth == 0:
            last_decl = decls[i]
        if ch == "{":
            if depth == 0 and last_decl:
                pending, start = last_decl, i
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0 and pending:
                top.append((start, i, pending))
                pending, last_decl = None, None
    for pos in main_pos:
        for s, e, name in top:
            if s < pos < e:
                return name
    return None


def spec_from_config(name: str, config: Any) -> LanguageSpec:
    """A LanguageSpec from the settings' LanguageConfig (extensions, source_name, compile, run,
    memory_from_rlimit). Duck-typed, so the judge does not import the settings module."""
    entry = language_table({name: config})[name]  # its extensions, as the editor sees them
    base = BUILTIN_LANGUAGES.get(name)
    return LanguageSpec(
        name=name,
        extensions=list(entry.extensions),
        source_name=getattr(config, "source_name", None)
        or (base.source_name if base else "main" + entry.file_extension),
        compile=getattr(config, "compile", None),
        run=list(config.run),
        memory_model="rlimit" if getattr(config, "memory_from_rlimit", True) else "runtime",
        address_space_extra_mb=base.address_space_extra_mb if base else 0,
        max_processes=base.max_processes if base else 64,
    )


def languages_from_settings(configs: Mapping[str, Any]) -> dict[str, LanguageSpec]:
    """The user's languages from settings, ready to merge over the built-ins."""
    return {name: spec_from_config(name, config) for name, config in configs.items()}
