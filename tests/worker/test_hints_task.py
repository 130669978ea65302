"""generate_hints_task on a real store: hints stored with the targeted update, asked again -> the same, more -> next."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from algoitny_tui.storage.factory import Repositories
from algoitny_tui.worker.tasks import Tasks

OFF_BY_ONE = "a, b = map(int, input().split())\nprint(a + b - 1)\n"


def test_hints_are_stored_and_come_in_levels(immediate: Tasks, repos: Repositories) -> None:
    immediate.execute_code_task(OFF_BY_ONE, "python3", "baekjoon", "1000", user_identifier="hinted")
    history = repos.histories.iter_user_histories("hinted")[0]
    assert history.verdict == "WA" and history.hints is None

    immediate.generate_hints_task(history.id)
    first = repos.histories.load_history(history.id)
    assert first is not None and first.hints is not None and len(first.hints) == 1
    # targeted: the rest of the history is as it was
    assert first.model_copy(update={"hints": None, "updated_at": history.updated_at}) == history

    immediate.generate_hints_task(history.id)  # asking again returns what is stored
    again = repos.histories.load_history(history.id)
    assert again is not None and again.hints == first.hints

    immediate.generate_hints_task(history.id, more=True)
    deeper = repos.histories.load_history(history.id)
    assert deeper is not None and deeper.hints is not None and len(deeper.hints) == 2
    assert deeper.hints[0] == first.hints[0] and deeper.hints[1] != deeper.hints[0]
    # the evidence reached the engine: the off-by-one values are in the hints
    assert any(word in " ".join(deeper.hints).lower() for word in ("one", "off by", "1"))


def test_hints_cli_wait_json(repos: Repositories, immediate: Tasks) -> None:
    immediate.execute_code_task(OFF_BY_ONE, "python3", "baekjoon", "1000", user_identifier="cli")
    history = repos.histories.iter_user_histories("cli")[0]
    result = subprocess.run([sys.executable, "-m", "algoitny_tui", "hints", str(history.id), "--wait", "--json"],
                            capture_output=True, text=True, env=dict(os.environ), timeout=120)
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed["history_id"] == history.id and len(printed["hints"]) == 1 and printed["engine"] == "offline"
    stored = repos.histories.load_history(history.id)
    assert stored is not None and stored.hints == printed["hints"]


def test_hints_for_an_unknown_history_say_so(repos: Repositories) -> None:
    result = subprocess.run([sys.executable, "-m", "algoitny_tui", "hints", "12345", "--wait"],
                            capture_output=True, text=True, env=dict(os.environ), timeout=60)
    assert result.returncode == 2 and "history 12345 not found" in result.stderr
