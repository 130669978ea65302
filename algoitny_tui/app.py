"""The Textual app: one factory (`make_app`) shared by the `algoitny` command and the tests.

Start-up stays light: screens other than the problem list, the queue client (huey) and the store open lazily, and
every store, queue and file operation runs in a thread worker that reports back with a message. Nothing but the
problem list (painted from the problem index cache) runs before the first frame: the worker, the built-in pack,
the status bar's queue and sync state, the companion listener and sync start after it (`call_after_refresh`).

Sync: when `settings.sync == "on"` on the SQLite store, a thread worker runs `sync_once` after each stored
submission and every `settings.sync_interval_s` seconds (boto3 loads in that thread, never at start).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker, WorkerState, get_current_worker

from algoitny_tui.languages import Language, language_table
from algoitny_tui.locations import Locations, SettingsError
from algoitny_tui.widgets.status_bar import StatusInfo

if TYPE_CHECKING:
    from subprocess import Popen

    from algoitny_tui.config import Settings
    from algoitny_tui.services.companion_listener import CompanionListener
    from algoitny_tui.storage.factory import Repositories

STATUS_INTERVAL_S = 2.0
START_WORK_DELAY_S = 0.05
"""After the first frame: a moment for the screen's own follow-up work before the background threads start."""
FIRST_SYNC_DELAY_S = 2.0


class PackInstallCancelled(Exception):
    pass


def _screen(module: str, name: str) -> Callable[[], Screen[Any]]:
    """A mode's screen, imported when the mode is first shown (keeps the start light)."""

    def make() -> Screen[Any]:
        import importlib

        return getattr(importlib.import_module(f"algoitny_tui.screens.{module}"), name)()

    return make


class AlgoitnyApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "algoitny"
    MODES = {
        "problems": _screen("problems", "ProblemsScreen"),
        "history": _screen("history", "HistoryScreen"),
        "stats": _screen("stats", "StatsScreen"),
        "jobs": _screen("jobs", "JobsScreen"),
        "settings": _screen("settings", "SettingsScreen"),
    }
    DEFAULT_MODE = "problems"
    BINDINGS = [
        Binding("f1", "switch_mode('problems')", "Problems", priority=True),
        Binding("f2", "switch_mode('history')", "History", priority=True),
        Binding("f3", "switch_mode('stats')", "Stats", priority=True),
        Binding("f4", "switch_mode('jobs')", "Jobs", priority=True),
        Binding("f5", "import_problem", "Import", priority=True),
        Binding("f9", "switch_mode('settings')", "Settings", priority=True),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    status_text: reactive[str] = reactive("")
    problems_version: reactive[int] = reactive(0)
    """Bumped when stored problems change (pack installed, import): the problem list reloads."""
    histories_version: reactive[int] = reactive(0)
    """Bumped when a submission is stored: solved/tried marks, history and stats reload."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        start_worker: bool = True,
        install_pack: bool = True,
        companion: bool | None = None,
    ) -> None:
        super().__init__()
        # Without settings given, they are read right after the first frame (pydantic-settings is a quarter of the
        # start), or by whichever thread needs them first. The first frame needs only where the files are.
        self._settings = settings
        self._languages: tuple[object, dict[str, Language]] | None = None
        self._settings_lock = threading.Lock()
        self.locations = settings.locations if settings is not None else Locations.from_env()
        self.start_worker = start_worker
        self.install_pack = install_pack
        self.companion_override = companion
        self.worker_process: Popen[bytes] | None = None
        self.companion: CompanionListener | None = None
        self.failure_message = ""
        """Set when an exception nothing handled ended the app: the one line to print after it (_handle_exception)."""
        self._repos: Repositories | None = None
        self._repos_lock = threading.Lock()
        self._remote: Any = None
        """The DynamoDB table sync pushes to (opened in the sync thread, on the first sync)."""
        self._sync_timer: Timer | None = None
        self._sync_running = False
        self._sync_again = False
        self.status = (
            StatusInfo(store=settings.store, sync=self._sync_off_text())
            if settings is not None
            else StatusInfo(store="?", sync="?")
        )
        self.status_text = self.status.text()
        from algoitny_tui.prefs import read_prefs

        self.prefs = read_prefs(self.locations.prefs_file)

    def save_prefs(self, **changes: Any) -> None:
        """Remember a choice made in the app (theme, panes, editor) for the next start."""
        from algoitny_tui.prefs import write_prefs

        self.prefs = self.prefs.changed(**changes)
        try:
            write_prefs(self.locations.prefs_file, self.prefs)
        except OSError as exc:
            self.notify(f"preferences not saved: {exc}", severity="warning")

    def _theme_changed(self, theme: str) -> None:
        if theme != self.prefs.theme:
            self.save_prefs(theme=theme)

    @property
    def settings(self) -> Settings:
        """The settings; read on first use (a SettingsError then names the file or variable and the field)."""
        with self._settings_lock:
            if self._settings is None:
                from algoitny_tui.config import load_settings

                self._settings = load_settings(self.locations)
            return self._settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        with self._settings_lock:
            self._settings = settings

    @property
    def languages(self) -> Mapping[str, Language]:
        """The language table with the user's `[languages.NAME]` (the built-ins alone while settings do not load:
        the status bar says why)."""
        try:
            configs = self.settings.languages
        except SettingsError:
            configs = {}
        # Built once per settings object: screens read this on every draft check and every selector refresh.
        if self._languages is None or self._languages[0] is not configs:
            self._languages = (configs, language_table(configs))
        return self._languages[1]

    def _handle_exception(self, error: Exception) -> None:
        """An exception nothing handled ends the app with the one line `algoitny` prints for it (a damaged store:
        the file and what to do, exit 2; a bug: the log file, exit 3), never Textual's traceback."""
        from algoitny_tui.failures import describe_failure

        message, code = describe_failure(error)
        if self.is_headless and self._exception is None:
            # Under App.run_test the test should still see the exception itself.
            self._exception = error
            self._exception_event.set()
        # `algoitny app` prints it once the terminal is back (plainly: Rich would wrap the log file's path).
        self.failure_message = f"algoitny: {message}"
        self.exit(None, code)

    # --- shared resources (opened in thread workers, on first use) --------------------------------------------

    @property
    def repos(self) -> Repositories:
        with self._repos_lock:
            if self._repos is None:
                from algoitny_tui.storage.factory import open_repositories

                self._repos = open_repositories(self.settings)
            return self._repos

    @property
    def data_dir(self) -> Path:
        return self.locations.data_dir

    @property
    def cache_dir(self) -> Path:
        return self.locations.cache_dir

    # --- start and stop ---------------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.prefs.theme and self.prefs.theme in self.available_themes:
            self.theme = self.prefs.theme
        self.watch(self, "theme", self._theme_changed, init=False)
        self.call_after_refresh(self.set_timer, START_WORK_DELAY_S, self._after_first_frame)

    def _after_first_frame(self) -> None:
        if self._settings is None:
            self._read_settings()
        else:
            self._start_background_work()

    @work(thread=True, exclusive=True, exit_on_error=False, group="settings")
    def _read_settings(self) -> None:
        try:
            settings = self.settings
        except SettingsError as exc:  # as `algoitny` says it for every command: exit 2, naming file and field
            self.call_from_thread(self.exit, None, 2, f"algoitny: {exc}")
            return
        self.call_from_thread(self._set_status, store=settings.store, sync=self._sync_off_text())
        self.call_from_thread(self._start_background_work)

    def _start_background_work(self) -> None:
        try:
            self.settings.queue_signing_secret()  # Redis without the group's secret: no work is sent nor taken
        except SettingsError as exc:
            self.exit(None, 2, f"algoitny: {exc}")
            return
        if self.start_worker:
            self.ensure_worker()
            self.check_sandbox()
        if self.install_pack and self.settings.builtin_pack:
            self.install_builtin_pack()
        self.refresh_status()
        self.set_interval(STATUS_INTERVAL_S, self.refresh_status)
        self.start_companion()
        self.configure_sync(first_delay=FIRST_SYNC_DELAY_S)

    def on_unmount(self) -> None:
        if self.companion is not None:
            self.companion.stop()
        if self._remote is not None:
            with contextlib.suppress(Exception):
                self._remote.close()
        if self.worker_process is not None:
            from algoitny_tui.worker.launcher import stop_worker

            stop_worker(self.worker_process)
            self.worker_process = None
        if self._repos is not None:
            with contextlib.suppress(Exception):
                self._repos.close()

    @work(thread=True, exclusive=True, exit_on_error=False, group="start-worker")
    def ensure_worker(self) -> None:
        from algoitny_tui.worker.launcher import ensure_worker

        self.worker_process = ensure_worker(self.settings)
        self.call_from_thread(self.refresh_status)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sandbox")
    def check_sandbox(self) -> None:
        """Which sandbox the local worker's judge gets here, for the status bar: a machine where programs cannot
        be judged safely says so once, instead of failing every submission."""
        from algoitny_tui.judge.sandbox import Sandbox, SandboxUnavailable, build_helper

        try:
            sandbox = Sandbox(build_helper(self.locations.compile_cache_dir))
            try:
                text = sandbox.info().mode
            finally:
                sandbox.close()
        except SandboxUnavailable as exc:
            text = f"cannot judge here: {exc}"
            self.call_from_thread(
                self.notify, str(exc), title="The judge cannot run programs", severity="error", timeout=30
            )
        self.call_from_thread(self._set_status, sandbox=text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="pack")
    def install_builtin_pack(self) -> int:
        try:
            from algoitny_tui.problems.pack_install import ensure_pack_installed
        except ImportError:  # the pack installer ships with the pack; without it there is nothing to load
            return 0
        self.call_from_thread(self._set_busy, "loading the built-in problems…")
        written: list[str] = []
        worker = get_current_worker()

        def on_problem(problem_id: str) -> None:
            if worker.is_cancelled:  # the app is closing: stop between problems (the marker is not written)
                raise PackInstallCancelled
            written.append(problem_id)
            if (
                len(written) in (1, 5) or len(written) % 10 == 0
            ):  # show the first ones at once, then in batches
                self.call_from_thread(self.bump_problems)

        try:
            count = ensure_pack_installed(self.repos, on_problem=on_problem)
        except PackInstallCancelled:
            return len(written)
        finally:
            self.call_from_thread(self._set_busy, "")
        if count:
            self.call_from_thread(self.bump_problems)
        return count

    def bump_problems(self) -> None:
        self.problems_version += 1

    def bump_histories(self) -> None:
        self.histories_version += 1

    def _set_busy(self, text: str) -> None:
        self._set_status(busy=text)

    def _set_status(self, **changes: Any) -> None:
        from dataclasses import replace

        self.status = replace(self.status, **changes)
        self.status_text = self.status.text()

    @work(thread=True, exclusive=True, exit_on_error=False, group="status")
    def refresh_status(self) -> None:
        from algoitny_tui.worker.liveness import alive_workers
        from algoitny_tui.worker.tasks import tasks_for

        huey = tasks_for(self.settings).huey
        workers = len(alive_workers(huey))
        try:
            queued: int | None = huey.pending_count()
        except Exception:
            queued = None
        sync = self._sync_text()
        self.call_from_thread(
            self._set_status, workers=workers, queued=queued, store=self.settings.store, sync=sync
        )

    def start_companion(self) -> None:
        settings = self.settings
        wanted = settings.companion if self.companion_override is None else self.companion_override
        if self.companion is not None:
            self.companion.stop()
            self.companion = None
        if not wanted:
            return
        from algoitny_tui.services.companion_listener import CompanionListener

        try:
            self.companion = CompanionListener(
                settings.companion_port, self._companion_problem, on_error=self._companion_refused
            ).start()
        except OSError as exc:
            self.notify(
                f"competitive companion: port {settings.companion_port}: {exc.strerror}", severity="error"
            )

    # --- sync with DynamoDB -----------------------------------------------------------------------------------

    @property
    def sync_enabled(self) -> bool:
        return self.settings.sync == "on" and self.settings.store == "sqlite"

    def _sync_off_text(self) -> str:
        if self.settings.sync == "on" and self.settings.store != "sqlite":
            return "off (the store is DynamoDB)"
        return "on" if self.settings.sync == "on" else "off"

    def _sync_text(self) -> str:
        """The status bar's sync state (read in a thread: a few rows of the local store)."""
        if not self.sync_enabled:
            return self._sync_off_text()
        from algoitny_tui.storage.sqlite_table import SQLiteTable
        from algoitny_tui.sync.engine import sync_status

        table = self.repos.table
        if not isinstance(table, SQLiteTable):
            return self._sync_off_text()
        return sync_state_text(sync_status(table), running=self._sync_running)

    def configure_sync(self, first_delay: float = 0.0) -> None:
        """(Re)start background sync from the current settings: now (after `first_delay`) and every interval."""
        if self._sync_timer is not None:
            self._sync_timer.stop()
            self._sync_timer = None
        if not self.sync_enabled:
            return
        self._sync_timer = self.set_interval(max(1, self.settings.sync_interval_s), self.request_sync)
        if first_delay:
            self.set_timer(first_delay, self.request_sync)
        else:
            self.request_sync()

    def request_sync(self) -> None:
        """Sync now, or right after the sync that is running (never two at once)."""
        if not self.sync_enabled:
            return
        if self._sync_running:
            self._sync_again = True
            return
        self._sync_running = True
        self._sync_again = False
        self._set_status(sync="syncing…")
        self.sync_now()

    @work(thread=True, exit_on_error=False, group="sync")
    def sync_now(self) -> None:
        text = "error (will retry)"
        pulled = 0
        try:
            from algoitny_tui.storage.sqlite_table import SQLiteTable
            from algoitny_tui.sync.engine import open_remote, sync_once, sync_status

            local = self.repos.table
            if not isinstance(local, SQLiteTable):
                return
            if self._remote is None:
                self._remote = open_remote(self.settings)  # boto3 loads here, in this thread
            report = sync_once(self.settings, local, self._remote)
            pulled = report.pulled
            text = sync_state_text(sync_status(local), running=False)
            if report.errors and not report.skipped:
                self.call_from_thread(
                    self.notify, "; ".join(report.errors), title="Sync", severity="warning", timeout=8
                )
        finally:
            self.call_from_thread(self._sync_done, text, pulled)

    def _sync_done(self, text: str, pulled: int = 0) -> None:
        self._sync_running = False
        self._set_status(sync=text)
        if pulled:  # what other machines wrote: the lists that show it read it again
            self.bump_histories()
            self.bump_problems()
        if self._sync_again:
            self.request_sync()

    def submission_stored(self) -> None:
        """A submission's history is in the store: lists and marks reload, and sync pushes it."""
        self.bump_histories()
        self.request_sync()

    def _companion_problem(self, data: dict[str, Any]) -> None:
        """Called from the listener's thread."""
        self.call_from_thread(self.store_companion_problem, data)

    def _companion_refused(self, reason: str) -> None:
        """Called from the listener's thread for a request it turned away."""
        self.call_from_thread(self.notify, reason, title="Competitive companion", severity="warning")

    @work(thread=True, exit_on_error=False, group="companion")
    def store_companion_problem(self, data: dict[str, Any]) -> str:
        from algoitny_tui.problems.companion import problem_from_companion
        from algoitny_tui.problems.companion_store import store_browser_problem

        problem, tests = problem_from_companion(data, source=None)
        problem = store_browser_problem(self.repos, problem, tests)
        self.call_from_thread(self.bump_problems)
        self.call_from_thread(
            self.notify,
            f"{problem.title or problem.problem_id} ({len(tests)} tests)",
            title="Received from competitive companion",
        )
        return problem.problem_id

    # --- errors: one handler for every worker -----------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.report_worker(event)

    def report_worker(self, event: Worker.StateChanged) -> None:
        """A failed worker becomes a notification, never a crash (screens forward their events here)."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.notify(
                str(error) or type(error).__name__,
                title=_worker_title(event.worker),
                severity="error",
                timeout=8,
            )

    # --- navigation -------------------------------------------------------------------------------------------

    def action_import_problem(self) -> None:
        from algoitny_tui.screens.import_problem import ImportScreen

        if not isinstance(self.screen, ImportScreen):
            self.push_screen(ImportScreen())

    def open_problem(self, problem_id: str, *, code: str | None = None, language: str | None = None) -> None:
        """The problem in the editor (on top of the problem list); with `code`, that code replaces the editor's."""
        self.run_worker(
            self._open_in_problems(problem_id, code, language), group="open-problem", exit_on_error=False
        )

    async def _open_in_problems(self, problem_id: str, code: str | None, language: str | None) -> None:
        from algoitny_tui.screens.solve import SolveScreen

        # The editor stacks on the problem list: from another mode, switch first, then push.
        if self.current_mode != "problems":
            await self.switch_mode("problems")
        open_editors = [s for s in self.screen_stack if isinstance(s, SolveScreen)]
        if open_editors and open_editors[-1].problem_id == problem_id:
            # This problem is open already: one editor per problem, so no second screen saves its own draft.
            editor = open_editors[-1]
            while self.screen is not editor:
                await self.pop_screen()
            if code is not None:
                editor.load_code(code, language)
            return
        while any(isinstance(s, SolveScreen) for s in self.screen_stack):
            await self.pop_screen()  # another problem's editor: it saves its draft as it closes
        await self.push_screen(SolveScreen(problem_id, code=code, language=language))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        # Every key binding with a description is a command too: the palette and the footer list the same actions.
        for node, target in ((screen, screen), (self, self)):
            for binding in _bindings_of(node):
                if not binding.description or binding.action in seen:
                    continue
                seen.add(binding.action)
                keys = binding.key_display or binding.key
                yield SystemCommand(
                    binding.description,
                    f"{binding.tooltip or binding.description} ({keys})",
                    partial(target.run_action, binding.action),
                )


def sync_state_text(state: Any, *, running: bool) -> str:
    """`3 pending`, `ok 12:03`, `error (will retry)`: what the status bar says after `sync: `."""
    import time

    if running:
        return "syncing…"
    if state.last_error:
        return "error (will retry)"
    if state.pending:
        return f"{state.pending} pending"
    if state.last_sync_at:
        return "ok " + time.strftime("%H:%M", time.localtime(state.last_sync_at))
    return "not synced yet"


def _bindings_of(node: Any) -> list[Binding]:
    found = []
    for binding in getattr(node, "BINDINGS", []):
        if isinstance(binding, Binding):
            found.append(binding)
    return found


def _worker_title(worker: Worker[Any]) -> str:
    name = worker.name or worker.group or "background work"
    return name.replace("_", " ")


def make_app(
    settings: Settings | None = None,
    *,
    start_worker: bool = True,
    install_pack: bool = True,
    companion: bool | None = None,
) -> AlgoitnyApp:
    """The app, as the command line and the tests build it."""
    return AlgoitnyApp(settings, start_worker=start_worker, install_pack=install_pack, companion=companion)
