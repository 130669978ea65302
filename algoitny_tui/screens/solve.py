"""Solving a problem: the statement, an editor with highlighting and a template per language, drafts autosaved
per problem and language, runs through the queue (samples, all tests, custom input), live results and hints."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, Markdown, Select, Static, TabbedContent, TabPane, TextArea

from algoitny_tui.domain import JobStatus, Problem, TestCase
from algoitny_tui.file_io import FileIO
from algoitny_tui.languages import BUILTIN, DEFAULT_LANGUAGE, Language, language
from algoitny_tui.locations import SettingsError
from algoitny_tui.models import SearchHistory
from algoitny_tui.screens.base import AppScreen
from algoitny_tui.services.drafts import Drafts
from algoitny_tui.services.runs import ActiveRun
from algoitny_tui.templates import Template, ensure_builtin_templates, fill, list_templates, split_value
from algoitny_tui.widgets.code_editor import CodeEditor
from algoitny_tui.widgets.highlighting import ensure_highlight
from algoitny_tui.widgets.key_footer import KeyFooter
from algoitny_tui.widgets.problem_view import ProblemView
from algoitny_tui.widgets.results_panel import VERDICT_STYLE, ResultsPanel, trial_results
from algoitny_tui.widgets.run_poller import RunPoller
from algoitny_tui.widgets.status_bar import StatusBar
from algoitny_tui.widgets.stress_panel import StressPanel
from algoitny_tui.widgets.tests_panel import TestsPanel, draft_key

AUTOSAVE_S = 0.3
DRAFT_CHECK_S = 0.5
"""How often the draft file's mtime is read, to reload edits made in another window."""
POLL_S = 0.15
LAST_SUBMISSION_TITLE = "Last submission"
CUSTOM_TEST = "custom"


def hints_markdown(history: SearchHistory | None) -> str:
    """The hints of a submission, each with the engine that wrote it, and the note on why Gemini was not used."""
    hints = history.hints if history else None
    if not history or not hints:
        return "_No hints yet: after a failed submission, ctrl+g asks for one._"
    engines = history.hint_engines or []
    parts = []
    for n, hint in enumerate(hints, start=1):
        engine = engines[n - 1] if n <= len(engines) and engines[n - 1] in ("gemini", "offline") else ""
        parts.append(f"### Hint {n}{f' ({engine})' if engine else ''}\n\n{hint}")
    if history.hint_note:
        parts.append(f"> {history.hint_note}")
    return "\n\n".join(parts)


