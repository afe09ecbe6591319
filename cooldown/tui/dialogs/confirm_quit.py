"""Confirm leaving the app while a cool-down runs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Button, Static


class ConfirmQuitDialog(ModalScreen[bool]):
    """Dismisses with True to quit, False to stay."""

    BINDINGS = [
        Binding("y", "answer(True)", "Quit", tooltip="Quit; the cool-down keeps running", id="confirm-quit"),
        Binding("n,escape", "answer(False)", "Stay", tooltip="Stay in the cool-down", id="stay"),
    ]

    def __init__(self, until: str) -> None:
        super().__init__()
        self.until = until

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Leave for now?", id="dialog-title")
            yield Static(
                f"Your cool-down keeps running until {self.until}. "
                "Type cooldown again to come back to it.",
                markup=False,
            )
            with Horizontal(id="dialog-buttons"):
                yield Button("Quit (y)", id="quit", variant="primary")
                yield Button("Stay (n)", id="stay")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "quit")

    def action_answer(self, quit: bool) -> None:
        self.dismiss(quit)
