"""Templates: the built-in ones are written to the config folder on first use; several per language, chosen in
the language selector, with {{problem_id}}, {{title}} and {{date}} filled in; a draft with code is never replaced."""

from __future__ import annotations

import datetime as dt

from textual.widgets import Select

from algoitny_tui.app import make_app
from algoitny_tui.config import Settings
from algoitny_tui.languages import BUILTIN
from algoitny_tui.screens.solve import SolveScreen
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.templates import fill, list_templates
from tests.app.conftest import type_text, wait_for
from tests.app.test_solve_flow import open_a_plus_b


async def test_templates_from_the_config_folder(settings: Settings, repos: Repositories) -> None:
    folder = settings.locations.config_dir / "templates"
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_a_plus_b(pilot)
        # First use: every built-in template is now a file the user can edit.
        for lang in BUILTIN.values():
            assert (folder / f"{lang.name}{lang.file_extension}").read_text() == lang.template
        assert screen.editor.text == BUILTIN["python3"].template
        screen.action_back()  # (escape, once the editor has let go of the focus)
        (folder / "cpp.cpp").write_text("// {{title}}: the default\n")
        (folder / "cpp.fastio.cpp").write_text("// {{problem_id}} {{title}} {{date}} {{unknown}}\n")
        (folder / "cpp.notes.txt").write_text("not a template: another extension\n")
        await wait_for(pilot, lambda: not isinstance(app.screen, SolveScreen), "the problem list again")
        app.open_problem("baekjoon#1000")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, SolveScreen) and app.screen.problem is not None,
            "the problem again",
        )
        screen = app.screen
        assert isinstance(screen, SolveScreen)
        select = screen.query_one("#language", Select)
        values = [value for _, value in select._options]
        assert "cpp" in values and "cpp:fastio" in values and not any("notes" in str(v) for v in values)
        select.value = "cpp:fastio"
        today = dt.date.today().isoformat()
        await wait_for(
            pilot,
            lambda: screen.editor.text == f"// baekjoon#1000 A+B {today} {{{{unknown}}}}\n",
            "the filled fastio template",
        )
        assert screen.language == "cpp" and select.value == "cpp:fastio"
        assert ("C++ · fastio", "cpp:fastio") in [(str(label), value) for label, value in select._options]
        select.value = "cpp"  # untouched template: the default one replaces it
        await wait_for(pilot, lambda: screen.editor.text == "// A+B: the default\n", "the default template")
        screen.editor.move_cursor((1, 0))
        await type_text(pilot, "int x;")
        select.value = "cpp:fastio"  # code written: kept
        await wait_for(
            pilot,
            lambda: any("draft is kept" in n.message for n in app._notifications),
            "the notice that the draft is kept",
        )
        assert screen.editor.text == "// A+B: the default\nint x;"


def test_list_and_fill_templates(tmp_path: object) -> None:
    from pathlib import Path

    folder = Path(str(tmp_path))
    (folder / "python3.py").write_text("# {{title}}\n")
    (folder / "python3.io.py").write_text("# io\n")
    (folder / "python3.a.b.py").write_text("# two dots: not a variant name\n")
    found = list_templates(folder)
    assert [(t.variant, t.text()) for t in found["python3"]] == [("", "# {{title}}\n"), ("io", "# io\n")]
    assert found["go"][0].path is None and "package main" in found["go"][0].text()  # built-in when no file
    assert (
        fill("{{problem_id}} {{title}} {{date}}", problem_id="x#1", title="T", today=dt.date(2024, 1, 2))
        == "x#1 T 2024-01-02"
    )
