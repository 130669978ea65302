"""Highlighting in the editor: C, C++ and Kotlin grammars are not built into Textual, so `ensure_highlight`
registers the one an editor needs, with its highlight query, when it first shows that language. Which grammar a
language uses is in the language table (algoitny_tui/languages.py)."""

from __future__ import annotations

from functools import cache
from typing import Any

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
            return (
                Language(tree_sitter_cpp.language()),
                tree_sitter_c.HIGHLIGHTS_QUERY + "\n" + tree_sitter_cpp.HIGHLIGHTS_QUERY,
            )
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


def ensure_highlight(editor: Any, wanted: str | None) -> str | None:
    """The highlight language to set on `editor` for tree-sitter language `wanted` (a Language's `highlight`):
    None when the editor has no such grammar. C, C++ and Kotlin are registered on this editor first when asked
    for (registration is per instance)."""
    if wanted in EXTRA_GRAMMARS and wanted not in editor.available_languages:
        grammar = _extra_grammar(wanted)
        if grammar is not None:
            editor.register_language(wanted, *grammar)
    return wanted if wanted and wanted in editor.available_languages else None
