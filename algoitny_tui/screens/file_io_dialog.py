"""The file I/O dialog of the solve screen (`alt+f`): which file the problem's program reads its input from and
which it writes its answer to; empty for standard input / output. Names are checked as the judge checks them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Static

from algoitny_tui.file_io import FileIO, optional_io_file_name
from algoitny_tui.screens.base import AppModal


class FileIODialog(AppModal):
    """Dismissed with the new FileIO on save, None on cancel; a bad name keeps it open and says what is wrong."""

    DEFAULT_CSS = """
    FileIODialog { align: center middle; }
    FileIODialog > Vertical { width: 72; height: auto; border: thick $primary; background: $surface; padding: 1 2; }
    FileIODialog Input { margin-bottom: 1; }
    FileIODialog #file-io-error { color: $error; height: auto; }
    FileIODialog Horizontal { height: auto; margin-top: 1; }
    FileIODialog Button { margin-right: 2; }
    """
    BINDINGS = [("escape", "cancel", "Cancel")]

    def __init__(self, problem_id: str, current: FileIO) -> None:
        super().__init__()
        self.problem_id = problem_id
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"[b]File I/O of {self.problem_id}[/b]\nLeave a name empty for standard input / output."
            )
            yield Label("Input file (the program reads it from its working directory)")
            yield Input(self.current.input_file or "", placeholder="standard input", id="file-io-input")
            yield Label("Output file (the program writes its answer to it)")
            yield Input(self.current.output_file or "", placeholder="standard output", id="file-io-output")
            yield Checkbox(
                "The input is on standard input too", self.current.input_on_stdin, id="file-io-stdin"
            )
            yield Static("", id="file-io-error")
            with Horizontal():
                yield Button("Save", id="file-io-save", variant="primary")
                yield Button("Cancel", id="file-io-cancel")

    def on_mount(self) -> None:
        self.query_one("#file-io-input", Input).focus()

    def chosen(self) -> FileIO:
        """The form as a FileIO; ValueError naming the field when a name is not a plain file name."""
        input_file = optional_io_file_name(
            self.query_one("#file-io-input", Input).value.strip(), "input file"
        )
        output_file = optional_io_file_name(
            self.query_one("#file-io-output", Input).value.strip(), "output file"
        )
        also_stdin = self.query_one("#file-io-stdin", Checkbox).value and input_file is not None
        return FileIO(input_file, output_file, also_stdin)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "file-io-cancel":
            self.dismiss(None)
        else:
            self.save()

    def on_input_submitted(self) -> None:
        self.save()

    def save(self) -> None:
        try:
            chosen = self.chosen()
        except ValueError as exc:
            self.query_one("#file-io-error", Static).update(str(exc))
            return
        self.dismiss(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
