"""Follows the worker's jobs a screen or panel waits for: reads the store on a thread, one read at a time, and
reports each job's new progress lines and its end to the widget it is mounted in (`RunPoller.Progress`).

The solve screen, its Tests tab and its Stress tab each mount one; the rule for what a report holds (only lines not
reported before, a finished job reported once and then dropped) lives here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from textual import work
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget

if TYPE_CHECKING:
    from algoitny_tui.app import AlgoitnyApp
    from algoitny_tui.models import JobProgress
    from algoitny_tui.services.runs import ActiveRun, RunUpdate


class RunPoller(Widget):
    """Invisible. `follow(run)` starts polling every `interval_s`; the timer stops when no run is left."""

    DEFAULT_CSS = "RunPoller { display: none; }"

    @dataclass
    class Progress(Message):
        """What is new about a followed run: its progress lines not reported before, and whether it has ended (then
        this is the last report about it)."""

        poller: RunPoller
        run: ActiveRun
        update: RunUpdate
        fresh: list[JobProgress] = field(default_factory=list)

        @property
        def control(self) -> RunPoller:
            return self.poller

        @property
        def finished(self) -> bool:
            return self.update.job.status.finished

    @dataclass
    class Fetched(Message, bubble=False):
        """A thread's read, handled by the poller itself on the app's loop."""

        run: ActiveRun
        update: RunUpdate

    def __init__(self, interval_s: float, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.interval_s = interval_s
        self.runs: dict[str, ActiveRun] = {}
        self._timer: Timer | None = None
        self._reading = False

    def follow(self, run: ActiveRun) -> None:
        self.runs[run.job_id] = run
        if self._timer is None:
            self._timer = self.set_interval(self.interval_s, self._tick)

    def forget(self, job_id: str) -> None:
        """Stop reporting a run (its owner no longer shows it)."""
        self.runs.pop(job_id, None)

    def _tick(self) -> None:
        if not self.runs:
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            return
        # One read at a time: on a loaded machine a read can outlast the interval, and overlapping reads would only
        # pile up threads that report the same lines.
        if not self._reading:
            self._reading = True
            self._read(list(self.runs.values()))

    @work(thread=True, exit_on_error=False, group="run-poller")
    def _read(self, runs: list[ActiveRun]) -> None:
        from algoitny_tui.services.runs import read_run

        repos = cast("AlgoitnyApp", self.app).repos
        try:
            for run in runs:
                update = read_run(repos, run)
                if update is not None and (update.lines or update.job.status.finished):
                    self.post_message(self.Fetched(run, update))
        finally:
            self._reading = False

    def on_run_poller_fetched(self, message: Fetched) -> None:
        from algoitny_tui.services.runs import new_lines

        run, update = message.run, message.update
        if self.runs.get(run.job_id) is not run:
            return  # a read about a run that has ended or was forgotten meanwhile
        fresh, run.seen = new_lines(update.lines, run.seen)
        if update.job.status.finished:
            del self.runs[run.job_id]
        self.post_message(self.Progress(self, run, update, fresh))
