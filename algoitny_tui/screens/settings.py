"""Settings in the app: store and sync, the queue (worker backend), the Gemini key (never shown in full), the user,
and the competitive-companion listener. Saved with `write_settings` (the file is readable by its owner only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static, Switch

from algoitny_tui.screens.base import AppScreen
from algoitny_tui.widgets.key_footer import KeyFooter
from algoitny_tui.widgets.status_bar import StatusBar

DEFAULT_COMPANION_PORT = 27121


def mask_key(key: str | None) -> str:
    """`AIzaSyD…f3k9`: enough to tell keys apart, never the whole key."""
    if not key:
        return "not set"
    if len(key) <= 8:
        return "…" + key[-2:]
    return f"{key[:4]}…{key[-4:]}"


class SettingsScreen(AppScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save settings"),
        Binding("ctrl+g", "check_gemini", "Test Gemini key"),
    ]

    @dataclass
    class Saved(Message):
        path: str

    def compose(self) -> ComposeResult:
        s = self.algoitny.settings
        with VerticalScroll(id="settings-form"):
            yield Static(f"Settings file: {s.locations.settings_file}", id="settings-file")
            yield from self._row(
                "Store",
                Select(
                    [("SQLite (this machine)", "sqlite"), ("DynamoDB", "dynamodb")],
                    value=s.store,
                    allow_blank=False,
                    id="set-store",
                    compact=True,
                ),
            )
            yield from self._row(
                "DynamoDB table", Input(s.dynamodb_table, id="set-dynamodb-table", compact=True)
            )
            yield from self._row(
                "DynamoDB region", Input(s.dynamodb_region, id="set-dynamodb-region", compact=True)
            )
            yield from self._row(
                "DynamoDB endpoint",
                Input(s.dynamodb_endpoint or "", placeholder="AWS", id="set-dynamodb-endpoint", compact=True),
            )
            yield from self._row("Sync with DynamoDB", Switch(s.sync == "on", id="set-sync"))
            yield from self._row(
                "Worker queue",
                Select(
                    [("SQLite (this machine)", "sqlite"), ("Redis", "redis")],
                    value=s.queue,
                    allow_blank=False,
                    id="set-queue",
                    compact=True,
                ),
            )
            yield from self._row("Redis URL", Input(s.redis_url, id="set-redis-url", compact=True))
            yield from self._row(
                "Gemini API key",
                Input(
                    "",
                    password=True,
                    id="set-gemini-key",
                    placeholder=f"{mask_key(s.gemini_key())} (type to replace)",
                    compact=True,
                ),
            )
            yield from self._row("Gemini model", Input(s.gemini_model, id="set-gemini-model", compact=True))
            yield from self._row("User", Input(s.user, id="set-user", compact=True))
            yield from self._row("Competitive companion", Switch(s.companion, id="set-companion"))
            yield from self._row(
                "Companion port",
                Input(str(s.companion_port), id="set-companion-port", type="integer", compact=True),
            )
            with Horizontal(id="settings-actions"):
                yield Button("Save", id="settings-save", variant="primary", compact=True)
                yield Button("Test Gemini key", id="settings-check-gemini", compact=True)
                yield Static("", id="settings-status")
        yield StatusBar()
        yield KeyFooter()

    def _row(self, label: str, widget: Any) -> ComposeResult:
        with Horizontal(classes="settings-row"):
            yield Label(label, classes="settings-label")
            yield widget

    def values(self) -> dict[str, Any]:
        def text(selector: str) -> str:
            return self.query_one(selector, Input).value.strip()

        values: dict[str, Any] = {
            "store": self.query_one("#set-store", Select).value,
            "dynamodb_table": text("#set-dynamodb-table"),
            "dynamodb_region": text("#set-dynamodb-region"),
            "dynamodb_endpoint": text("#set-dynamodb-endpoint") or None,
            "sync": "on" if self.query_one("#set-sync", Switch).value else "off",
            "queue": self.query_one("#set-queue", Select).value,
            "redis_url": text("#set-redis-url"),
            "gemini_model": text("#set-gemini-model"),
            "user": text("#set-user"),
        }
        key = text("#set-gemini-key")
        if key:  # an empty box keeps the stored key
            values["gemini_api_key"] = key
        port = text("#set-companion-port")
        values["companion"] = self.query_one("#set-companion", Switch).value
        values["companion_port"] = int(port) if port.isdigit() else DEFAULT_COMPANION_PORT
        return values

    @on(Button.Pressed, "#settings-save")
    def action_save(self) -> None:
        self.save(self.values())

    @work(thread=True, exclusive=True, exit_on_error=False, group="save")
    def save(self, values: dict[str, Any]) -> None:
        from algoitny_tui.config import load_settings, write_settings

        app = self.algoitny
        try:
            path = write_settings(values, app.settings.locations)
            fresh = load_settings(app.settings.locations)
        except Exception as exc:  # a value the settings refuse: said on the form
            self.app.call_from_thread(self._status, Text(f"not saved: {exc}", "red"))
            return
        self.app.call_from_thread(self._apply, fresh, str(path))

    @on(Button.Pressed, "#settings-check-gemini")
    def action_check_gemini(self) -> None:
        """One small request with the key and model on the form (saved or not): the model that answered, or why
        not, in the status line."""
        from pydantic import SecretStr

        values = self.values()
        update: dict[str, Any] = {
            "gemini_model": values["gemini_model"] or self.algoitny.settings.gemini_model
        }
        if "gemini_api_key" in values:
            update["gemini_api_key"] = SecretStr(values["gemini_api_key"])
        self._status(Text("Asking Gemini…", "yellow"))
        self.check_gemini(self.algoitny.settings.model_copy(update=update))

    @work(thread=True, exclusive=True, exit_on_error=False, group="check-gemini")
    def check_gemini(self, settings: Any) -> None:
        from algoitny_tui.gemini import GeminiError, check_key

        try:
            answer = check_key(settings)
        except GeminiError as exc:  # scrubbed: the key is never in it
            # the status line holds the short reason; the notification the whole message
            self.app.call_from_thread(self._status, Text(f"Gemini check failed: {exc.reason}", "red"))
            self.app.call_from_thread(self.notify, str(exc), title="Gemini check failed", severity="error")
            return
        self.app.call_from_thread(
            self._status,
            Text(f"Gemini answered: model {answer.model} (gemini_model = {settings.gemini_model})", "green"),
        )

    def _apply(self, fresh: Any, path: str) -> None:
        app = self.algoitny
        changed_backend = (fresh.store, fresh.queue) != (app.settings.store, app.settings.queue)
        app.settings = fresh
        app.start_companion()
        app.configure_sync()
        app.refresh_status()
        key = self.query_one("#set-gemini-key", Input)
        key.value = ""
        key.placeholder = f"{mask_key(fresh.gemini_key())} (type to replace)"
        note = " Restart the app to use the new store or queue." if changed_backend else ""
        self._status(Text(f"Saved to {path}.{note}", "green"))
        self.notify(f"Settings saved.{note}", title="Settings")

    def _status(self, text: Text) -> None:
        self.query_one("#settings-status", Static).update(text)
