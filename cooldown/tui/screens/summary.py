"""The closing words: what was saved and how the month looks."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.statement_card import StatementCard


class SummaryScreen(StepScreen):
    """Enter, Escape or q closes the app."""

    step_label = "Done"

    BINDINGS = [
        Binding("enter,escape,q", "close", "Close", tooltip="Close cooldown", id="close"),
    ]

    def compose_body(self) -> ComposeResult:
        summary = self.run.month_summary() if self.run.saving else None
        text = f"Saved.\n{summary}." if summary else "Thank you for taking the time."
        yield StatementCard(text, id="month-summary")
        yield Static("Press Enter to close.", id="hint")

    def action_close(self) -> None:
        self.app.exit()
