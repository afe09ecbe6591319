"""The closing words: what was saved and how the month looks (and, once a week, the look back offered)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from cooldown.session.history import History
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.statement_card import StatementCard

REVIEW_OFFER = (
    "There is a week to look back on, whenever you like: h for the history, then k (or type cooldown review)."
)
"""Offered, never forced: shown a week after the look back was last opened, or, never opened, once there is a
week before this one to see (see `History.review_due`); only opening it counts as seen."""


class SummaryScreen(StepScreen):
    """Enter, Escape or q closes the app."""

    DEFAULT_CSS = """
    SummaryScreen {
        #review-offer {
            width: 100%;
            text-align: center;
            color: $text-muted;
            margin-top: 1;
        }
    }
    """

    step_label = "Done"

    BINDINGS = [
        Binding("enter,escape,q", "close", "Close", tooltip="Close cooldown", id="close"),
    ]

    def compose_body(self) -> ComposeResult:
        summary = self.run.month_summary() if self.run.saving else None
        text = f"Saved.\n{summary}." if summary else "Thank you for taking the time."
        yield StatementCard(text, id="month-summary")
        if self.run.saving and History(self.run.logbook, self.run.clock).review_due():
            yield Static(REVIEW_OFFER, id="review-offer", markup=False)
        yield Static("Press Enter to close.", id="hint")

    def action_close(self) -> None:
        self.app.exit()
