"""The code editor's highlighting: the window around the view, and one compiled query shared by every editor."""

from __future__ import annotations

from textual.app import App, ComposeResult

from algoitny_tui.widgets.code_editor import CodeEditor
from algoitny_tui.widgets.highlighting import ensure_highlight

CPP = "".join(f"int f{i}(int x) {{ return x * {i}; }} // line {i}\n" for i in range(600))


class TwoEditors(App[None]):
    def compose(self) -> ComposeResult:
        yield CodeEditor.code_editor("", id="a")
        yield CodeEditor.code_editor("", id="b")


def styles_of(editor: CodeEditor, row: int) -> list[str]:
    return sorted({name for _, _, name in editor._highlights[row]})


async def test_every_editor_highlights_the_same_with_one_compiled_query() -> None:
    app = TwoEditors()
    async with app.run_test(size=(100, 30)) as pilot:
        first, second = app.query_one("#a", CodeEditor), app.query_one("#b", CodeEditor)
        for editor in (first, second):
            editor.language = ensure_highlight(editor, "cpp")
            editor.load_text(CPP)
        await pilot.pause()
        assert first._highlight_query is not None and first._highlight_query is second._highlight_query
        assert styles_of(first, 0) == styles_of(second, 0)
        assert {"comment", "type"} <= set(styles_of(first, 0))  # `int` and `// line 0` are coloured


async def test_highlights_follow_the_view_far_down_a_long_file() -> None:
    app = TwoEditors()
    async with app.run_test(size=(100, 30)) as pilot:
        editor = app.query_one("#a", CodeEditor)
        editor.language = ensure_highlight(editor, "cpp")
        editor.load_text(CPP)
        await pilot.pause()
        assert not editor._highlights.get(550)  # outside the window around the top of the file
        editor.scroll_to(y=540, animate=False)
        await pilot.pause()
        assert "comment" in styles_of(editor, 550)
