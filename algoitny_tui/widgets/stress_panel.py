"""The solve screen's Stress tab: a generator and a brute force next to the solution, a stress test on the worker
(stress_test_task), its live progress, the counterexample with both outputs and their diff, and one key (f8) that
adds the counterexample, with the brute force's answer, as a test of the problem.

The setup (both programs, count, first seed, generator arguments) and the last counterexample's seed and arguments
are kept with the problem's drafts (`stress.json`), so a run can be repeated exactly.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from algoitny_tui.domain import JobStatus
from algoitny_tui.services.drafts import Drafts
from algoitny_tui.verdict_style import VERDICT_STYLE
from algoitny_tui.widgets.run_poller import RunPoller
from algoitny_tui.widgets.whitespace import DiffView

if TYPE_CHECKING:
    from algoitny_tui.app import AlgoitnyApp

SETUP_FILE = "stress.json"
POLL_S = 0.2
DEFAULT_COUNT = 1000
MAX_COUNT = 1_000_000
SHOWN_CHARS = 4000
GENERATOR_HINT = "# generator: argv[1] is the seed; print one input\n"
BRUTE_HINT = "# brute force (empty: the problem's reference solution, else its checker)\n"


@dataclass
class StressSetup:
    generator: str = ""
    generator_language: str = "python3"
    brute: str = ""
    brute_language: str = "python3"
    count: int = DEFAULT_COUNT
    first_seed: int = 1
    generator_args: str = ""
    last_found: dict[str, Any] = field(default_factory=dict)
    """{"seed", "args", "verdict"} of the last counterexample."""

    @classmethod
    def from_json(cls, text: str | None) -> StressSetup:
        try:
            data = json.loads(text or "{}")
            known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
            return cls(**known)
        except (ValueError, TypeError, AttributeError):
            return cls()  # a damaged file: start from the defaults (the drafts of code are separate files)


@dataclass
class Counterexample:
    seed: int
    args: list[str]
    input: str
    expected: str | None
    got: str
    verdict: str
    message: str
    truncated: list[str]


def counterexample_of(result: dict[str, Any]) -> Counterexample | None:
    if not result.get("found"):
        return None
    return Counterexample(
        int(result.get("seed") or 0),
        [str(a) for a in result.get("args") or []],
        str(result.get("input") or ""),
        result.get("expected"),
        str(result.get("got") or ""),
        str(result.get("verdict") or ""),
        str(result.get("message") or ""),
        list(result.get("truncated") or []),
    )


def _cut(text: str) -> str:
    return (
        text
        if len(text) <= SHOWN_CHARS
        else text[:SHOWN_CHARS] + f"\n… {len(text) - SHOWN_CHARS} more characters"
    )


class StressPanel(Vertical):
    """Mounted in a TabPane of the solve screen; `solution()` gives the editor's (code, language)."""

    DEFAULT_CSS = """
    StressPanel { height: 1fr; }
    StressPanel #stress-controls { height: 1; }
    StressPanel #stress-controls Input { width: 9; }
    StressPanel #stress-controls #stress-args { width: 1fr; }
    StressPanel #stress-controls Button { width: auto; min-width: 0; margin-left: 1; }
    StressPanel .stress-program-head { height: 1; }
    StressPanel .stress-program-head Select { width: 18; }
    StressPanel #stress-body { height: 1fr; }
    StressPanel #stress-programs { width: 1fr; }
    StressPanel #stress-programs TextArea { height: 1fr; }
    StressPanel #stress-result-box { width: 1fr; border-left: solid $panel-lighten-2; }
    StressPanel #stress-progress { height: auto; padding: 0 1; }
    StressPanel #stress-result { height: auto; padding: 0 1; }
    """

    BINDINGS = [Binding("f8", "add_counterexample", "Add counterexample as a test")]

    @dataclass
    class Started(Message):
        job_id: str

    @dataclass
    class Failed(Message):
        error: str

    def __init__(
        self, problem_id: str, solution: Callable[[], tuple[str, str]], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.problem_id = problem_id
        self.solution = solution
        self.job_id: str | None = None
        self.counterexample: Counterexample | None = None
        self.setup = StressSetup()
        self.poller = RunPoller(POLL_S, id="stress-poller")

    @property
    def algoitny(self) -> AlgoitnyApp:
        return cast("AlgoitnyApp", self.app)

    @property
    def drafts(self) -> Drafts:
        return Drafts(self.algoitny.data_dir / "drafts")

    def compose(self) -> ComposeResult:
        self.setup = StressSetup.from_json(self.drafts.load_named(self.problem_id, SETUP_FILE))
        languages = self.algoitny.languages.values()  # the user's own languages too
        options = [(lang.display_name, lang.name) for lang in languages]
        names = {lang.name for lang in languages}
        with Horizontal(id="stress-controls"):
            yield Label("cases ")
            yield Input(str(self.setup.count), id="stress-count", compact=True, tooltip="cases at most")
            yield Label(" seed ")
            yield Input(
                str(self.setup.first_seed), id="stress-seed", compact=True, tooltip="seed of the first case"
            )
            yield Label(" args ")
            yield Input(
                self.setup.generator_args,
                placeholder="after the seed",
                id="stress-args",
                compact=True,
                tooltip="more arguments for the generator, after the seed",
            )
            yield Button("Start", id="stress-start", variant="primary", compact=True)
            yield Button("Stop", id="stress-stop", compact=True, disabled=True)
            yield Button("Add test (f8)", id="stress-add", compact=True, disabled=True)
        with Horizontal(id="stress-body"):
            with Vertical(id="stress-programs"):
                with Horizontal(classes="stress-program-head"):
                    yield Label("generator ")
                    yield Select(
                        options,
                        value=self.setup.generator_language
                        if self.setup.generator_language in names
                        else "python3",
                        allow_blank=False,
                        id="stress-gen-language",
                        compact=True,
                    )
                yield TextArea(self.setup.generator or GENERATOR_HINT, id="stress-generator", soft_wrap=False)
                with Horizontal(classes="stress-program-head"):
                    yield Label("brute force ")
                    yield Select(
                        options,
                        value=self.setup.brute_language if self.setup.brute_language in names else "python3",
                        allow_blank=False,
                        id="stress-brute-language",
                        compact=True,
                    )
                yield TextArea(self.setup.brute or BRUTE_HINT, id="stress-brute", soft_wrap=False)
            with VerticalScroll(id="stress-result-box"):
                yield Static("Write a generator (and a brute force), then Start.", id="stress-progress")
                yield Static("", id="stress-result")
                yield DiffView(id="stress-diff")
        yield self.poller

    # --- starting and stopping ----------------------------------------------------------------------------------

    def _read_setup(self) -> StressSetup | str:
        """The form as a setup, or what is wrong with it."""

        def number(widget_id: str, what: str, low: int, high: int) -> int | str:
            text = self.query_one(f"#{widget_id}", Input).value.strip()
            try:
                value = int(text)
            except ValueError:
                return f"{what} must be a whole number (got {text!r})"
            return value if low <= value <= high else f"{what} must be between {low} and {high} (got {value})"

        count = number("stress-count", "cases", 1, MAX_COUNT)
        seed = number("stress-seed", "seed", -(2**31), 2**31 - 1)
        for value in (count, seed):
            if isinstance(value, str):
                return value
        args = self.query_one("#stress-args", Input).value
        try:
            shlex.split(args)
        except ValueError as exc:
            return f"generator args: {exc}"
        generator = self.query_one("#stress-generator", TextArea).text
        brute = self.query_one("#stress-brute", TextArea).text
        return StressSetup(
            generator=generator,
            brute=brute,
            count=int(count),
            first_seed=int(seed),
            generator_args=args,
            last_found=self.setup.last_found,
            generator_language=str(self.query_one("#stress-gen-language", Select).value),
            brute_language=str(self.query_one("#stress-brute-language", Select).value),
        )

    @staticmethod
    def _has_code(text: str, hint: str) -> bool:
        return bool(text.strip()) and text != hint

    @on(Button.Pressed, "#stress-start")
    def start(self) -> None:
        if self.job_id is not None:
            self.notify("A stress test is running: stop it first.", severity="warning")
            return
        setup = self._read_setup()
        if isinstance(setup, str):
            self.notify(setup, severity="error")
            return
        if not self._has_code(setup.generator, GENERATOR_HINT):
            self.notify(
                "Write a generator first: it gets the seed as its first argument.", severity="warning"
            )
            return
        code, language = self.solution()
        if not code.strip():
            self.notify("The editor is empty: nothing to stress test.", severity="warning")
            return
        self.setup = setup
        self.counterexample = None
        self.query_one("#stress-add", Button).disabled = True
        self.query_one("#stress-start", Button).disabled = True
        self._show_progress(Text("queued, waiting for the worker…", style="dim"))
        self.query_one("#stress-result", Static).update("")
        self.query_one("#stress-diff", DiffView).update("")
        self._save_setup(setup)
        self.enqueue(setup, code, language)

    @work(thread=True, exit_on_error=False, group="stress-save")
    def _save_setup(self, setup: StressSetup) -> None:
        self.drafts.save_named(self.problem_id, SETUP_FILE, json.dumps(asdict(setup), indent=1))

    @work(thread=True, exit_on_error=False, group="stress-queue")
    def enqueue(self, setup: StressSetup, code: str, language: str) -> None:
        from algoitny_tui.worker.client import enqueue_job

        app = self.algoitny
        platform, _, number = self.problem_id.partition("#")
        brute = setup.brute if self._has_code(setup.brute, BRUTE_HINT) else None
        params = {
            "platform": platform,
            "problem_identifier": number,
            "code": code,
            "language": language,
            "generator_code": setup.generator,
            "generator_language": setup.generator_language,
            "brute_code": brute,
            "brute_language": setup.brute_language if brute else None,
            "max_rounds": setup.count,
            "first_seed": setup.first_seed,
            "generator_args": shlex.split(setup.generator_args),
            "store": False,
        }
        try:
            job = enqueue_job(app.settings, app.repos, "stress_test_task", params)
        except Exception as exc:
            self.post_message(self.Failed(f"not queued: {exc}"))
            raise
        self.post_message(self.Started(job.id))

    def on_stress_panel_started(self, message: Started) -> None:
        self.job_id = message.job_id
        self.query_one("#stress-stop", Button).disabled = False
        from algoitny_tui.services.runs import ActiveRun

        self.poller.follow(ActiveRun(message.job_id, "stress", "Stress test"))

    def on_stress_panel_failed(self, message: Failed) -> None:
        self._finish()
        self._show_progress(Text(message.error, style="bold red"))

    @on(Button.Pressed, "#stress-stop")
    def stop(self) -> None:
        if self.job_id is not None:
            self.cancel(self.job_id)

    @work(thread=True, exit_on_error=False, group="stress-cancel")
    def cancel(self, job_id: str) -> None:
        from algoitny_tui.storage.job_repository import JobStateConflict

        with suppress(JobStateConflict):  # it finished meanwhile: its result shows
            self.algoitny.repos.jobs.set_status(
                job_id, JobStatus.CANCELLED, expected=[JobStatus.PENDING, JobStatus.RUNNING]
            )

    def on_unmount(self) -> None:
        """Leaving the problem stops its stress test: nobody would see the rest. One small store write; a store the
        closing app has shut already leaves the job to the worker (it ends after its cases)."""
        if self.job_id is not None:
            # A store already closed raises its own kind of error (SQLite's, boto3's): the worker ends the job then.
            with suppress(Exception):
                self.algoitny.repos.jobs.set_status(
                    self.job_id, JobStatus.CANCELLED, expected=[JobStatus.PENDING, JobStatus.RUNNING]
                )

    # --- progress -----------------------------------------------------------------------------------------------

    @on(RunPoller.Progress, "#stress-poller")
    def _job_progress(self, message: RunPoller.Progress) -> None:
        message.stop()  # the screen follows runs of its own
        job, fresh = message.update.job, message.fresh
        if job.id != self.job_id:
            return
        if fresh:
            cases = [line for line in fresh if line.step == "stress" and line.detail.get("cases") is not None]
            if cases:
                d = cases[-1].detail
                self._show_progress(
                    Text(
                        f"running: {d['cases']}/{d.get('count', '?')} cases · "
                        f"{d.get('per_second', 0):.0f}/s · {d.get('elapsed_s', 0):.1f} s"
                    )
                )
            elif job.status == JobStatus.RUNNING:
                self._show_progress(Text("compiling the three programs…", style="dim"))
        if job.status == JobStatus.COMPLETED:
            self._finish()
            self._show_result(job.result or {})
        elif job.status == JobStatus.FAILED:
            self._finish()
            self._show_progress(
                Text(f"stress test failed: {job.error or 'no reason given'}", style="bold red")
            )
        elif job.status == JobStatus.CANCELLED:
            self._finish()
            self._show_progress(Text("stopped", style="yellow"))

    def _finish(self) -> None:
        if self.job_id is not None:
            self.poller.forget(self.job_id)
        self.job_id = None
        self.query_one("#stress-start", Button).disabled = False
        self.query_one("#stress-stop", Button).disabled = True

    def _show_progress(self, text: Text) -> None:
        self.query_one("#stress-progress", Static).update(text)

    def _show_result(self, result: dict[str, Any]) -> None:
        speed = f"{result.get('per_second') or 0:.0f}/s"
        elapsed = f"{result.get('elapsed_s') or 0:.1f} s"
        ce = counterexample_of(result)
        if ce is None:
            stopped = result.get("status") == "cancelled"
            self._show_progress(
                Text(
                    f"{'stopped: ' if stopped else ''}no difference in {result.get('cases')} cases "
                    f"· {speed} · {elapsed}",
                    style="yellow" if stopped else "green",
                )
            )
            return
        self.counterexample = ce
        self.setup.last_found = {"seed": ce.seed, "args": ce.args, "verdict": ce.verdict}
        self._save_setup(self.setup)
        head = Text()
        head.append(ce.verdict, style=VERDICT_STYLE.get(ce.verdict, "bold"))
        head.append(
            f" on case {result.get('cases')} · seed {ce.seed} · generator args {shlex.join(ce.args)} · "
            f"{speed} · {elapsed}"
        )
        self._show_progress(head)
        body = Text()
        body.append(f"{ce.message}\n" if ce.message else "")
        body.append("input\n", style="bold")
        body.append(_cut(ce.input) + ("\n" if not ce.input.endswith("\n") else ""))
        if ce.expected is None:
            body.append("(no expected answer: the problem's checker judged the output)\n", style="dim")
        body.append("got\n", style="bold")
        body.append(_cut(ce.got) + "\n")
        if ce.truncated:
            body.append(f"cut to the first part: {', '.join(ce.truncated)}\n", style="dim")
        body.append("f8 adds this input as a test", style="dim")
        self.query_one("#stress-result", Static).update(body)
        if ce.expected is not None:
            self.query_one("#stress-diff", DiffView).show_diff(ce.expected, ce.got)
        self.query_one("#stress-add", Button).disabled = False

    # --- adding the counterexample as a test --------------------------------------------------------------------

    @on(Button.Pressed, "#stress-add")
    def action_add_counterexample(self) -> None:
        ce = self.counterexample
        if ce is None:
            self.notify("No counterexample yet: start a stress test.", severity="warning")
            return
        if "input" in ce.truncated or "expected" in ce.truncated:
            self.notify(
                "This input is too large to keep in the job: add it from `algoitny stress` output.",
                severity="error",
            )
            return
        self.counterexample = None
        self.query_one("#stress-add", Button).disabled = True
        self.add_test(ce)

    @work(thread=True, exit_on_error=False, group="stress-add")
    def add_test(self, ce: Counterexample) -> None:
        platform, _, number = self.problem_id.partition("#")
        try:
            case = self.algoitny.repos.problems.add_user_test(platform, number, ce.input, ce.expected)
        except Exception as exc:
            self.app.call_from_thread(self.notify, f"not added: {exc}", severity="error")
            raise
        self.app.call_from_thread(self.notify, f"added as test {case.test_case_id} (seed {ce.seed})")
        self.post_message(self.TestAdded(case.test_case_id))

    @dataclass
    class TestAdded(Message):
        test_case_id: str
