"""The one language table (algoitny_tui/languages.py): the judge builds and runs every language in it, a user's
`[languages.NAME]` adds to it for the editor and the judge alike, and the app reads it without the judge."""

from __future__ import annotations

import subprocess
import sys

from algoitny_tui.config import LanguageConfig
from algoitny_tui.judge.languages import BUILTIN_LANGUAGES, detect_language, languages_from_settings
from algoitny_tui.languages import BUILTIN, language, language_table


def test_the_judge_runs_exactly_the_languages_of_the_table_with_their_extensions() -> None:
    assert set(BUILTIN_LANGUAGES) == set(BUILTIN)
    assert all(BUILTIN_LANGUAGES[name].extensions == list(lang.extensions) for name, lang in BUILTIN.items())
    assert "cpp20" in BUILTIN and language("cpp20").highlight == "cpp"


def test_a_users_language_edits_like_the_built_in_of_its_extension_and_the_judge_detects_it_first() -> None:
    configs = {
        "mypy": LanguageConfig(extensions=[".py"], run=["python3", "{src}"], display_name="Mine"),
        "cobol": LanguageConfig(extensions=[".cob"], run=["cobc", "{src}"]),
        "cpp": LanguageConfig(run=["{exe}"], compile=["g++", "-o", "{exe}", "{src}"]),
    }
    table = language_table(configs)
    mine, cobol, cpp = table["mypy"], table["cobol"], table["cpp"]
    assert (mine.display_name, mine.highlight, mine.template) == (
        "Mine",
        "python",
        BUILTIN["python3"].template,
    )
    assert (cobol.display_name, cobol.file_extension, cobol.highlight, cobol.template) == (
        "cobol",
        ".cob",
        None,
        "",
    )
    # changing a built-in keeps what the user did not say
    assert (cpp.display_name, cpp.extensions, cpp.template) == (
        "C++",
        BUILTIN["cpp"].extensions,
        BUILTIN["cpp"].template,
    )
    specs = languages_from_settings(configs)
    assert detect_language("a.py", specs) == "mypy" and detect_language("a.cob", specs) == "cobol"
    assert specs["cobol"].source_name == "main.cob" and specs["cpp"].source_name == "Main.cpp"
    assert language("gone").template == "" and language("gone").display_name == "gone"


def test_the_app_reads_the_table_without_importing_the_judge() -> None:
    code = (
        "import sys, algoitny_tui.app, algoitny_tui.languages, algoitny_tui.screens.solve; "
        "print(sorted(m for m in sys.modules if m.startswith('algoitny_tui.judge')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
