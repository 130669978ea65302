"""The footer: the keys of the focused screen and widget, and the command palette's key on the right.

It looks like Textual's `Footer` and reads the same bindings (`screen.active_bindings`, refreshed on
`bindings_updated_signal`), but it is one widget drawing one line, where `Footer` mounts a widget per key and
restyles each of them: about a fifth of the app's first frame with ten keys. A click on a key presses it.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget


class KeyFooter(Widget):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description", "key-footer--palette"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyFooter > .key-footer--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyFooter > .key-footer--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyFooter > .key-footer--palette {
        color: $foreground 20%;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str, bool]] = []
        """(first cell, end cell, key, enabled) of each key drawn: what a click presses."""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        if screen is self.screen:
            self.refresh()

    def keys(self) -> tuple[list[tuple[str, str, str, bool]], tuple[str, str, str, bool] | None]:
        """(key, shown key, description, enabled) of each binding shown, one per action; and the palette's."""
        app = self.app
        active = self.screen.active_bindings
        shown: list[tuple[str, str, str, bool]] = []
        actions: set[str] = set()
        for _node, binding, enabled, _tooltip in active.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            shown.append((binding.key, app.get_key_display(binding), binding.description, enabled))
        palette = None
        if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
            _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
            palette = (binding.key, app.get_key_display(binding), binding.description, enabled)
        return shown, palette

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-footer--key")
        description_style = self.get_component_rich_style("key-footer--description")
        shown, palette = self.keys()
        text = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, str, bool]] = []

        def add(key: str, display: str, description: str, enabled: bool, compact: bool = False) -> None:
            start = text.cell_len
            dim = Style(dim=not enabled)
            text.append(display if compact else f" {display} ", key_style + dim)
            if description:
                text.append(f" {description}" if compact else f"{description} ", description_style + dim)
            spans.append((start, text.cell_len, key, enabled))

        for item in shown:
            add(*item)
        if palette is not None:  # docked right, compact, after a thin rule (as Footer draws it)
            key, display, description, enabled = palette
            right = 1 + cell_len(display) + (cell_len(f" {description}") if description else 0) + 1
            room = self.size.width - right
            if room >= 0:
                if text.cell_len > room:  # too many keys: the palette's key covers the last ones
                    text.truncate(room)
                    spans = [(a, min(b, room), k, e) for a, b, k, e in spans if a < room]
                text.append(" " * (room - text.cell_len))
                text.append("▏", self.get_component_rich_style("key-footer--palette"))
                add(key, display, description, enabled, compact=True)
                text.append(" ")
        self._spans = spans
        return text

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, key, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
