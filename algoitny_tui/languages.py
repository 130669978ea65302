"""The one language table: names, display names, file extensions, highlighting and starting templates.

Read by the editor, the templates and drafts, the command line and the judge alike; the judge adds how to compile
and run each (judge/languages.py). Light on purpose (no third-party import), so the app can read it without
loading the judge. A user's `[languages.NAME]` in settings.toml adds to it or changes an entry: `language_table`
merges those over the built-ins.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol


@dataclass(frozen=True, kw_only=True)
class Language:
    name: str
    """What a submission sends and settings name (`cpp20`, `[languages.NAME]`)."""
    display_name: str
    """What the editor's selector shows."""
    extensions: tuple[str, ...] = ()
    """Extensions, with the dot, that select this language for a file (empty: chosen by name only)."""
    file_extension: str = ".txt"
    """Extension its sources are saved with (templates, drafts)."""
    highlight: str | None = None
    """Tree-sitter language the editor highlights it with (None: plain text)."""
    template: str = ""
    """The code a new draft starts with."""


_PY = "import sys\n\n\ndef main() -> None:\n    data = sys.stdin.read().split()\n\n\nmain()\n"
_C = "#include <stdio.h>\n\nint main(void) {\n    \n    return 0;\n}\n"
_CPP = (
    "#include <bits/stdc++.h>\nusing namespace std;\n\nint main() {\n    ios::sync_with_stdio(false);\n"
    "    cin.tie(nullptr);\n    \n    return 0;\n}\n"
)
_JAVA = (
    "import java.io.*;\nimport java.util.*;\n\npublic class Main {\n    public static void main(String[] args) "
    "throws IOException {\n        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n"
    "        \n    }\n}\n"
)
_JS = "const data = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/);\n\n"
_RUST = (
    "use std::io::{self, Read};\n\nfn main() {\n    let mut input = String::new();\n"
    "    io::stdin().read_to_string(&mut input).unwrap();\n    let mut it = input.split_ascii_whitespace();\n"
    "    \n}\n"
)
_GO = (
    'package main\n\nimport (\n\t"bufio"\n\t"fmt"\n\t"os"\n)\n\nfunc main() {\n'
    "\tin := bufio.NewReader(os.Stdin)\n\tout := bufio.NewWriter(os.Stdout)\n\tdefer out.Flush()\n"
    "\t_ = in\n\tfmt.Fprintln(out)\n}\n"
)
_KOTLIN = "fun main() {\n    val tokens = generateSequence(::readLine).flatMap { it.split(' ') }\n    \n}\n"

BUILTIN: dict[str, Language] = {
    lang.name: lang
    for lang in (
        Language(
            name="python3",
            display_name="Python 3",
            extensions=(".py",),
            file_extension=".py",
            highlight="python",
            template=_PY,
        ),
        Language(name="pypy3", display_name="PyPy 3", file_extension=".py", highlight="python", template=_PY),
        Language(
            name="c", display_name="C", extensions=(".c",), file_extension=".c", highlight="c", template=_C
        ),
        Language(
            name="cpp",
            display_name="C++",
            extensions=(".cpp", ".cc", ".cxx", ".c++"),
            file_extension=".cpp",
            highlight="cpp",
            template=_CPP,
        ),
        Language(name="cpp20", display_name="C++ 20", file_extension=".cpp", highlight="cpp", template=_CPP),
        Language(
            name="java",
            display_name="Java",
            extensions=(".java",),
            file_extension=".java",
            highlight="java",
            template=_JAVA,
        ),
        Language(
            name="javascript",
            display_name="JavaScript",
            extensions=(".js", ".mjs", ".cjs"),
            file_extension=".js",
            highlight="javascript",
            template=_JS,
        ),
        Language(
            name="rust",
            display_name="Rust",
            extensions=(".rs",),
            file_extension=".rs",
            highlight="rust",
            template=_RUST,
        ),
        Language(
            name="go",
            display_name="Go",
            extensions=(".go",),
            file_extension=".go",
            highlight="go",
            template=_GO,
        ),
        Language(
            name="kotlin",
            display_name="Kotlin",
            extensions=(".kt",),
            file_extension=".kt",
            highlight="kotlin",
            template=_KOTLIN,
        ),
    )
}

ALIASES = {
    "py": "python3",
    "python": "python3",
    "c++": "cpp",
    "cpp17": "cpp",
    "c++17": "cpp",
    "c++20": "cpp20",
    "js": "javascript",
    "node": "javascript",
    "kt": "kotlin",
    "rs": "rust",
    "golang": "go",
    "pypy": "pypy3",
}
"""Other names a user may type for a built-in language (`--language c++`)."""

DEFAULT_LANGUAGE = "python3"


class HasExtensions(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def extensions(self) -> Iterable[str]: ...


def resolve_name(name: str, known: Iterable[str]) -> str | None:
    """The language a typed name means among `known` (any case, aliases too), or None."""
    known = set(known)
    key = name.strip().lower()
    key = key if key in known else ALIASES.get(key, key)
    return key if key in known else None


def language_for_file(
    filename: str | os.PathLike[str], languages: Mapping[str, HasExtensions], preferred: Iterable[str] = ()
) -> str | None:
    """The name of the language a file's extension selects, or None. Languages in `preferred` (the user's own)
    win over the others."""
    ext = Path(filename).suffix.lower()
    first = set(preferred)
    for lang in sorted(languages.values(), key=lambda lang: lang.name not in first):
        if ext in (e.lower() for e in lang.extensions):
            return lang.name
    return None


def language_table(configs: Mapping[str, Any] | None = None) -> dict[str, Language]:
    """The built-ins with the user's `[languages.NAME]` merged over them (same name changes it, a new name adds one).

    `configs` are the settings' LanguageConfig values, read by attribute (`extensions`, `display_name`) so this
    module does not import the settings. A new language with the extension of a built-in one edits like it
    (highlighting and template); one with no known extension edits as plain text."""
    table = dict(BUILTIN)
    for name, config in (configs or {}).items():
        extensions = tuple(getattr(config, "extensions", None) or ())
        same = BUILTIN.get(name)
        alike = same or _builtin_with_extension(extensions)
        table[name] = Language(
            name=name,
            display_name=getattr(config, "display_name", None) or (same.display_name if same else name),
            extensions=extensions or (same.extensions if same else ()),
            file_extension=extensions[0] if extensions else (same.file_extension if same else ".txt"),
            highlight=alike.highlight if alike else None,
            template=alike.template if alike else "",
        )
    return table


def _builtin_with_extension(extensions: tuple[str, ...]) -> Language | None:
    found = language_for_file(f"source{extensions[0]}", BUILTIN) if extensions else None
    return BUILTIN[found] if found else None


def language(name: str, languages: Mapping[str, Language] | None = None) -> Language:
    """The table's entry for `name`; a name it does not hold (a language since removed from settings) edits as
    plain text."""
    return (languages or BUILTIN).get(name) or Language(name=name, display_name=name)
