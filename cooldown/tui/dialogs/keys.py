"""Every key of a screen, for when the footer cannot hold them all."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from cooldown.tui.dialogs.dialog import Dialog


class KeysDialog(Dialog[None]):
    """A two-column list of keys and what they do; any of ?, Escape or Enter closes it."""

    BINDINGS = [
        Binding("escape,question_mark,enter", "close", "Close", tooltip="Close the list of keys", id="keys-close"),
    ]

    def __init__(self, title: str, keys: Iterable[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.keys = list(keys)

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, description in self.keys:
            table.add_row(Text(key), Text(description))
        with Vertical(id="dialog"):
            yield Static(self.title_text, id="dialog-title", markup=False)
            yield Static(table, id="keys-table")
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
