"""History, stats, jobs, import (from a path and from competitive companion), settings, first start, errors."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import stat
import urllib.request
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, Switch, TextArea

from algoitny_tui.app import make_app
from algoitny_tui.config import Settings, load_settings, write_settings
from algoitny_tui.domain import JobStatus
from algoitny_tui.screens.history_detail import HistoryDetailScreen
from algoitny_tui.screens.solve import SolveScreen
from algoitny_tui.storage.factory import Repositories
from algoitny_tui.widgets.problem_table import ProblemTable
from tests.app.conftest import FIXED_TIME, history, screen_text, type_text, wait_for
from tests.gemini_server import MODEL_VERSION, FakeGemini, Reply

PACK_PROBLEM = Path(__file__).resolve().parents[2] / "algoitny_tui/problems/builtin/pack/0002-clock-after"


def add_histories(repos: Repositories) -> None:
    repos.histories.create_history_with_id(
        history(1_700_000_000_000_001, "WA", code="print(0)\n", hints=["Check the sum."])
    )
    repos.histories.create_history_with_id(history(1_700_000_000_000_002, "AC", created_at=FIXED_TIME + 60))
    repos.histories.create_history_with_id(
        history(
            1_700_000_000_000_003,
            "TLE",
            "cpp",
            "int main(){for(;;);}\n",
            problem=("codeforces", "4A", "Watermelon"),
            created_at=FIXED_TIME + 120,
        )
    )


async def test_history_filters_opens_a_submission_and_loads_its_code(
    settings: Settings, repos: Repositories
) -> None:
    add_histories(repos)
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("f2")
        await wait_for(pilot, lambda: "3 submissions" in screen_text(app), "the history list")
        text = screen_text(app)
        assert text.index("Watermelon") < text.index("TLE") and "A+B" in text
        app.screen.query_one("#history-verdict", Select).value = "WA"
        await wait_for(pilot, lambda: "1 submissions" in screen_text(app), "the verdict filter")
        app.screen.query_one("#history-verdict", Select).clear()
        app.screen.query_one("#history-language", Select).value = "cpp"
        await wait_for(
            pilot,
            lambda: "1 submissions" in screen_text(app) and "Watermelon" in screen_text(app),
            "the language filter",
        )
        app.screen.query_one("#history-language", Select).clear()
        app.screen.query_one("#history-problem", Input).value = "1000"
        await wait_for(pilot, lambda: "2 submissions" in screen_text(app), "the problem filter")
        table = app.screen.query_one("#history-table", DataTable)
        table.focus()
        table.move_cursor(row=1)  # the older one: WA
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, HistoryDetailScreen) and app.screen.history is not None,
            "the submission",
        )
        assert "print(0)" in screen_text(app) and "WA" in screen_text(app)
        await pilot.press("ctrl+e")
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, SolveScreen) and app.screen.problem is not None,
            "the editor",
        )
        assert app.screen.query_one("#editor", TextArea).text == "print(0)\n"


async def test_stats_count_solved_attempts_and_verdicts_by_tag(
    settings: Settings, repos: Repositories
) -> None:
    add_histories(repos)
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_for(pilot, lambda: len(app.screen.query_one(ProblemTable).rows) == 2, "the problem list")
        await pilot.press("f3")
        await wait_for(pilot, lambda: "Acceptance" in screen_text(app), "the stats")
        text = screen_text(app)
        assert "Solved 1" in text and "Attempts 3" in text and "Acceptance 33%" in text
        assert "python3" in text and "cpp" in text
        assert "math" in text and "brute force" in text  # tags come from the problems


async def test_jobs_are_listed_with_progress_and_can_be_cancelled_and_deleted(
    settings: Settings, repos: Repositories
) -> None:
    job = repos.jobs.create_job("warm_problem_cache_task", {}, user_identifier="tester")
    repos.jobs.add_progress(job.id, "cache", "reading problems", 10.0)
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("f4")
        await wait_for(pilot, lambda: "reading problems" in screen_text(app), "the job and its progress")
        assert "warm_problem_cache_task" in screen_text(app) and "pending" in screen_text(app)
        await pilot.press("c")
        await wait_for(pilot, lambda: "cancelled" in screen_text(app), "the cancelled job")
        current = repos.jobs.get_job(job.id)
        assert current is not None and current.status == JobStatus.CANCELLED
        await pilot.press("d")
        await wait_for(
            pilot,
            lambda: repos.jobs.get_job(job.id) is None and "No background jobs" in screen_text(app),
            "the deleted job",
        )


async def test_import_checks_the_path_and_stores_a_problem_package(
    settings: Settings, repos: Repositories, tmp_path: Path
) -> None:
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_for(pilot, lambda: len(app.screen.query_one(ProblemTable).rows) == 2, "the problem list")
        await pilot.press("f5")
        await type_text(pilot, str(tmp_path / "missing"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: "such file or folder" in screen_text(app), "the path check")
        notes = tmp_path / "notes.txt"
        notes.write_text("not a problem")
        app.screen.query_one("#import-path", Input).value = str(notes)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "unknown kind of file" in screen_text(app), "the importer's kind check")
        broken = tmp_path / "broken.json"
        broken.write_text('{"name": "x"}')
        app.screen.query_one("#import-path", Input).value = str(broken)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "tests: missing" in screen_text(app), "the importer's error")
        app.screen.query_one("#import-path", Input).value = str(PACK_PROBLEM)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Imported" in screen_text(app), "the import")
        await pilot.press("escape")
        await wait_for(
            pilot, lambda: len(app.screen.query_one(ProblemTable).rows) == 3, "the new problem listed"
        )
    assert any(p.problem_number == "0002-clock-after" for p in repos.problems.iter_problems())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_problems_sent_by_competitive_companion_are_stored_and_shown(
    settings: Settings, repos: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    monkeypatch.setenv("ALGOITNY_COMPANION_PORT", str(port))
    payload = {
        "name": "A. Theatre Square",
        "group": "Codeforces - Beta Round #1",
        "url": "https://codeforces.com/problemset/problem/1/A",
        "memoryLimit": 256,
        "timeLimit": 1000,
        "tests": [{"input": "6 6 4\n", "output": "4\n"}],
        "testType": "single",
        "input": {"type": "stdin"},
        "output": {"type": "stdout"},
    }

    def post() -> int:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/",
            data=json.dumps(payload).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)

    settings = load_settings(settings.locations)  # ALGOITNY_COMPANION_PORT is a setting
    assert settings.companion_port == port
    app = make_app(settings, start_worker=False, install_pack=False, companion=True)
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_for(pilot, lambda: len(app.screen.query_one(ProblemTable).rows) == 2, "the problem list")
        await wait_for(
            pilot, lambda: app.companion is not None, "the listener (started after the first frame)"
        )
        assert await asyncio.to_thread(post) == 200
        await wait_for(pilot, lambda: "Theatre Square" in screen_text(app), "the received problem")
    assert any(p.title == "A. Theatre Square" or "Theatre" in p.title for p in repos.problems.iter_problems())


async def test_settings_show_the_key_masked_and_save_to_the_file(
    settings: Settings, repos: Repositories
) -> None:
    write_settings({"gemini_api_key": "AIzaSyD-0123456789-secret-f3k9"}, settings.locations)
    settings = load_settings(settings.locations)
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("f9")
        await wait_for(pilot, lambda: "AIza…f3k9" in screen_text(app), "the settings screen")
        text = screen_text(app)
        assert "AIza…f3k9" in text and "0123456789" not in text
        screen = app.screen
        assert "sync: off" in text
        screen.query_one("#set-sync", Switch).value = True
        screen.query_one("#set-gemini-key", Input).value = "AIzaNEWKEY-abcdefgh-zz99"
        screen.query_one("#set-companion-port", Input).value = "27222"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "Saved to" in screen_text(app), "the saved settings")
        # Sync starts at once in the background: no credentials here, so it fails and says it will retry.
        await wait_for(pilot, lambda: "sync: error (will retry)" in screen_text(app), "the status bar")
        text = screen_text(app)
        assert "AIza…zz99" in text and "abcdefgh" not in text
    saved = load_settings(settings.locations)
    assert saved.sync == "on" and saved.gemini_key() == "AIzaNEWKEY-abcdefgh-zz99"
    assert saved.companion_port == 27222 and not saved.companion  # companion settings live in settings.toml
    assert stat.S_IMODE(os.stat(settings.locations.settings_file).st_mode) == 0o600
    assert not (settings.locations.config_dir / "app.toml").exists()


async def test_the_settings_screen_does_not_save_a_redis_queue_without_the_secret(
    settings: Settings, repos: Repositories
) -> None:
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("f9")
        await wait_for(pilot, lambda: "Worker queue" in screen_text(app), "the settings screen")
        app.screen.query_one("#set-queue", Select).value = "redis"
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "not saved" in screen_text(app), "the refusal")
        assert "queue_secret" in screen_text(app)
    assert load_settings(settings.locations).queue == "sqlite"


async def test_settings_test_the_gemini_key_on_the_form(gemini: FakeGemini, settings: Settings) -> None:
    """The key and model on the form, saved or not, are tried with one small request; the model that answered, or
    the reason it did not, shows in the status line. Nothing is saved by the check."""
    settings = load_settings(settings.locations)  # the fake's key and endpoint
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 50)) as pilot:
        await pilot.press("f9")
        await wait_for(pilot, lambda: "Gemini API key" in screen_text(app), "the settings screen")
        screen = app.screen
        gemini.script((404, "models/gemini-nope is not found for API version v1beta"))
        screen.query_one("#set-gemini-model", Input).value = "gemini-nope"
        await pilot.click("#settings-check-gemini")
        await wait_for(
            pilot,
            lambda: "Gemini check failed: model not found (gemini_model = gemini-nope)" in screen_text(app),
            "the failed check",
        )
        gemini.script(Reply(text='"ok"'))
        screen.query_one("#set-gemini-model", Input).value = "gemini-flash-latest"
        screen.query_one("#set-gemini-key", Input).value = "AIzaTYPED-not-saved-key-0000"
        await pilot.press("ctrl+g")
        await wait_for(
            pilot,
            lambda: (
                f"Gemini answered: model {MODEL_VERSION} (gemini_model = gemini-flash-latest)"
                in screen_text(app)
            ),
            "the answered check",
        )
        assert "AIzaTYPED" not in screen_text(app)
    assert [(r.model, r.api_key) for r in gemini.requests] == [
        ("gemini-flash-latest", "AIzaTYPED-not-saved-key-0000")
    ]
    assert not settings.locations.settings_file.exists()  # a check saves nothing


async def test_first_start_loads_the_builtin_pack_and_lists_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALGOITNY_BUILTIN_PACK", "true")
    app = make_app(load_settings(), start_worker=False)
    async with app.run_test(size=(140, 45)) as pilot:
        # The first problems show while the rest are still being loaded.
        await wait_for(pilot, lambda: "Big A+B" in screen_text(app), "the first pack problem", timeout=60)
        assert "loading the built-in problems" in screen_text(app)  # the status bar says the rest are coming
        assert isinstance(app.screen.query_one(ProblemTable), ProblemTable)  # the list, no set-up screen
        await pilot.press("enter")  # and the first problem opens at once
        await wait_for(
            pilot,
            lambda: isinstance(app.screen, SolveScreen) and app.screen.problem is not None,
            "the first problem",
        )
        # The statement is Markdown, rendered a moment after the problem is in: wait for it, do not race it.
        await wait_for(pilot, lambda: "Big A+B" in screen_text(app), "the first problem's statement")


async def test_a_failing_worker_is_a_notification_not_a_crash(
    settings: Settings, repos: Repositories
) -> None:
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        app.open_problem("nowhere#404")
        await app.workers.wait_for_complete()
        await wait_for(
            pilot,
            lambda: any("nowhere#404" in str(n.message) for n in app._notifications),
            "the notification",
        )
        assert app.is_running


async def test_every_footer_action_is_in_the_command_palette(settings: Settings, repos: Repositories) -> None:
    app = make_app(settings, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_for(pilot, lambda: len(app.screen.query_one(ProblemTable).rows) == 2, "the problem list")
        app.open_problem("baekjoon#1000")
        await wait_for(
            pilot,
            lambda: (
                isinstance(app.screen, SolveScreen)
                and app.screen.problem is not None
                and "^s Submit" in screen_text(app)
            ),
            "the solve screen and its footer",
        )
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for wanted in (
            "Submit",
            "Run samples",
            "Run custom input",
            "Hint",
            "Language",
            "Problems",
            "History",
            "Stats",
            "Jobs",
            "Import",
            "Settings",
        ):
            assert wanted in titles, wanted
        footer = [line for line in screen_text(app).splitlines() if line.strip()][-1]
        assert "^s Submit" in footer and "^g Hint" in footer


async def test_the_command_reads_settings_after_the_first_frame(
    settings: Settings, repos: Repositories
) -> None:
    """As `algoitny` starts it (no settings given): the list shows first, then the settings fill the status bar."""
    app = make_app(None, start_worker=False, install_pack=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_for(
            pilot,
            lambda: "store: sqlite" in screen_text(app) and "sync: off" in screen_text(app),
            "the status bar from the settings",
        )
        assert len(app.screen.query_one(ProblemTable).rows) == 2
        assert app.settings.user == settings.user


async def test_a_bad_setting_ends_the_app_with_exit_2_naming_it(
    settings: Settings, repos: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALGOITNY_STORE", "mysql")
    app = make_app(None, start_worker=False, install_pack=False)
    said = ""
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_for(pilot, lambda: app._exit, "the app to end")
        said = " ".join(str(r) for r in app._exit_renderables)  # printed when the app has ended
    assert app.return_code == 2
    assert "ALGOITNY_STORE" in said and "'store'" in said


async def test_the_app_on_redis_without_the_queue_secret_ends_with_exit_2_saying_how_to_set_it(
    settings: Settings, repos: Repositories, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALGOITNY_QUEUE", "redis")
    monkeypatch.setenv(
        "ALGOITNY_REDIS_URL", "redis://127.0.0.1:9/0"
    )  # nothing listens: it must not get that far
    app = make_app(None, start_worker=True, install_pack=False)
    said = ""
    async with app.run_test(size=(140, 45)) as pilot:
        await wait_for(pilot, lambda: app._exit, "the app to end")
        said = " ".join(str(r) for r in app._exit_renderables)
    assert app.return_code == 2
    assert "ALGOITNY_QUEUE_SECRET" in said and "\n" not in said.strip()
    assert app.worker_process is None  # no worker was started to take work from that queue


def test_a_settings_file_that_is_not_toml_stops_the_command_before_the_app(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    from algoitny_tui.cli import main

    settings.locations.settings_file.write_text("store = \n")
    assert main(["app", "--no-worker", "--no-pack"]) == 2
    err = capsys.readouterr().err
    assert str(settings.locations.settings_file) in err and "not valid TOML" in err


@pytest.mark.slow
async def test_jobs_screen_shows_the_workers_their_jobs_and_a_killed_one_as_gone(
    settings: Settings, repos: Repositories, tmp_path: Path
) -> None:
    import signal
    import time

    from algoitny_tui.domain import Limits, Problem, TestCase
    from algoitny_tui.worker.client import submit
    from algoitny_tui.worker.launcher import worker_alive
    from tests.processes import ConsumerProcess
    from tests.worker.conftest import SLOW_A_PLUS_B

    problem = Problem(
        platform="algoitny", problem_number="slow", title="slow", limits=Limits(time_limit_ms=5000)
    )
    repos.problems.put_problem(
        problem,
        [TestCase(test_case_id=str(i), input=f"{i} {i}\n", expected_output=f"{2 * i}\n") for i in range(20)],
    )
    worker = ConsumerProcess(dict(os.environ), tmp_path / "worker.log", workers=2)
    try:
        worker.wait_alive(settings)
        worker_id = f"{socket.gethostname()}:{worker.proc.pid}"
        job = submit(settings, repos, "algoitny#slow", SLOW_A_PLUS_B, "python3")
        app = make_app(settings, start_worker=False, install_pack=False)
        async with app.run_test(size=(160, 45)) as pilot:
            await pilot.press("f4")

            def worker_line() -> str:
                return next((line for line in screen_text(app).splitlines() if worker_id in line), "")

            await wait_for(
                pilot,
                lambda: (
                    "alive" in worker_line()
                    and "2 threads" in worker_line()
                    and f"execute_code_task {job.id[:12]}" in worker_line()
                ),
                "the worker and its job",
            )
            from algoitny_tui.worker.queue import queue_description

            assert f"workers on {queue_description(settings)}: 1" in screen_text(app)
            os.killpg(worker.proc.pid, signal.SIGKILL)
            worker.proc.wait()
            killed = time.monotonic()
            await wait_for(
                pilot, lambda: "gone" in worker_line(), "the killed worker shown as gone", timeout=60
            )
            from algoitny_tui.worker.jobs import STALE_AFTER_S

            assert time.monotonic() - killed >= STALE_AFTER_S - 1.5
            assert not worker_alive(settings)
    finally:
        worker.stop()
