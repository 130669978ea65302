"""The editor's language selector reads the one language table: `cpp20` and a language the user adds in
settings.toml are there, start from the right template and highlighting, and a submission in the user's language
is judged by the worker with the settings' run command."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select

from algoitny_tui.app import make_app
from algoitny_tui.config import load_settings
from algoitny_tui.languages import BUILTIN
from algoitny_tui.locations import Locations
from algoitny_tui.storage.factory import open_repositories
from tests.app.conftest import A_PLUS_B, a_plus_b, echo_problem, screen_text, wait_for
from tests.app.test_solve_flow import open_a_plus_b, replace_code

USER_LANGUAGE = """\
[languages.mypython]
display_name = "My Python"
extensions = [".py"]
# a run command no built-in language has: the worker can only judge with it if it read this table
run = ["python3", "-I", "{src}"]
"""


async def test_cpp20_and_a_language_from_settings_are_in_the_editor_and_judge(tmp_path: Path) -> None:
    settings_file = Locations.from_env().settings_file
    settings_file.parent.mkdir(parents=True, exist_ok=True)
    settings_file.write_text(USER_LANGUAGE)
    settings = load_settings()
    repos = open_repositories(settings)
    repos.problems.put_problem(*a_plus_b())
    repos.problems.put_problem(*echo_problem())  # (the list the helper filters holds two)
    app = make_app(settings, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await open_a_plus_b(pilot)
        select = screen.query_one("#language", Select)
        options = {value: str(label) for label, value in select._options}
        assert options["cpp20"] == "C++ 20" and options["mypython"] == "My Python"

        select.value = "cpp20"
        await wait_for(pilot, lambda: screen.editor.text == BUILTIN["cpp20"].template, "the C++ template")
        assert screen.language == "cpp20" and screen.editor.language == "cpp"

        select.value = "mypython"  # a new language with Python's extension edits like Python
        await wait_for(
            pilot, lambda: screen.editor.text == BUILTIN["python3"].template, "the Python template"
        )
        assert screen.language == "mypython" and screen.editor.language == "python"
        assert select.value == "mypython"

        await replace_code(pilot, screen, A_PLUS_B.strip())
        await pilot.press("ctrl+s")
        await wait_for(
            pilot, lambda: "Submission: AC Accepted" in screen_text(app), "the verdict", timeout=90
        )
        stored, _ = repos.histories.list_user_histories(settings.user)
        assert [(h.language, h.verdict) for h in stored] == [("mypython", "AC")]
        # its draft is kept under its own name and extension
        assert (settings.locations.data_dir / "drafts" / "baekjoon%231000" / "mypython.py").is_file()
    repos.close()
