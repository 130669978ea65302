"""The status bar: worker (alive, queue length), store and sync state, and the judge's sandbox on this machine;
the app keeps `status_text` fresh."""

from __future__ import annotations

from dataclasses import dataclass

from textual.widgets import Static


@dataclass(frozen=True)
class StatusInfo:
    workers: int = 0
    queued: int | None = None
    store: str = "sqlite"
    sync: str = "off"
    busy: str = ""
    """What the app is doing in the background (loading the pack, ...)."""
    sandbox: str = ""
    """Which sandbox the local judge runs programs in, or why it cannot judge here."""

    def text(self) -> str:
        worker = f"worker: alive ({self.workers})" if self.workers else "worker: not running"
        queue = f"queue: {self.queued}" if self.queued is not None else "queue: ?"
        parts = [worker, queue, f"store: {self.store}", f"sync: {self.sync}"]
        if self.sandbox:
            parts.append(f"sandbox: {self.sandbox}")
        if self.busy:
            parts.append(self.busy)
        return "  ·  ".join(parts)


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $text-muted; padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "status_text", self._show, init=True)

    def _show(self, text: str) -> None:
        self.update(text)
