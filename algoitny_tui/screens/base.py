"""What every screen of the app shares: a typed handle on the app, and worker errors sent to its one handler."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.screen import ModalScreen, Screen
from textual.worker import Worker

if TYPE_CHECKING:
    from algoitny_tui.app import AlgoitnyApp


class AppScreen(Screen[Any]):
    @property
    def algoitny(self) -> AlgoitnyApp:
        return cast("AlgoitnyApp", self.app)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.algoitny.report_worker(event)


class AppModal(ModalScreen[Any]):
    @property
    def algoitny(self) -> AlgoitnyApp:
        return cast("AlgoitnyApp", self.app)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.algoitny.report_worker(event)
