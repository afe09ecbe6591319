"""The whole script, with the person's choices filled in, to read aloud."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from cooldown.core.returntime import format_clock
from cooldown.tui.screens.step import StepScreen
from cooldown.tui.widgets.statement_card import StatementCard


class SayItScreen(StepScreen):
    """Read it aloud, then start the cool-down."""

    step_label = "Say it, then go"

    BINDINGS = [
        Binding(
            "enter,space",
            "start",
            "Start cool-down",
            key_display="⏎",
            tooltip="Start the timer (Enter or space)",
            id="start",
        ),
        Binding("escape", "back", "Back", tooltip="Back to the return time, to change it", id="back"),
    ]

    def compose_body(self) -> ComposeResult:
        episode = self.run.episode
        assert episode is not None and episode.activity and episode.return_at
        time = format_clock(episode.return_at, self.run.clock())
        script = self.run.script(episode.activity, time)
        yield StatementCard("\n\n".join(script), id="script")
        yield Static("Read it aloud, then press Enter to start your cool-down.", id="hint")

    def action_start(self) -> None:
        self.forward()

    def action_back(self) -> None:
        self.run.reconsider()
        self.back()
