"""Ask for more time: a new return time, read by the same rules as statement 4."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from cooldown.core.instant import elapsed
from cooldown.core.returntime import suggest_return
from cooldown.tui.widgets.return_time_field import ReturnTimeField

if TYPE_CHECKING:
    from cooldown.tui.app import CooldownApp

EXTRA_MINUTES = 15
"""The suggested new time is this much after the current one (and never too short)."""


class MoreTimeDialog(ModalScreen[datetime | None]):
    """Dismisses with the new return time, or None if they keep the old one."""

    BINDINGS = [
        Binding("escape", "cancel", "Keep the time", tooltip="Keep the current return time", id="cancel"),
    ]

    def __init__(self, return_at: datetime) -> None:
        super().__init__()
        self.return_at = return_at

    def compose(self) -> ComposeResult:
        flow = cast("CooldownApp", self.app).flow
        now = flow.clock()
        later = elapsed(now, self.return_at) + timedelta(minutes=EXTRA_MINUTES)
        limits = flow.settings.cooldown
        minutes_from_now = limits.suggestion_minutes(max(later // timedelta(minutes=1), limits.minimum_minutes))
        with Vertical(id="dialog"):
            yield Static("More time is fine. When will you be back?", id="dialog-title")
            yield ReturnTimeField(
                suggest_return(now, minutes_from_now), flow.clock, flow.settings.cooldown, id="new-return-time"
            )
            yield Static("Enter to set it · Escape to keep the current time", id="dialog-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ReturnTimeField).input.focus()  # the suggestion is selected: typing replaces it

    @on(ReturnTimeField.Chosen)
    def _chosen(self, event: ReturnTimeField.Chosen) -> None:
        self.dismiss(event.return_time.at)

    def action_cancel(self) -> None:
        self.dismiss(None)
