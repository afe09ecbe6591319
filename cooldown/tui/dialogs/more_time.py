"""Ask for more time: a new return time, read by the same rules as statement 4."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from cooldown.clock import Clock
from cooldown.core.instant import elapsed
from cooldown.core.returntime import suggest_return
from cooldown.core.settings import CooldownLimits
from cooldown.tui.dialogs.dialog import Dialog
from cooldown.tui.widgets.return_time_field import ReturnTimeField

EXTRA_MINUTES = 15
"""The suggested new time is this much after the current one (and never too short)."""


class MoreTimeDialog(Dialog[datetime | None]):
    """Dismisses with the new return time, or None if they keep the old one."""

    BINDINGS = [
        Binding("escape", "cancel", "Keep the time", tooltip="Keep the current return time", id="cancel"),
    ]

    def __init__(self, return_at: datetime, clock: Clock, limits: CooldownLimits) -> None:
        super().__init__()
        self.return_at = return_at
        self.clock = clock
        self.limits = limits

    def compose(self) -> ComposeResult:
        now = self.clock()
        later = elapsed(now, self.return_at) + timedelta(minutes=EXTRA_MINUTES)
        limits = self.limits
        minutes_from_now = limits.suggestion_minutes(max(later // timedelta(minutes=1), limits.minimum_minutes))
        with Vertical(id="dialog"):
            yield Static("More time is fine. When will you be back?", id="dialog-title")
            yield ReturnTimeField(suggest_return(now, minutes_from_now), self.clock, limits, id="new-return-time")
            yield Static("Enter to set it · Escape to keep the current time", id="dialog-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ReturnTimeField).input.focus()  # the suggestion is selected: typing replaces it

    @on(ReturnTimeField.Chosen)
    def _chosen(self, event: ReturnTimeField.Chosen) -> None:
        self.dismiss(event.return_time.at)

    def action_cancel(self) -> None:
        self.dismiss(None)
