"""A scoring problem's submission shows its score in the app's results, as history stores it (`scr`)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from algoitny_tui.widgets.results_panel import ResultsPanel
from tests.app.conftest import history


class _Host(App[None]):
    def compose(self) -> ComposeResult:
        yield ResultsPanel(id="results")


async def test_results_show_the_score_by_group() -> None:
    stored = history(7, "WA")
    stored.score = {
        "value": 60,
        "max": 100,
        "groups": [
            {"name": "secret/group1", "score": 0, "max": 40, "verdict": "WA"},
            {"name": "secret/group2", "score": 60, "max": 60, "verdict": "AC"},
        ],
    }
    app = _Host()
    async with app.run_test(size=(160, 30)) as pilot:
        panel = app.query_one(ResultsPanel)
        panel.finish("Submission", stored)
        await pilot.pause()
        label = str(panel.query_one("#verdict", Static).render())
        assert "score 60/100 (secret/group1 0/40, secret/group2 60/60)" in label
        panel.finish("Submission", history(8, "AC"))  # a pass-fail problem: no score at all
        await pilot.pause()
        assert "score" not in str(panel.query_one("#verdict", Static).render())
