"""The editor's languages: judge name, label, file extension, tree-sitter grammar, and a starting template.

Kept here (not read from `judge.languages`) so the app never imports the judge. C, C++ and Kotlin grammars are not
built into Textual: `ensure_highlight` registers the one an editor needs, with its highlight query, when it first
shows that language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class EditorLanguage:
    name: str
    """The judge's language name (what a submission sends)."""
    label: str
    extension: str
    highlight: str | None
    """Tree-sitter language name the editor highlights with (None: plain text)."""
    template: str


_PY = "import sys\n\n\ndef main() -> None:\n    data = sys.stdin.read().split()\n\n\nmain()\n"
_C = "#include <stdio.h>\n\nint main(void) {\n    \n    return 0;\n}\n"
_CPP = ("#include <bits/stdc++.h>\nusing namespace std;\n\nint main() {\n    ios::sync_with_stdio(false);\n"
        "    cin.tie(nullptr);\n    \n    return 0;\n}\n")
_JAVA = ("import java.io.*;\nimport java.util.*;\n\npublic class Main {\n    public static void main(String[] args) "
         "throws IOException {\n        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n"
         "        \n    }\n}\n")
_JS = "const data = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/);\n\n"
_RUST = ("use std::io::{self, Read};\n\nfn main() {\n    let mut input = String::new();\n"
         "    io::stdin().read_to_string(&mut input).unwrap();\n    let mut it = input.split_ascii_whitespace();\n"
         "    \n}\n")
_GO = ("package main\n\nimport (\n\t\"bufio\"\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n"
       "\tin := bufio.NewReader(os.Stdin)\n\tout := bufio.NewWriter(os.Stdout)\n\tdefer out.Flush()\n"
       "\t_ = in\n\tfmt.Fprintln(out)\n}\n")
_KOTLIN = "fun main() {\n    val tokens = generateSequence(::readLine).flatMap { it.split(' ') }\n    \n}\n"

LANGUAGES: tuple[EditorLanguage, ...] = (
    EditorLanguage("python3", "Python 3", ".py", "python", _PY),
    EditorLanguage("pypy3", "PyPy 3", ".py", "python", _PY),
    EditorLanguage("c", "C", ".c", "c", _C),
    EditorLanguage("cpp", "C++", ".cpp", "cpp", _CPP),
    EditorLanguage("java", "Java", ".java", "java", _JAVA),
    EditorLanguage("javascript", "JavaScript", ".js", "javascript", _JS),
    EditorLanguage("rust", "Rust", ".rs", "rust", _RUST),
    EditorLanguage("go", "Go", ".go", "go", _GO),
    EditorLanguage("kotlin", "Kotlin", ".kt", "kotlin", _KOTLIN),
)
BY_NAME = {lang.name: lang for lang in LANGUAGES}
DEFAULT_LANGUAGE = "python3"


def language(name: str) -> EditorLanguage:
    """The editor language of a judge name; unknown names (user-defined languages) edit as plain text."""
    return BY_NAME.get(name) or EditorLanguage(name, name, ".txt", None, "")


# tree-sitter-kotlin ships no highlight query: a small one over its node names.
KOTLIN_HIGHLIGHTS = """
(line_comment) @comment
(block_comment) @comment
(string_literal) @string
(character_literal) @string
(number_literal) @number
(float_literal) @number
(multiline_string_literal) @string
(function_declaration (identifier) @function)
(call_expression (identifier) @function.call)
(user_type (identifier) @type)
[
  "fun" "val" "var" "class" "object" "interface" "if" "else" "when" "for" "while" "do" "return"
  "import" "package" "in" "is" "as" "try" "catch" "finally" "throw" "private" "public" "override" "data"
] @keyword
"""


EXTRA_GRAMMARS = ("c", "cpp", "kotlin")
"""Grammars Textual does not ship: registered on an editor when it first shows one of these languages."""


@cache
def _extra_grammar(name: str) -> tuple[Any, str] | None:
    """(tree-sitter Language, highlight query) of one extra grammar, when its package is installed; imported on
    first use, so the app (and an editor showing Python) never loads the others."""
    from tree_sitter import Language, Query

    try:
        if name == "c":
            import tree_sitter_c

            return Language(tree_sitter_c.language()), tree_sitter_c.HIGHLIGHTS_QUERY
        if name == "cpp":
            import tree_sitter_c
            import tree_sitter_cpp

            # The C++ query only adds to C's (as in nvim-treesitter's `; inherits: c`).
            return (Language(tree_sitter_cpp.language()),
                    tree_sitter_c.HIGHLIGHTS_QUERY + "\n" + tree_sitter_cpp.HIGHLIGHTS_QUERY)
        if name == "kotlin":
            import tree_sitter_kotlin

            kotlin = Language(tree_sitter_kotlin.language())
            try:
                Query(kotlin, KOTLIN_HIGHLIGHTS)
            except Exception:  # a grammar version with other node names: plain text beats a crash
                return kotlin, ""
            return kotlin, KOTLIN_HIGHLIGHTS
    except ImportError:
        return None
    return None


def ensure_highlight(editor: Any, name: str) -> str | None:
    """The highlight language to set on `editor` for judge language `name` (None when it has no grammar),
    registering C, C++ or Kotlin on this editor first when it is one of those (registration is per instance)."""
    wanted = language(name).highlight
    if wanted in EXTRA_GRAMMARS and wanted not in editor.available_languages:
        grammar = _extra_grammar(wanted)
        if grammar is not None:
            editor.register_language(wanted, *grammar)
    return wanted if wanted and wanted in editor.available_languages else None
