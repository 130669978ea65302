"""The dialog that adds or edits one of the user's tests: its input, its expected answer (or none yet), sample."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, TextArea


@dataclass(frozen=True)
class TestDraft:
    """What the dialog gives back: the test as the user wrote it."""

    __test__ = False  # not a pytest test class

    input: str
    expected_output: str | None
    """None: no answer yet (generate answers fills it in)."""
    sample: bool


class TestEditor(ModalScreen[TestDraft | None]):
    """Dismissed with a TestDraft on save (ctrl+s), with None on cancel (escape)."""

    __test__ = False  # not a pytest test class

    DEFAULT_CSS = """
    TestEditor { align: center middle; }
    TestEditor > Vertical { width: 90%; height: 90%; border: thick $primary; background: $surface; padding: 0 1; }
    TestEditor #test-editor-title { text-style: bold; height: 1; }
    TestEditor .test-editor-label { height: 1; color: $text-muted; }
    TestEditor TextArea { height: 1fr; }
    TestEditor Horizontal { height: auto; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save test", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, draft: TestDraft | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.draft = draft or TestDraft("", "", False)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, id="test-editor-title")
            yield Label("input", classes="test-editor-label")
            yield TextArea(self.draft.input, id="test-input", soft_wrap=False)
            yield Label("expected answer", classes="test-editor-label")
            yield TextArea(
                self.draft.expected_output or "",
                id="test-answer",
                soft_wrap=False,
                disabled=self.draft.expected_output is None,
            )
            with Horizontal():
                yield Checkbox("no answer yet", self.draft.expected_output is None, id="test-no-answer")
                yield Checkbox("sample", self.draft.sample, id="test-sample")
                yield Button("Save (ctrl+s)", id="test-save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="test-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#test-input", TextArea).focus()

    @on(Checkbox.Changed, "#test-no-answer")
    def _no_answer(self, event: Checkbox.Changed) -> None:
        self.query_one("#test-answer", TextArea).disabled = event.value

    @on(Button.Pressed, "#test-save")
    def action_save(self) -> None:
        no_answer = self.query_one("#test-no-answer", Checkbox).value
        answer = None if no_answer else self.query_one("#test-answer", TextArea).text
        self.dismiss(
            TestDraft(
                _with_newline(self.query_one("#test-input", TextArea).text),
                _with_newline(answer) if answer is not None else None,
                self.query_one("#test-sample", Checkbox).value,
            )
        )

    @on(Button.Pressed, "#test-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _with_newline(text: str) -> str:
    """Typed text gets the final newline that test files have (programs reading lines expect it)."""
    return text if not text or text.endswith("\n") else text + "\n"
