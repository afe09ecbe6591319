"""A yes/no question: quitting during a cool-down, deleting an episode.

The buttons and the footer say what each key does in the question's own words ("y Delete", "n Keep"),
and Enter always presses the focused no: the yes button is for y or a click, never for Enter.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Static

from cooldown.tui.dialogs.dialog import Dialog


class ConfirmDialog(Dialog[bool]):
    """Dismisses with True for yes (y), False for no (n, Escape or Enter). No is focused, and stays so."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", tooltip="Yes, go ahead", id="confirm-yes"),
        Binding("n,escape", "answer(False)", "No", tooltip="No, go back", id="confirm-no"),
    ]

    def __init__(self, title: str, body: str, *, yes: str, no: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body
        self.yes = yes
        self.no = no
        words = {"confirm-yes": yes, "confirm-no": no}
        keys = self._bindings.key_to_bindings
        for key, bindings in keys.items():
            keys[key] = [
                replace(binding, description=words.get(binding.id or "", binding.description)) for binding in bindings
            ]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.title_text, id="dialog-title", markup=False)
            yield Static(self.body, id="dialog-body", markup=False)
            with Horizontal(id="dialog-buttons"):
                yes = Button(f"{self.yes} (y)", id="yes", variant="error" if "Delete" in self.yes else "primary")
                yes.can_focus = False  # Enter never says yes: only y (or a click) does
                yield yes
                yield Button(f"{self.no} (n, Enter)", id="no")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