class SolveScreen(AppScreen):
    BINDINGS = [
        Binding("ctrl+s", "submit", "Submit"),
        Binding("ctrl+r", "run_samples", "Run samples"),
        Binding("ctrl+t", "run_custom", "Run custom input"),
        Binding("ctrl+g", "hint", "Hint"),
        Binding("ctrl+l", "next_language", "Language"),
        Binding("ctrl+o", "toggle_statement", "Statement"),
        Binding("ctrl+n", "stress_tab", "Stress tab"),
        Binding("alt+left", "statement_width(-5)", "Narrower statement", show=False),
        Binding("alt+right", "statement_width(5)", "Wider statement", show=False),
        Binding("alt+w", "toggle_soft_wrap", "Soft wrap", show=False),
        Binding("alt+t", "next_tab_width", "Tab width", show=False),
        Binding(
            "alt+f", "file_io", "File I/O", show=False, tooltip="Set the files the program reads and writes"
        ),
        # priority: the editor would take ctrl+e as "end of line" (the End key still does that)
        Binding("ctrl+e", "edit_externally", "Edit in $EDITOR", priority=True),
        Binding("escape", "back", "Back"),
        Binding("alt+g", "write_generator", "Write a generator", show=False),
    ]

    @dataclass
    class Loaded(Message):
        problem: Problem
        tests: list[TestCase]
        language: str
        code: str
        templates: dict[str, list[Template]]
        languages: Mapping[str, Language]
        last_submission: SearchHistory | None = None
        """The user's newest submission of this problem, shown as it was left."""

    @dataclass
    class DraftChangedOutside(Message):
        language: str
        text: str
        mtime_ns: int | None

    @dataclass
    class Queued(Message):
        run: ActiveRun

    @dataclass
    class IoSettingSaved(Message):
        problem: Problem

    @dataclass
    class RunFailed(Message):
        kind: str
        error: str

    def __init__(self, problem_id: str, *, code: str | None = None, language: str | None = None) -> None:
        super().__init__()
        self.problem_id = problem_id
        self.initial_code = code
        self.initial_language = language
        self.problem: Problem | None = None
        self.tests: list[TestCase] = []
        self.language = language or DEFAULT_LANGUAGE
        self.poller = RunPoller(POLL_S, id="solve-poller")
        self.last_submission: SearchHistory | None = None
        self._loading = True
        self._dirty = False
        self._save_timer: Timer | None = None
        self._draft_generation = 0
        """Bumped when code is loaded over the editor's: a save of the text before it is dropped."""
        self._draft_lock = threading.Lock()
        self._editor = TextArea()
        # The draft file as last read or written here: a different mtime and text means someone else wrote it.
        self._synced_text: str | None = None
        self._synced_mtime: int | None = None
        self.templates: dict[str, list[Template]] = {}
        self.languages: Mapping[str, Language] = BUILTIN
        """The selector's languages: the built-ins, and the user's once settings are read."""
        self._asking = False

    @property
    def drafts(self) -> Drafts:
        return Drafts(self.algoitny.data_dir / "drafts", self.languages)

    def compose(self) -> ComposeResult:
        with Horizontal(id="solve-body"):
            yield ProblemView(id="statement")
            with Vertical(id="solve-right"):
                with Horizontal(id="solve-toolbar"):
                    yield Select(
                        [(lang.display_name, lang.name) for lang in self.languages.values()],
                        value=self.language if self.language in self.languages else DEFAULT_LANGUAGE,
                        allow_blank=False,
                        id="language",
                        compact=True,
                    )
                    yield Button("Run samples", id="run-samples", compact=True)
                    yield Button("Submit", id="submit", variant="primary", compact=True)
                    yield Button("Run input", id="run-custom", compact=True)
                    yield Button("Hint", id="hint", compact=True)
                editor = CodeEditor.code_editor("", id="editor", soft_wrap=False)
                self._editor = editor  # kept: the draft is saved on unmount, when queries find nothing
                yield editor
                with TabbedContent(id="solve-tabs"):
                    with TabPane("Results", id="tab-results"):
                        yield ResultsPanel(id="results")
                    with TabPane("Custom input", id="tab-custom"), Horizontal(id="custom"):
                        yield TextArea("", id="custom-input", soft_wrap=False)
                        yield Static("Type an input on the left; ctrl+t runs it.", id="custom-output")
                    with TabPane("Hints", id="tab-hints"):
                        yield Markdown(hints_markdown(None), id="hints")
                    with TabPane("Tests", id="tab-tests"):
                        yield TestsPanel(self.problem_id, self._draft_to_run, id="tests-panel")
                    with TabPane("Stress", id="tab-stress"):
                        yield StressPanel(
                            self.problem_id, lambda: (self.editor.text, self.language), id="stress"
                        )
        yield self.poller
        yield StatusBar()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.editor.read_only = (
            True  # until the draft is in: typing into a template that is about to go is lost
        )
        self.load()
        self.set_interval(DRAFT_CHECK_S, self._check_draft_file)
        prefs = self.algoitny.prefs
        self._show_statement_pane(prefs.statement_visible, prefs.statement_width)
        self.editor.soft_wrap = prefs.soft_wrap
        self.editor.indent_width = prefs.tab_width

    @property
    def editor(self) -> TextArea:
        return self._editor

    @property
    def results(self) -> ResultsPanel:
        return self.query_one(ResultsPanel)

    # --- loading the problem and the draft ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def load(self) -> None:
        platform, _, number = self.problem_id.partition("#")
        found = self.algoitny.repos.problems.get_problem_with_testcases(platform, number)
        if found is None:
            raise LookupError(f"problem {self.problem_id} is not stored")
        problem, tests = found
        # Set before the draft is looked for: a language of the user's keeps its drafts under its own extension.
        self.languages = languages = self.algoitny.languages
        drafts = self.drafts
        lang = self.initial_language or drafts.last_language(self.problem_id) or DEFAULT_LANGUAGE
        code = self.initial_code
        self._remember_disk(lang)
        folder = self.templates_dir
        try:
            ensure_builtin_templates(folder)
        except OSError as exc:  # a read-only config dir: the built-in templates still work, from memory
            self.app.call_from_thread(
                self.notify, f"templates not written to {folder}: {exc.strerror}", severity="warning"
            )
        templates = list_templates(folder, languages)
        if code is None:
            code = self._synced_text
        if code is None:
            code = self._filled(
                templates[lang][0] if lang in templates else Template(lang, "", None), problem
            )
        self.post_message(
            self.Loaded(problem, tests, lang, code, templates, languages, self._stored_last_submission())
        )

    def _stored_last_submission(self) -> SearchHistory | None:
        from algoitny_tui.codec import DecodeError

        try:
            user = self.algoitny.settings.user
        except SettingsError:
            return None  # the status bar says why the settings do not load
        try:
            return self.algoitny.repos.histories.latest_for_problem(user, self.problem_id)
        except DecodeError:
            return None  # a damaged history: the History screen names it; the problem still opens

    @property
    def templates_dir(self) -> Path:
        return self.algoitny.locations.config_dir / "templates"

    def _filled(self, template: Template, problem: Problem | None = None) -> str:
        problem = problem or self.problem
        return fill(template.text(), problem_id=self.problem_id, title=problem.title if problem else "")

    def _template(self, name: str, variant: str = "") -> Template:
        for template in self.templates.get(name, []):
            if template.variant == variant:
                return template
        return Template(name, "", None, language(name, self.languages).template)

    def _language_options(self) -> list[tuple[str, str]]:
        options = []
        for lang in self.languages.values():
            for template in self.templates.get(lang.name) or [self._template(lang.name)]:
                label = f"{lang.display_name} · {template.variant}" if template.variant else lang.display_name
                options.append((label, template.value))
        return options

    def on_solve_screen_loaded(self, message: Loaded) -> None:
        self.problem, self.tests = message.problem, message.tests
        self.templates, self.languages = message.templates, message.languages
        select = self.query_one("#language", Select)
        with select.prevent(Select.Changed):
            select.set_options(self._language_options())
        self.query_one(ProblemView).show(message.problem, [t for t in message.tests if t.is_sample])
        self.query_one(TestsPanel).set_tests(message.problem, message.tests)
        self.sub_title = message.problem.title
        self._set_language(message.language, message.code)
        self.editor.read_only = False
        self.editor.focus()
        if message.last_submission is not None:
            self._show_last_submission(message.last_submission)
        if self.initial_code is not None:
            self._dirty = True
            self.save_draft_now()

    def _show_last_submission(self, history: SearchHistory) -> None:
        """The problem opens where the user left it: the last submission's results, hints (ctrl+g asks for more),
        and its verdicts in the Tests tab while the editor holds the same code."""
        self.last_submission = history
        title = LAST_SUBMISSION_TITLE
        self.results.start(title, [])
        self.results.finish(title, history)
        self.results.set_tests((t.test_case_id, t.input, t.expected_output) for t in self.tests)
        self.query_one("#hints", Markdown).update(hints_markdown(history))
        self.query_one(TestsPanel).record_results(
            draft_key(history.code, history.language), history.test_results
        )

    def _set_language(self, name: str, code: str) -> None:
        self._loading = True
        self.language = name
        select = self.query_one("#language", Select)
        if select.value is Select.NULL or split_value(str(select.value))[0] != name:
            with select.prevent(Select.Changed):
                select.value = name
        editor = self.editor
        editor.language = ensure_highlight(editor, language(name, self.languages).highlight)
        editor.load_text(code)
        self._loading = False
        self.query_one(TestsPanel).draft_changed()

    # --- drafts -------------------------------------------------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def _editor_changed(self) -> None:
        if self._loading or self.problem is None:
            return
        self._dirty = True
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(AUTOSAVE_S, self._autosave)

    def _autosave(self) -> None:
        self.query_one(TestsPanel).draft_changed()
        if self._dirty:
            self._dirty = False
            self.save_draft(self.language, self.editor.text, self._draft_generation)

    @work(thread=True, exit_on_error=False, group="draft")
    def save_draft(self, lang: str, text: str, generation: int) -> None:
        with self._draft_lock:
            if generation != self._draft_generation:
                return  # code was loaded over this text after the save was scheduled: this text is not the draft
            self._write_draft(lang, text)

    def save_draft_now(self) -> None:
        """On leaving (and on a language switch): written at once, not in a worker that may not run any more."""
        if self._dirty and self.problem is not None:
            self._dirty = False
            try:
                with self._draft_lock:
                    self._write_draft(self.language, self.editor.text)
            except OSError as exc:
                self.notify(f"draft not saved: {exc}", severity="error")

    def _remember_disk(self, lang: str) -> None:
        """Read the draft file as it is now: the text and mtime later changes are compared with."""
        drafts = self.drafts
        self._synced_mtime = drafts.mtime_ns(self.problem_id, lang)
        self._synced_text = drafts.load(self.problem_id, lang)

    def _write_draft(self, lang: str, text: str, *, force: bool = False) -> bool:
        """Write the draft, unless the file changed outside since it was last read or written here: then the
        outside text is reported (the user chooses) and nothing is overwritten. Call with the draft lock held."""
        drafts = self.drafts
        if not force and lang == self.language:
            mtime = drafts.mtime_ns(self.problem_id, lang)
            if mtime != self._synced_mtime:
                outside = drafts.load(self.problem_id, lang)
                if outside is not None and outside != self._synced_text and outside != text:
                    self.post_message(self.DraftChangedOutside(lang, outside, mtime))
                    return False
        mtime = drafts.save(self.problem_id, lang, text)
        if lang == self.language:
            self._synced_text, self._synced_mtime = text, mtime
        return True

    # --- the draft file edited outside: ctrl+e, or another window -------------------------------------------------

    def _check_draft_file(self) -> None:
        if self.problem is not None and not self._asking:
            self.check_draft_file(self.language)

    @work(thread=True, exclusive=True, exit_on_error=False, group="draft-check")
    def check_draft_file(self, lang: str) -> None:
        drafts = self.drafts
        with self._draft_lock:
            mtime = drafts.mtime_ns(self.problem_id, lang)
            if mtime is None or mtime == self._synced_mtime or lang != self.language:
                return
            text = drafts.load(self.problem_id, lang)
            if text is None or text == self._synced_text:
                self._synced_mtime = mtime  # touched, not changed
                return
        self.post_message(self.DraftChangedOutside(lang, text, mtime))

    def on_solve_screen_draft_changed_outside(self, message: DraftChangedOutside) -> None:
        if message.language != self.language or self._asking:
            return
        if not self._dirty or self.editor.text == message.text:  # no edits here that the file lacks
            self._take_outside_text(message)
            return
        from algoitny_tui.screens.external_editor import KeepWhichDraft

        self._asking = True

        def chosen(which: str | None) -> None:
            self._asking = False
            if which == "file":
                self._take_outside_text(message)
            else:
                self.cancel_pending_save()
                with self._draft_lock:
                    self._write_draft(self.language, self.editor.text, force=True)

        self.app.push_screen(KeepWhichDraft(self.drafts.path(self.problem_id, self.language)), chosen)

    def _take_outside_text(self, message: DraftChangedOutside) -> None:
        self.cancel_pending_save()
        with self._draft_lock:
            self._synced_text, self._synced_mtime = message.text, message.mtime_ns
        if self.editor.text != message.text:
            self._replace_text(message.text)
            self.notify("The draft changed outside the app: reloaded.", timeout=3)

    def _replace_text(self, text: str) -> None:
        """The editor shows `text` (the draft file's), cursor kept where it can be."""
        cursor = self.editor.cursor_location
        self._loading = True
        self.editor.load_text(text)
        self._loading = False
        row = min(cursor[0], self.editor.document.line_count - 1)
        self.editor.cursor_location = (row, min(cursor[1], len(self.editor.document.get_line(row))))

    def action_edit_externally(self) -> None:
        """Write the draft, hand the terminal to the user's editor on its file, and take the file back after."""
        from textual.app import SuspendNotSupported

        from algoitny_tui.screens.external_editor import editor_command, run_editor

        if self.problem is None:
            self.notify("The problem is still loading.", severity="warning")
            return
        self.cancel_pending_save()
        with self._draft_lock:
            if not self._write_draft(self.language, self.editor.text):
                return  # changed outside meanwhile: the user chooses first
        path = self.drafts.path(self.problem_id, self.language)
        command = editor_command(self.algoitny.settings.editor)
        try:
            with self.app.suspend():
                error = run_editor(command, path)
        except SuspendNotSupported:
            if not self.app.is_headless:  # e.g. in a browser: no terminal to hand over
                self.notify(
                    f"This terminal cannot hand over to an editor: edit {path} in another window, "
                    "the app reloads it.",
                    severity="warning",
                    timeout=10,
                )
                return
            error = run_editor(command, path)  # headless: no terminal to hand over, the editor needs none
        text = self.drafts.load(self.problem_id, self.language)
        if text is not None:
            with self._draft_lock:
                self._synced_text = text
                self._synced_mtime = self.drafts.mtime_ns(self.problem_id, self.language)
            if text != self.editor.text:
                self._replace_text(text)
        if error:
            self.notify(error, severity="error", timeout=10)

    def cancel_pending_save(self) -> None:
        """Drop the debounced save of the editor's text, and any save of it already handed to a thread."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        self._dirty = False
        with self._draft_lock:
            self._draft_generation += 1

    def load_code(self, code: str, lang: str | None = None) -> None:
        """Code from history replaces the editor's text and becomes the draft. The pending autosave of the text it
        replaces is cancelled first: it would otherwise write the old text over the loaded code a moment later."""
        self.cancel_pending_save()
        if self.problem is None:  # still loading: the loader uses this code instead of the draft
            self.initial_code, self.initial_language = code, lang or self.initial_language
            return
        self._set_language(lang or self.language, code)
        self._dirty = True
        self.save_draft_now()

    def on_unmount(self) -> None:
        self.save_draft_now()

    @on(Select.Changed, "#language")
    def _language_changed(self, event: Select.Changed) -> None:
        if self._loading or event.value is Select.NULL:
            return
        name, variant = split_value(str(event.value))
        explicit = bool(variant) or name == self.language  # a template chosen, not only a language
        if name == self.language and not self._untouched(self.editor.text):
            self._notify_draft_kept(name)
            return
        self.save_draft_now()
        template = self._template(name, variant)
        with self._draft_lock:
            self.language = name
            self._remember_disk(name)
        code = self._synced_text
        if code is None or (explicit and self._untouched(code)):
            code = self._filled(template)  # a new draft, or one still as a template left it
        elif variant:
            self._notify_draft_kept(name)
        self._set_language(name, code)
        self._dirty = True
        self.save_draft_now()  # remembers the language as this problem's last one

    def _notify_draft_kept(self, name: str) -> None:
        self.notify(
            f"Your {language(name, self.languages).display_name} draft is kept: clear the editor, then choose "
            "the template again to start from it.",
            severity="warning",
            timeout=8,
        )

    def _untouched(self, text: str) -> bool:
        """Empty, or exactly what one of this language's templates writes: replacing it loses nothing."""
        return not text.strip() or any(text == self._filled(t) for t in self.templates.get(self.language, []))

    def action_next_language(self) -> None:
        names = list(self.languages)
        following = (
            names[(names.index(self.language) + 1) % len(names)] if self.language in names else names[0]
        )
        self.query_one("#language", Select).value = following

    # --- runs ---------------------------------------------------------------------------------------------------

    def _draft_to_run(self) -> tuple[str, str] | None:
        """The Tests tab's code to run: the editor's, once the problem is in and the editor is not empty."""
        if self.problem is None or not self.editor.text.strip():
            return None
        return self.editor.text, self.language

    def on_tests_panel_tests_changed(self, message: TestsPanel.TestsChanged) -> None:
        """Tests added or changed in the Tests tab: submissions and sample runs list them, the statement its samples."""
        samples_before = [t for t in self.tests if t.is_sample]
        self.tests = message.tests
        samples = [t for t in message.tests if t.is_sample]
        if self.problem is not None and samples != samples_before:
            self.query_one(ProblemView).show(self.problem, samples)

    def _ready(self) -> bool:
        if self.problem is None:
            self.notify("The problem is still loading.", severity="warning")
            return False
        if not self.editor.text.strip():
            self.notify("The editor is empty.", severity="warning")
            return False
        return True

    def action_submit(self) -> None:
        if self._ready():
            self.save_draft_now()
            self.queue_run("submit", self.editor.text, self.language, "")

    def action_run_samples(self) -> None:
        if self._ready():
            if not any(t.is_sample for t in self.tests):
                self.notify("This problem has no sample tests: submit runs them all.", severity="warning")
                return
            self.save_draft_now()
            self.queue_run("samples", self.editor.text, self.language, "")

    def action_run_custom(self) -> None:
        if self._ready():
            self.save_draft_now()
            self.query_one(TabbedContent).active = "tab-custom"
            self.query_one("#custom-output", Static).update(
                Text("queued, waiting for the worker…", style="dim")
            )
            self.queue_run(
                "custom", self.editor.text, self.language, self.query_one("#custom-input", TextArea).text
            )

    @work(thread=True, exit_on_error=False, group="queue")
    def queue_run(self, kind: str, code: str, lang: str, custom_input: str) -> None:
        app = self.algoitny
        try:
            if kind == "submit":
                from algoitny_tui.worker.client import submit

                job = submit(app.settings, app.repos, self.problem_id, code, lang)
                tests = [(t.test_case_id, t.input, t.expected_output) for t in self.tests]
                run = ActiveRun(job.id, kind, "Submission", tests=tests)
            else:
                # run_tests_task: judged like a submission, the results in the job; no history is written.
                from algoitny_tui.worker.client import run_trial

                if kind == "samples":
                    cases = [(t.test_case_id, t.input, t.expected_output) for t in self.tests if t.is_sample]
                    job = run_trial(app.settings, app.repos, self.problem_id, code, lang, samples_only=True)
                    title = "Samples"
                else:
                    cases = [(CUSTOM_TEST, custom_input, None)]
                    job = run_trial(
                        app.settings,
                        app.repos,
                        self.problem_id,
                        code,
                        lang,
                        tests=[{"test_case_id": CUSTOM_TEST, "input": custom_input, "expected_output": None}],
                    )
                    title = "Custom input"
                run = ActiveRun(job.id, kind, title, tests=cases)
        except Exception as exc:
            self.post_message(self.RunFailed(kind, str(exc)))
            raise
        run.draft_key = draft_key(code, lang)
        self.post_message(self.Queued(run))

    def on_solve_screen_queued(self, message: Queued) -> None:
        run = message.run
        self.poller.follow(run)
        if run.kind in ("submit", "samples"):
            self.query_one(TabbedContent).active = "tab-results"
            self.results.start(run.title, run.tests)
        elif run.kind == "hint":
            self.query_one(TabbedContent).active = "tab-hints"
            self.query_one("#hints", Markdown).update(
                hints_markdown(self.last_submission) + "\n\n_Writing a hint… the app stays usable._"
            )

    def on_solve_screen_run_failed(self, message: RunFailed) -> None:
        if message.kind in ("submit", "samples"):
            self.results.failed_message(f"not queued: {message.error}")

    @on(RunPoller.Progress, "#solve-poller")
    def _run_progress(self, message: RunPoller.Progress) -> None:
        run, update, fresh = message.run, message.update, message.fresh
        job = update.job
        if run.kind in ("submit", "samples"):
            for line in fresh:
                if line.step == "test":
                    self.results.add_progress(line.detail)
            done = sum(1 for r in self.results.table.rows if self._row_done(r))
            if job.status == JobStatus.RUNNING:
                self.results.running(run.title, done, len(run.tests))
        if not message.finished:
            return
        history = update.history
        result: Mapping[str, Any] = job.result or {}
        trial = run.kind in ("samples", "custom")
        if (
            job.status != JobStatus.COMPLETED
            or (history is None and not trial)
            or (trial and "tests" not in result)
        ):
            error = job.error or (job.result or {}).get("error") or job.status.value
            if run.kind == "hint":
                self.notify(f"no hint: {error}", severity="error")
                self.query_one("#hints", Markdown).update(hints_markdown(self.last_submission))
            elif run.kind == "custom":
                self.query_one("#custom-output", Static).update(Text(f"run failed: {error}", style="red"))
            else:
                self.results.failed_message(f"{run.title}: {error}")
            return
        if run.kind == "samples":
            self.results.finish_trial(run.title, result)
            self.query_one(TestsPanel).record_results(run.draft_key, trial_results(result))
        elif run.kind == "custom":
            self._show_custom(result)
        elif history is None:
            return
        elif run.kind == "submit":
            self.results.finish(run.title, history)
            self.query_one(TestsPanel).record_results(run.draft_key, history.test_results)
            self.last_submission = history
            self.query_one("#hints", Markdown).update(hints_markdown(history))
            self.algoitny.submission_stored()
        elif run.kind == "hint":
            self.last_submission = history
            self.query_one("#hints", Markdown).update(hints_markdown(history))
            self.algoitny.submission_stored()  # the history changed: lists reload, and sync brings or takes it
            note = str(result.get("note") or "")
            # the one line on why Gemini was not used, where the user looks: the notification of the hint
            self.notify(
                f"A hint is ready (Hints tab). {note}".strip(),
                title="Hint",
                severity="warning" if note.startswith("Gemini") else "information",
            )

    def _row_done(self, key: Any) -> bool:
        cell = self.results.table.get_cell(key, "verdict")
        return str(cell) not in ("…", "")

    def _show_custom(self, trial: Mapping[str, Any]) -> None:
        tests = trial_results(trial)
        result = tests[0] if tests else None
        out = Text()
        if trial.get("verdict") == "CE":
            out.append("compile error\n", style=VERDICT_STYLE["CE"])
            out.append(str((trial.get("compile") or {}).get("message") or ""))
        elif result is not None:
            shown = result.verdict if result.verdict != "AC" else "ran"
            out.append(f"{shown}", style=VERDICT_STYLE.get(result.verdict, "bold green"))
            out.append(f"  {result.time_ms} ms  {result.memory_kb} KB\n", style="dim")
            out.append("output:\n", style="bold")
            out.append(result.output or "(no output)")
            if result.error:
                out.append("\nerror output:\n", style="bold")
                out.append(result.error)
        self.query_one("#custom-output", Static).update(out)

    # --- hints --------------------------------------------------------------------------------------------------

    def action_hint(self) -> None:
        history = self.last_submission
        if history is None:
            self.notify(
                "Submit first (ctrl+s): hints are written for a failed submission.", severity="warning"
            )
            return
        if history.accepted:
            self.notify("This submission is accepted: no hint needed.")
            return
        if any(r.kind == "hint" for r in self.poller.runs.values()):
            self.notify("A hint is already being written.")
            return
        self.queue_hint(history.id, bool(history.hints))

    @work(thread=True, exit_on_error=False, group="queue-hint")
    def queue_hint(self, history_id: int, more: bool) -> None:
        from algoitny_tui.worker.client import request_hints

        job = request_hints(self.algoitny.settings, self.algoitny.repos, history_id, more=more)
        self.post_message(self.Queued(ActiveRun(job.id, "hint", "Hint", history_id=history_id)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="reload-tests")
    def on_stress_panel_test_added(self, message: StressPanel.TestAdded) -> None:
        """The Stress tab added a test: submissions from now on show it too."""
        platform, _, number = self.problem_id.partition("#")
        found = self.algoitny.repos.problems.get_problem_with_testcases(platform, number)
        if found is not None:
            self.app.call_from_thread(setattr, self, "tests", found[1])

    def action_stress_tab(self) -> None:
        """The Stress tab, its Start button focused (enter starts)."""
        self.query_one(TabbedContent).active = "tab-stress"
        self.query_one(StressPanel).query_one("#stress-start").focus()

    def action_write_generator(self) -> None:
        """A random-input generator for this problem, in the editor's language (screens/generator.py)."""
        from algoitny_tui.screens.generator import GeneratorScreen

        if self.problem is not None:
            self.app.push_screen(GeneratorScreen(self.problem, self.tests, self.language))

    # --- buttons and the rest -----------------------------------------------------------------------------------

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        actions = {
            "run-samples": self.action_run_samples,
            "submit": self.action_submit,
            "run-custom": self.action_run_custom,
            "hint": self.action_hint,
        }
        if event.button.id in actions:
            actions[event.button.id]()

    def _show_statement_pane(self, visible: bool, width: int) -> None:
        view = self.query_one("#statement", ProblemView)
        view.display = visible
        view.styles.width = f"{width}%"
        self.query_one("#solve-right").styles.width = "1fr"

    def action_toggle_statement(self) -> None:
        prefs = self.algoitny.prefs
        self._show_statement_pane(not prefs.statement_visible, prefs.statement_width)
        self.algoitny.save_prefs(statement_visible=not prefs.statement_visible)

    def action_statement_width(self, step: int) -> None:
        from algoitny_tui.prefs import STATEMENT_WIDTHS

        prefs = self.algoitny.prefs
        width = min(max(prefs.statement_width + step, STATEMENT_WIDTHS[0]), STATEMENT_WIDTHS[-1])
        self._show_statement_pane(True, width)
        self.algoitny.save_prefs(statement_width=width, statement_visible=True)

    def action_toggle_soft_wrap(self) -> None:
        self.editor.soft_wrap = not self.editor.soft_wrap
        self.algoitny.save_prefs(soft_wrap=self.editor.soft_wrap)
        self.notify(f"soft wrap {'on' if self.editor.soft_wrap else 'off'}", timeout=2)

    def action_next_tab_width(self) -> None:
        from algoitny_tui.prefs import TAB_WIDTHS

        current = self.editor.indent_width
        width = TAB_WIDTHS[(TAB_WIDTHS.index(current) + 1) % len(TAB_WIDTHS)] if current in TAB_WIDTHS else 4
        self.editor.indent_width = width
        self.algoitny.save_prefs(tab_width=width)
        self.notify(f"tab width {width}", timeout=2)

    # --- file I/O: which files the problem's program reads and writes ---------------------------------------------

    def action_file_io(self) -> None:
        if self.problem is None:
            return
        from algoitny_tui.screens.file_io_dialog import FileIODialog

        def chosen(io: FileIO | None) -> None:
            if io is not None and self.problem is not None and io != self.problem.io:
                self.save_file_io(io)

        self.app.push_screen(FileIODialog(self.problem_id, self.problem.io), chosen)

    @work(thread=True, exit_on_error=False, group="file-io")
    def save_file_io(self, io: FileIO) -> None:
        platform, _, number = self.problem_id.partition("#")
        problem = self.algoitny.repos.problems.set_file_io(platform, number, io)
        self.post_message(self.IoSettingSaved(problem))

    def on_solve_screen_io_setting_saved(self, message: IoSettingSaved) -> None:
        self.problem = message.problem
        self.query_one(ProblemView).show(message.problem, [t for t in self.tests if t.is_sample])
        self.notify(f"File I/O: the program {message.problem.io.describe()}", timeout=4)

    def action_back(self) -> None:
        self.save_draft_now()
        self.dismiss()
