"""draft_generator: Gemini's draft (the real google-genai client against the fake Gemini of tests/gemini_server.py),
compiled and smoke-run in the judge's sandbox before it is offered; a template when there is no key, when Gemini
fails, or when its draft does not compile or run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from algoitny_tui.config import load_settings
from algoitny_tui.problems import load_any
from algoitny_tui.problems.input_shape import check_input, classify
from algoitny_tui.tasks.generator_drafts import draft_generator
from tests.gemini_server import KEY, FakeGemini

PACK = Path(__file__).resolve().parents[2] / "algoitny_tui" / "problems" / "builtin" / "pack"

GRAPH_GENERATOR = """#include <cstdio>
#include <cstdlib>
int main(int argc, char **argv) {
    srand(atoi(argv[1]));
    int n = 2 + rand() % 5, m = rand() % 4;
    printf("%d %d\\n", n, m);
    for (int i = 0; i < m; i++) printf("%d %d\\n", 1 + i % n, 1 + (i + 1) % n);
}
"""


def subway() -> tuple:
    [(problem, tests)] = load_any(PACK / "0021-subway-hops")
    return problem, tests


def test_without_a_key_the_draft_is_a_template_for_the_input_shape() -> None:
    problem, tests = subway()
    draft = draft_generator(problem, "python3", load_settings(), tests=tests)
    assert draft.origin == "template" and draft.language == "python3"
    assert "no Gemini key" in draft.note and "graph (first line: N M)" in draft.note
    out = subprocess.run(
        [sys.executable, "-c", draft.source, "5"], capture_output=True, text=True, check=True
    )
    assert check_input(classify(problem), out.stdout) is None


def test_a_language_without_a_template_gets_python_and_says_so() -> None:
    problem, tests = subway()
    draft = draft_generator(problem, "rust", load_settings(), tests=tests)
    assert draft.language == "python3" and "no template in rust" in draft.note


def test_gemini_drafts_a_generator_in_the_users_language_and_it_is_run_once(gemini: FakeGemini) -> None:
    problem, tests = subway()
    gemini.script((200, json.dumps({"code": GRAPH_GENERATOR})))
    draft = draft_generator(problem, "cpp", load_settings(), tests=tests)
    assert draft.origin == "gemini", draft.note
    assert draft.source == GRAPH_GENERATOR and draft.language == "cpp"
    assert "compiled and run once" in draft.note and "does not look like" not in draft.note
    # what the program printed for seed 1 in the sandbox: an input of the problem's shape
    assert draft.sample_input and check_input(classify(problem), draft.sample_input) is None
    [request] = gemini.requests
    assert request.api_key == KEY and "C++17 program" in request.prompt and "argv[1]" in request.prompt
    assert "$N$" in request.prompt  # the statement's input section went with it
    assert request.config["responseSchema"]["properties"]["code"] == {"type": "STRING"}


def test_a_draft_that_does_not_compile_is_not_offered(gemini: FakeGemini) -> None:
    problem, tests = subway()
    gemini.script((200, json.dumps({"code": "int main( {"})))
    draft = draft_generator(problem, "cpp", load_settings(), tests=tests)
    assert draft.origin == "template" and draft.language == "cpp"
    assert "Gemini's generator does not compile" in draft.note
    assert "#include <random>" in draft.source


def test_a_draft_that_prints_nothing_or_crashes_is_not_offered(gemini: FakeGemini) -> None:
    problem, tests = subway()
    gemini.script((200, json.dumps({"code": "import sys\nsys.exit(3)\n"})))
    draft = draft_generator(problem, "python3", load_settings(), tests=tests)
    assert draft.origin == "template" and "failed on seed 1: RE" in draft.note
    gemini.script((200, json.dumps({"code": "pass\n"})))
    draft = draft_generator(problem, "python3", load_settings(), tests=tests)
    assert draft.origin == "template" and "printed nothing for seed 1" in draft.note


def test_a_gemini_refusal_gives_a_template_naming_the_setting(gemini: FakeGemini) -> None:
    problem, tests = subway()
    gemini.script((404, "models/gemini-flash-latest is not found"))
    draft = draft_generator(problem, "python3", load_settings(), tests=tests)
    assert draft.origin == "template"
    assert draft.note.startswith("Gemini: model not found (gemini_model = gemini-flash-latest)")
    assert KEY not in draft.note


def test_a_draft_whose_output_is_not_of_the_shape_is_offered_with_a_warning(gemini: FakeGemini) -> None:
    problem, tests = subway()
    gemini.script((200, json.dumps({"code": "print('hello')\n"})))
    draft = draft_generator(problem, "python3", load_settings(), tests=tests)
    assert draft.origin == "gemini" and "does not look like the shape graph" in draft.note
