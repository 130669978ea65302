"""The code editor: Textual's TextArea, with syntax highlighting computed for the lines around the view only.

TextArea rebuilds the highlights of the whole document after every edit (about 75 ms per key for 2,000 lines of
C++ here); querying the syntax tree for a window around the visible lines keeps a keystroke near 10 ms however long
the file is. The window moves when the view scrolls out of it.

A highlight query is compiled once per grammar for the whole app: TextArea compiles it again for every document it
loads (38 ms for C++ here, on every problem and every submission opened). A compiled query is read-only; the state
of a search lives in the QueryCursor that each search makes.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from textual.document._syntax_aware_document import SyntaxAwareDocument
from textual.strip import Strip
from textual.widgets import TextArea


@cache
def _compiled_query(language: Any, query: str) -> Any:
    from tree_sitter import Query

    return Query(language, query)


def _prepare_query_once(document: SyntaxAwareDocument, query: str) -> Any:
    return _compiled_query(document.language, query)


SyntaxAwareDocument.prepare_query = _prepare_query_once  # type: ignore[method-assign,assignment]

HIGHLIGHT_MARGIN = 150
"""Lines above and below the view that get highlights too (scrolling a page needs no rebuild)."""


class CodeEditor(TextArea):
    _window: tuple[int, int] = (0, 0)

    def _build_highlight_map(self) -> None:
        self._line_cache.clear()
        highlights = self._highlights
        highlights.clear()
        if not self._highlight_query:
            return
        top = int(self.scroll_offset.y)
        start = max(0, top - HIGHLIGHT_MARGIN)
        end = top + max(self.size.height, 40) + HIGHLIGHT_MARGIN
        self._window = (start, end)
        captures = self.document.query_syntax_tree(
            self._highlight_query, start_point=(start, 0), end_point=(end, 0)
        )
        for name, nodes in captures.items():
            for node in nodes:
                (first, first_col), (last, last_col) = node.start_point, node.end_point
                if first == last:
                    highlights[first].append((first_col, last_col, name))
                    continue
                highlights[first].append((first_col, None, name))
                for row in range(max(first + 1, start), min(last, end)):
                    highlights[row].append((0, None, name))
                highlights[last].append((0, last_col, name))

    def render_line(self, y: int) -> Strip:
        row = int(self.scroll_offset.y) + y
        start, end = self._window
        if self._highlight_query and not start <= row < end:
            self._build_highlight_map()
        return super().render_line(y)
